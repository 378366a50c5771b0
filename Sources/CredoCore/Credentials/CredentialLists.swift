import CredoDomain
import CredoStore
import Foundation

/// One row of the "status without the document it requires" list.
public struct EmploymentDocumentFinding: Sendable, Hashable {
  public var educator: Educator
  public var employment: EmploymentSummary
  public var finding: EmploymentDocumentRequirement.Finding
}

/// One educator who may teach a course, and by what.
public struct CourseCandidate: Sendable, Hashable {
  public var educator: Educator
  public var entry: TeachableCourses.Entry
  public var schools: [String]
}

/// The answer to "who in this district may teach course X at grade Y?".
public struct CourseCandidates: Sendable {
  public var courseCode: String
  public var course: StateCourse?
  public var grade: GradeLevel?
  public var rules: [CourseAuthorizationRule]
  public var candidates: [CourseCandidate]
  public var asOf: CalendarDate
}

/// The lists a credential analyst works from, and what documents authorize.
public struct CredentialLists: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  private var credentials: CredentialRepository { CredentialRepository(services.database.sql) }

  /// Current documents of educators in scope expiring from today through `days` ahead (0 = already lapsed
  /// documents still on file are not included; see `expired`).
  public func expiring(
    withinDays days: Int, window: ListWindow, by viewer: Viewer, forExport: Bool = false
  ) async throws
    -> Page<HeldDocument>
  {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing credentials")
    let today = services.today.date
    return try await credentials.expiring(
      from: today, through: today.adding(days: max(0, min(days, 3650))), scope: scope, window: window)
  }

  /// Active documents not registered with the county office and not yet forwarded for registration.
  public func unregistered(
    window: ListWindow, by viewer: Viewer, forExport: Bool = false
  ) async throws -> Page<HeldDocument> {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, "viewing credentials")
    return try await credentials.unregistered(scope: scope, window: window)
  }

  /// Records that a district forwarded a document to the county office for registration (EC 44330).
  public func recordForwarding(documentNumber: String, by viewer: Viewer) async throws {
    let scope = try viewer.require(.editRecords, "recording registrations")
    let found = try await credentials.current(numbers: [documentNumber])[documentNumber]
    guard let document = found,
      try await EducatorRepository(services.database.sql).isVisible(educatorId: document.educatorId, scope: scope)
    else { throw CoreError.notFound("Document \(documentNumber)") }
    let now = services.now
    let today = services.today.date
    try await services.database.transaction { db in
      try await CredentialRepository(db).recordForwarding(
        documentNumber: documentNumber, on: today, by: viewer.actor.name, at: now)
      try await AuditRepository(db).record(
        [AuditChange(field: "\(documentNumber) forwarded_for_registration", oldValue: nil, newValue: today.iso)],
        entityType: Educator.auditEntity, entityId: document.educatorId, action: .update, actor: viewer.actor, at: now)
    }
  }

  /// Employees in scope whose current employment status lacks the document it requires, as of today.
  public func employmentMismatches(by viewer: Viewer) async throws -> [EmploymentDocumentFinding] {
    let scope = try viewer.require(.viewRecords, "viewing credentials")
    let today = services.today.date
    let people = try await EducatorRepository(services.database.sql).list(
      EducatorFilter(), scope: scope, window: .all(sort: "name"))
    let documents = try await credentials.current(educatorIds: people.items.map(\.educator.id))
    var findings: [EmploymentDocumentFinding] = []
    for person in people.items {
      let valid = DocumentValidity.valid(documents[person.educator.id] ?? [], on: today).valid
      for employment in person.employments
      where scope.covers(employment.record.place) && employment.record.isCurrent(on: today) {
        if let finding = EmploymentDocumentRequirement.check(employment.record.status, validDocuments: valid) {
          findings.append(
            EmploymentDocumentFinding(educator: person.educator, employment: employment, finding: finding))
        }
      }
    }
    return findings
  }

  /// What an educator's valid documents let them teach today.
  public func teachable(
    educatorId: UUID, catalog: ReferenceCatalog, by viewer: Viewer
  ) async throws -> [TeachableCourses.Entry] {
    let scope = try viewer.require(.viewRecords, "viewing credentials")
    guard try await EducatorRepository(services.database.sql).isVisible(educatorId: educatorId, scope: scope) else {
      throw CoreError.notFound("Educator")
    }
    let valid = DocumentValidity.valid(try await credentials.current(educatorId: educatorId), on: services.today.date)
      .valid
    return TeachableCourses.entries(for: valid, catalog: catalog)
  }

  /// Educators in scope (optionally one district) whose valid documents authorize `courseCode` at `grade`.
  public func whoMayTeach(
    courseCode: String, grade: GradeLevel?, district: DistrictCode?, catalog: ReferenceCatalog, by viewer: Viewer
  ) async throws -> CourseCandidates {
    var scope = try viewer.require(.viewRecords, "viewing credentials")
    if let district {
      let only = AccessScope(districts: [district])
      guard scope.isUnlimited || scope.counties.contains(district.countyCode) || scope.districts.contains(district)
      else {
        throw CoreError.forbidden("searching another district")
      }
      scope = only
    }
    let today = services.today.date
    let rules = catalog.authorizations(forCourse: courseCode)
    let codes = Array(Set(rules.map(\.authorizationCode).filter { !$0.isEmpty }))
    let documentCodes = Array(Set(rules.flatMap(\.documentCodes)))
    let titles = Array(
      Set(rules.filter { $0.authorizationCode.isEmpty && $0.documentCodes.isEmpty }.map(\.documentTitle)))
    let ids = try await credentials.holders(
      authorizationCodes: codes, documentCodes: documentCodes, titlePrefixes: titles, scope: scope)
    let documents = try await credentials.current(educatorIds: ids)
    let people = try await EducatorRepository(services.database.sql).summaries(ids: ids)
    var candidates: [CourseCandidate] = []
    for person in people {
      let valid = DocumentValidity.valid(documents[person.educator.id] ?? [], on: today).valid
      let entries = valid.flatMap { document in
        rules.filter { TeachableCourses.matches($0, document) }.map {
          TeachableCourses.Entry(rule: $0, course: catalog.course(courseCode), document: document)
        }
      }
      let fitting = entries.first { entry in grade.map { entry.allows(grade: $0) } ?? true }
      guard let best = fitting else { continue }
      let schools = person.employments.filter { scope.covers($0.record.place) && $0.record.isCurrent(on: today) }
        .map { $0.schoolName ?? $0.districtName }
      candidates.append(CourseCandidate(educator: person.educator, entry: best, schools: Array(Set(schools)).sorted()))
    }
    candidates.sort { $0.educator.sortName < $1.educator.sortName }
    return CourseCandidates(
      courseCode: courseCode, course: catalog.course(courseCode), grade: grade, rules: rules, candidates: candidates,
      asOf: today)
  }
}
