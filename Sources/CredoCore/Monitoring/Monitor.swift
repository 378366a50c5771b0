import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// What a monitoring run did and what it found.
public struct MonitorResult: Sendable {
  public var run: MonitoringRun
  /// The current findings of the run's scope, in the outcomes file's order; empty when the run was asked not to
  /// keep them (`keepOutcomes: false`: a state year has millions; `MonitoringRepository.eachCurrentOutcome` streams
  /// them from the database instead).
  public var outcomes: [StoredOutcome]
}

/// `credo monitor --year Y [--as-of D]`: evaluates every teacher-section (CRSE) and every non-classroom assignment
/// (SASS codes) of the year against the educators' documents valid on the census date (first Wednesday of
/// October, domain rule 70) or the date asked for, with the `AssignmentEngine`; stores the findings; and says what
/// is new, changed and resolved since the last run. Re-running with nothing changed writes nothing but the run
/// record. Given SEIDs, only those educators' assignments are re-evaluated (after one credential or schedule
/// change), and only their findings are touched.
///
/// A district analyst's run covers the reporting LEAs of their scope; the county office's covers the county.
///
/// A run decides and writes in batches inside one transaction, so memory holds the inputs and one batch of findings,
/// not every finding of the year (a state year has 2.5 million sections); the stored findings are compared by a
/// digest of their fingerprint, which a run computes without writing the findings' text (`FindingWriter`).
public struct Monitor: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// Findings written per batch.
  static let batchSize = 20_000

  /// `timings` gets the wall time of each phase (`credo monitor --timings`); `progress` one line per phase with its
  /// counts. With `keepOutcomes` false the result's `outcomes` is empty.
  public func run(
    year: SchoolYear, asOf requested: CalendarDate? = nil, seids: [String]? = nil, by viewer: Viewer,
    timings: PhaseTimings? = nil, keepOutcomes: Bool = true, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> MonitorResult {
    let scope = try viewer.require(.importData, "running assignment monitoring")
    let started = services.now
    let asOf = requested ?? MonitoringCycle.censusDate(for: year)
    let catalog = try await Catalog(services).current()
    timings?.end("load catalog")
    let inputs = try await load(year: year, seids: seids, scope: scope, timings: timings, progress: progress)

    // What is on file, to compare with.
    var onFile = try await MonitoringRepository(services.database.sql).findingStates(year: year, seids: seids)
    if !scope.isUnlimited { onFile = onFile.filter { scope.covers(reportingLEA: $0.value.reportingLea) } }
    timings?.end("load stored findings")
    progress("\(onFile.count.grouped) findings on file for \(year).")

    let engine = Self.engine(for: catalog)
    timings?.end("compile engine")
    let runId = UUID()
    let findingsOnFile = onFile
    let outcome = try await services.database.transaction(bulk: true) { db in
      var writer = FindingWriter(
        year: year, runId: runId, onFile: findingsOnFile, repository: MonitoringRepository(db), keep: keepOutcomes,
        timings: timings)
      try await writer.decide(inputs, engine: engine, asOf: asOf, progress: progress)
      try await writer.finish()
      let counts = writer.counts
      let run = MonitoringRun(
        id: runId, academicYear: year.description, asOf: asOf.iso,
        scope: seids.map { $0.sorted().joined(separator: " ") } ?? "all",
        catalogVersion: catalog.versionStamp, actorName: viewer.actor.name, startedAt: started,
        finishedAt: services.now, evaluated: counts.values.reduce(0, +), authorized: counts[.authorized] ?? 0,
        exceptions: counts[.exception] ?? 0, vacancies: counts[.vacancy] ?? 0,
        notMonitored: counts[.notMonitored] ?? 0, newFindings: writer.newCount, changedFindings: writer.changedCount,
        resolvedFindings: writer.resolvedCount)
      try await MonitoringRepository(db).insert(run)
      timings?.end("write run record")
      return MonitorResult(run: run, outcomes: writer.kept)
    }
    timings?.end("commit")
    let run = outcome.run
    progress(
      "Stored \(run.newFindings.grouped) new, \(run.changedFindings.grouped) changed and \(run.resolvedFindings.grouped) resolved findings."
    )
    guard keepOutcomes else { return outcome }
    let current = outcome.outcomes.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    return MonitorResult(run: run, outcomes: current)
  }

  /// The engine for `catalog`, compiled once per catalog version in this process and shared with the exception
  /// pages: compiling the crosswalk takes longer than re-evaluating one educator (`--seid`).
  static func engine(for catalog: ReferenceCatalog) -> AssignmentEngine {
    EngineCache.shared.engine(for: catalog.versionStamp) { AssignmentEngine(catalog: catalog) }
  }

  /// Loads the sections and staff assignments to evaluate (the scope's, or the SEIDs'), their rosters, the teachers
  /// with their current documents, recorded local assignment options and SDEM demographics, and the schools.
  func load(
    year: SchoolYear, seids: [String]?, scope: AccessScope, timings: PhaseTimings?,
    progress: @Sendable (String) -> Void
  ) async throws -> MonitorInputs {
    let db = services.database.sql
    let calpads = CalpadsRepository(db)
    var sections = try await calpads.sections(year: year, seids: seids)
    var assignments = try await calpads.assignments(year: year, seids: seids)
    if !scope.isUnlimited {
      sections.removeAll { !scope.covers(reportingLEA: $0.reportingLEA) }
      assignments.removeAll { !scope.covers(reportingLEA: $0.reportingLEA) }
    }
    // Co-teachers are other records of the same class, whoever they are: load the schools' sections when only
    // some SEIDs are re-evaluated.
    var classmates: [CourseSection]? = nil
    if seids != nil {
      classmates = try await calpads.sections(year: year, schoolCodes: Array(Set(sections.map(\.schoolCode))).sorted())
    }
    timings?.end("load CALPADS records")
    // A re-evaluation needs the rosters and schools of its sections only.
    let schoolCodes = seids == nil ? nil : Array(Set((classmates ?? sections).map(\.schoolCode))).sorted()
    let reading = Sink(SectionRosters.Reading())
    try await calpads.eachRoster(year: year, schoolCodes: schoolCodes) { key, roster in reading.value.add(key, roster) }
    let rosters = SectionRosters(reading.value, for: sections)
    reading.value = SectionRosters.Reading()
    timings?.end("load rosters")
    progress(
      "Loaded \(sections.count.grouped) sections, \(assignments.count.grouped) staff assignments and \(rosters.count.grouped) section rosters of \(year)."
    )

    // The teachers: every SEID named, with their current documents.
    let approvals = Dictionary(grouping: try await MonitoringRepository(db).approvals(year: year), by: \.seid)
    let staff = Dictionary(
      (try await calpads.staff(year: year, seids: seids)).map { ($0.seid, $0) }, uniquingKeysWith: { a, _ in a })
    let named = Set((classmates ?? sections).map(\.seid) + assignments.map(\.seid)).filter {
      !$0.isEmpty && $0 != SEID.vacancyPlaceholder
    }
    let ids = try await EducatorRepository(db).idsBySEID(named.compactMap { SEID($0) })
    let documents = try await CredentialRepository(db).currentDocuments(educatorIds: Array(ids.values))
    var teachers: [String: TeacherProfile] = [:]
    teachers.reserveCapacity(ids.count)
    for (seid, id) in ids {
      teachers[seid.digits] = TeacherProfile(
        seid: seid.digits, documents: documents[id] ?? [], approvals: approvals[seid.digits] ?? [],
        demographics: staff[seid.digits])
    }
    var schools: [String: SchoolSetting] = [:]
    let organizations =
      seids == nil
      ? try await OrganizationRepository(db).all()
      : try await OrganizationRepository(db).find(
        cdsCodes: Array(Set((classmates ?? sections).map(\.cdsCode) + assignments.map(\.cdsCode))).sorted())
    for organization in organizations where organization.kind == .school {
      schools[organization.cdsCode.digits] = SchoolSetting(organization)
    }
    timings?.end("load teachers and schools")
    progress(
      "Loaded \(teachers.count.grouped) educators with \(documents.values.reduce(0) { $0 + $1.count }.grouped) current documents and \(schools.count.grouped) schools."
    )
    return MonitorInputs(
      sections: sections, assignments: assignments, classmates: classmates, rosters: rosters, teachers: teachers,
      schools: schools)
  }

  /// Where a finding is: its assignment's key and the columns of its row that come from the assignment.
  struct Place {
    var year: String
    var assignmentKey: String
    var cds: String
    var lea: String
    var seid: String
    var localStaffId: String
    var localCourseId: String
    var sectionId: String
    var term: String
    var course: String
    var code: String
    /// The share of the teacher's classroom FTE, as stored: four decimals.
    var fte: Double

    init(
      year: String, assignmentKey: String, cds: String, lea: String, seid: String, localStaffId: String,
      localCourseId: String, sectionId: String, term: String, course: String, code: String, fte: Double
    ) {
      self.year = year
      self.assignmentKey = assignmentKey
      self.cds = cds
      self.lea = lea
      self.seid = seid
      self.localStaffId = localStaffId
      self.localCourseId = localCourseId
      self.sectionId = sectionId
      self.term = term
      self.course = course
      self.code = code
      self.fte = (fte * 10_000).rounded() / 10_000
    }
  }

  /// Identifies a finding across runs: its assignment, its exception type (or status) and its detail.
  static func outcomeKey(_ finding: AssignmentFinding, assignmentKey: String) -> String {
    assignmentKey + "|" + (finding.exceptionType?.rawValue ?? finding.status.rawValue) + "|" + finding.detail
  }

  /// The fingerprint of the row `stored` makes of `finding`, without writing its text.
  static func fingerprint(_ finding: AssignmentFinding, decision: AssignmentDecision, place: Place) -> StableDigest {
    StoredOutcome.fingerprint(
      finding, status: finding.status.rawValue, rule: finding.rule, citation: finding.citation,
      tamoOutcome: decision.tamoOutcome.rawValue, fte: place.fte, stateCourseCode: place.course,
      localStaffId: place.localStaffId, reportingLea: place.lea)
  }

  /// The row of `finding`, its basis and explanation written out.
  static func stored(
    _ finding: AssignmentFinding, decision: AssignmentDecision, place: Place, outcomeKey: String, fingerprint: String,
    runId: UUID
  ) -> StoredOutcome {
    StoredOutcome(
      academicYear: place.year, outcomeKey: outcomeKey, assignmentKey: place.assignmentKey, cdsCode: place.cds,
      reportingLea: place.lea, seid: place.seid, localStaffId: place.localStaffId, localCourseId: place.localCourseId,
      sectionId: place.sectionId, academicTerm: place.term, stateCourseCode: place.course, assignmentCode: place.code,
      status: finding.status.rawValue, exceptionType: finding.exceptionType?.rawValue ?? "", detail: finding.detail,
      basis: finding.basis, rule: finding.rule, citation: finding.citation, tamoOutcome: decision.tamoOutcome.rawValue,
      explanation: finding.explanation, fte: place.fte, fingerprint: fingerprint, firstRunId: runId, lastRunId: runId)
  }

}

extension StoredOutcome {
  /// The outcomes file's order: school, teacher, course, section, term, non-classroom code.
  var sortKey: [String] {
    [cdsCode, seid, localCourseId, sectionId, academicTerm, assignmentCode, outcomeKey]
  }
}

/// The outcomes file (interchange spec §4), one row per finding, with its header.
public enum OutcomesFile {
  public static let header = [
    "academic_year", "cds_code", "seid", "local_staff_id", "local_course_id", "section_id", "academic_term",
    "state_course_code", "assignment_code", "status", "exception_type", "detail", "basis", "rule", "tamo_outcome",
    "explanation",
  ]

  public static func csv(_ outcomes: [StoredOutcome]) -> String {
    var writer = CSVWriter(header: header)
    for o in outcomes {
      writer.append([
        o.academicYear, o.cdsCode, o.seid, o.localStaffId, o.localCourseId, o.sectionId, o.academicTerm,
        o.stateCourseCode, o.assignmentCode, o.status, o.exceptionType, o.detail, o.basis, o.rule, o.tamoOutcome,
        o.explanation,
      ])
    }
    return writer.text
  }

  /// Writes the current findings of `year` (or of the given SEIDs) from the database into a new file at `path`, in
  /// the file's order, streamed: a state year's file (millions of rows) is never held in memory. The bytes are
  /// those `csv(_:)` writes for the same findings. Returns the number of rows.
  public static func export(
    _ services: CredoServices, year: SchoolYear, seids: [String]? = nil, to path: String, by viewer: Viewer
  ) async throws -> Int {
    _ = try viewer.require(.importData, "exporting assignment outcomes")
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CoreError.invalid([FieldProblem(field: "out", message: "Cannot create \(path).")]) }
    defer { try? handle.close() }
    let sink = CSVFileSink(handle)
    sink.append(header, guardFormulas: false)
    try await MonitoringRepository(services.database.sql).eachCurrentOutcome(
      year: year, seids: seids, columns: header
    ) { sink.append($0, guardFormulas: true) }
    try sink.finish()
    return sink.rows - 1
  }
}

/// CSV lines written to a file in 1 MiB writes; the first write error is kept and reported by `finish`.
final class CSVFileSink: @unchecked Sendable {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var failure: (any Error)?
  private(set) var rows = 0

  init(_ handle: FileHandle) {
    self.handle = handle
    buffer.reserveCapacity(1 << 20)
  }

  func append(_ row: [String], guardFormulas: Bool) {
    var first = true
    for field in row {
      if !first { buffer.append(UInt8(ascii: ",")) }
      first = false
      if !appendPlain(field) {
        buffer.append(contentsOf: CSVWriter.escape(field, guardFormulas: guardFormulas).utf8)
      }
    }
    buffer.append(contentsOf: [13, 10])
    rows += 1
    if buffer.count >= 1 << 20 { flush() }
  }

  /// Appends `field` as `CSVWriter.escape` would write it, on its bytes, when that is certain without looking at
  /// characters: no formula guard to add (a first byte other than = + - @ tab CR), no line break, and either no
  /// comma or quote at all or only ASCII bytes (then quoted, quotes doubled). Otherwise appends nothing and returns
  /// false. `escape` walks `Character`s and Foundation's replacing; this path wrote most of a state year's 48 million
  /// cells in a fraction of the time.
  private func appendPlain(_ field: String) -> Bool {
    var field = field
    return field.withUTF8 { bytes in
      if let first = bytes.first,
        first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
          || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
      {
        return false
      }
      var quote = false
      var ascii = true
      for byte in bytes {
        switch byte {
        case 0x0A, 0x0D: return false
        case UInt8(ascii: ","), UInt8(ascii: "\""): quote = true
        case 0x80...: ascii = false
        default: break
        }
      }
      guard quote else {
        buffer.append(contentsOf: bytes)
        return true
      }
      guard ascii else { return false }
      buffer.append(UInt8(ascii: "\""))
      for byte in bytes {
        if byte == UInt8(ascii: "\"") { buffer.append(byte) }
        buffer.append(byte)
      }
      buffer.append(UInt8(ascii: "\""))
      return true
    }
  }

  private func flush() {
    guard failure == nil, !buffer.isEmpty else { return }
    do { try handle.write(contentsOf: buffer) } catch { failure = error }
    buffer.removeAll(keepingCapacity: true)
  }

  func finish() throws {
    flush()
    if let failure { throw failure }
  }
}
