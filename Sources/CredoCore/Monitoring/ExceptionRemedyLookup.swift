import CredoDomain
import CredoStore
import Foundation

extension ExceptionReview {
  /// What could fix one exception (issue 4): the assignment is rebuilt from the stored CALPADS records and the
  /// current documents, re-decided as of the run's date, and handed to the pure `ExceptionRemedies` with the other
  /// teachers of the school as candidates. Empty for vacancies, for findings the records no longer raise, and for
  /// exceptions already finalized.
  public func remedies(for detail: ExceptionDetail) async throws -> [ExceptionRemedy] {
    let o = detail.outcome
    guard o.status == "exception", detail.isCurrent, detail.state.status != .finalized else { return [] }
    let db = services.database.sql
    let year = detail.year
    let calpads = CalpadsRepository(db)
    let asOf =
      try await ExceptionRepository(db).runDate(id: o.lastRunId) ?? MonitoringCycle.censusDate(for: year)
    let schoolCode = String(o.cdsCode.suffix(7))
    let schoolSections = try await calpads.sections(year: year, schoolCodes: [schoolCode])
      .filter { $0.reportingLEA == o.reportingLea }
    let serviceRecords =
      o.assignmentCode.isEmpty
      ? [] : try await calpads.assignments(year: year, seids: [o.seid]).filter { $0.cdsCode == o.cdsCode }

    // The teacher and the school's other teachers, with their current documents and recorded options.
    let seids = Set(schoolSections.map(\.seid) + [o.seid]).filter { !$0.isEmpty && $0 != SEID.vacancyPlaceholder }
    let ids = try await EducatorRepository(db).ids(seids: seids.compactMap { SEID($0) })
    let documents = try await CredentialRepository(db).current(educatorIds: Array(ids.values))
    let approvals = Dictionary(grouping: try await MonitoringRepository(db).approvals(year: year), by: \.seid)
    let staff = Dictionary(
      (try await calpads.staff(year: year, seids: Array(seids))).map { ($0.seid, $0) }, uniquingKeysWith: { a, _ in a })
    var profiles: [String: TeacherProfile] = [:]
    for (seid, id) in ids {
      profiles[seid.digits] = TeacherProfile(
        seid: seid.digits, documents: documents[id] ?? [], approvals: approvals[seid.digits] ?? [],
        demographics: staff[seid.digits])
    }
    let candidates = profiles.filter { $0.key != o.seid }.sorted { $0.key < $1.key }.map(\.value)
    let organization = try await OrganizationRepository(db).find(cds: CDSCode(o.cdsCode)!)
    let school = organization.map(SchoolSetting.init) ?? SchoolSetting(cdsCode: o.cdsCode)
    let engine = try await engine()

    if !o.assignmentCode.isEmpty {
      guard let record = serviceRecords.first(where: { $0.assignmentCodes.contains(o.assignmentCode) }) else {
        return []
      }
      let assignment = ServiceAssignment(
        record: record, assignmentCode: o.assignmentCode, school: school, teacher: profiles[o.seid])
      guard let finding = engine.decide(assignment, asOf: asOf).findings.first(where: { matches($0, o) }) else {
        return []
      }
      return ExceptionRemedies.suggest(
        for: finding, in: assignment, engine: engine, candidates: candidates, asOf: asOf)
    }

    guard
      let section = schoolSections.first(where: {
        $0.seid == o.seid && $0.localCourseId == o.localCourseId && $0.sectionId == o.sectionId
          && $0.academicTermCode == o.academicTerm
      })
    else { return [] }
    let rosters = try await calpads.rosters(year: year, schoolCode: schoolCode)
    let mine = schoolSections.filter { $0.seid == section.seid && $0.key != section.key }
    var coTeachers: [SectionAssignment.CoTeacher] = []
    if !section.classId.isEmpty {
      for other in schoolSections where other.classId == section.classId && other.seid != section.seid {
        coTeachers.append(.init(section: other, teacher: profiles[other.seid]))
      }
    }
    let assignment = SectionAssignment(
      section: section, roster: rosters[section.key], coTeachers: coTeachers, otherSections: mine, school: school,
      teacher: profiles[section.seid])
    guard let finding = engine.decide(assignment, asOf: asOf).findings.first(where: { matches($0, o) }) else {
      return []
    }
    return ExceptionRemedies.suggest(for: finding, in: assignment, engine: engine, candidates: candidates, asOf: asOf)
  }

  /// The finding a stored outcome row was written from: same exception type and detail.
  func matches(_ finding: AssignmentFinding, _ outcome: StoredOutcome) -> Bool {
    finding.status == .exception && (finding.exceptionType?.rawValue ?? "") == outcome.exceptionType
      && finding.detail == outcome.detail
  }

  /// The engine over the current catalog, built once per catalog version (its compiled index is the costly part).
  func engine() async throws -> AssignmentEngine {
    let catalog = try await Catalog(services).current()
    return Monitor.engine(for: catalog)
  }
}

/// Engines by catalog version stamp, so each monitoring run and exception page does not rebuild the compiled index.
final class EngineCache: @unchecked Sendable {
  static let shared = EngineCache()
  private let lock = NSLock()
  private var engines: [String: AssignmentEngine] = [:]

  func engine(for stamp: String, build: () -> AssignmentEngine) -> AssignmentEngine {
    lock.lock()
    defer { lock.unlock() }
    if let engine = engines[stamp] { return engine }
    let engine = build()
    // A new catalog version replaces the old engine; keep memory to the one in use.
    engines = [stamp: engine]
    return engine
  }
}
