import Foundation

/// Suggests what could fix one monitoring exception (issue 4): another teacher at the school whom the engine
/// authorizes, a local assignment option the facts allow, a permit or waiver, an authorization the educator is close
/// to, a document to renew or have issued, a CALPADS correction, or a CalSAAS determination (alternate placement,
/// vacancy). Pure: the engine, the assignment and the candidate teachers are values.
///
/// Every remedy the engine can judge is checked by re-deciding the assignment with the change made (the other
/// teacher in place, a recorded approval, the permit or authorization issued, the corrected CALPADS field): it is
/// offered only when the exception is then gone, with the TAMO outcome the assignment would have. Remedies are ranked:
/// those that clear now first, then routes that take time, then those that need an analyst's review; within each, the
/// better TAMO outcome first.
///
/// ```swift
/// let decision = engine.decide(assignment, asOf: census)
/// for exception in decision.exceptions {
///   let remedies = ExceptionRemedies.suggest(
///     for: exception, in: assignment, engine: engine, candidates: otherTeachersAtSchool, asOf: census)
///   // remedies[0].sentence: "Teach 9325 Chemistry under EC 44263 …", .readiness == .clearsNow
/// }
/// ```
///
/// Which remedies are offered for which exceptions, the wording and the choices where the domain guide is
/// unconfirmed: `docs/rules/assignment-engine.md`, "Remedies for an exception".
public enum ExceptionRemedies {
  /// At most this many other teachers and this many authorizations to earn are suggested.
  public static let defaultLimit = 3

  /// Remedies for one exception of a teacher-section, best first; empty when `finding` is not an exception the
  /// assignment still raises on `date`.
  ///
  /// - Parameters:
  ///   - finding: one exception of `engine.decide(assignment, asOf: date)` (or of a stored outcome for it).
  ///   - assignment: the section as the engine decided it.
  ///   - candidates: the other teachers of the school (their documents and approvals); the section's own teacher is
  ///     skipped. The engine is re-run for each until `limit` with a clear TAMO outcome are found.
  ///   - date: the census date the exception was raised on.
  public static func suggest(
    for finding: AssignmentFinding, in assignment: SectionAssignment, engine: AssignmentEngine,
    candidates: [TeacherProfile] = [], asOf date: CalendarDate, limit: Int = defaultLimit
  ) -> [ExceptionRemedy] {
    guard finding.status == .exception else { return [] }
    let current = engine.decide(assignment, asOf: date)
    guard current.exceptions.contains(where: { RemedyPart($0) == RemedyPart(finding) }) else { return [] }
    var remedies = SectionRemedies(
      engine: engine, assignment: assignment, finding: finding, date: date, limit: limit)
    remedies.otherTeachers(candidates)
    remedies.calpadsCorrections()
    remedies.documentActions()
    remedies.localAssignmentOptions()
    remedies.permitsAndWaivers()
    remedies.authorizationRoutes()
    remedies.determinations()
    return rank(remedies.found)
  }

  /// Remedies for the exception of a non-classroom assignment, best first; empty when it is not raised on `date`.
  public static func suggest(
    for finding: AssignmentFinding, in assignment: ServiceAssignment, engine: AssignmentEngine,
    candidates: [TeacherProfile] = [], asOf date: CalendarDate, limit: Int = defaultLimit
  ) -> [ExceptionRemedy] {
    guard finding.status == .exception, engine.decide(assignment, asOf: date).status == .exception else { return [] }
    var remedies = ServiceRemedies(engine: engine, assignment: assignment, date: date, limit: limit)
    remedies.otherTeachers(candidates)
    remedies.documentActions()
    remedies.servicesCredential()
    return rank(remedies.found)
  }

  /// Clears now, then once granted, then needs review; within each the better TAMO outcome, then the kind's order.
  static func rank(_ remedies: [ExceptionRemedy]) -> [ExceptionRemedy] {
    var seen = Set<String>()
    let unique = remedies.filter { seen.insert($0.sentence).inserted }
    return unique.enumerated().sorted { a, b in
      func key(_ item: (offset: Int, element: ExceptionRemedy)) -> (Int, Int, Int, Int) {
        (
          ExceptionRemedy.Readiness.allCases.firstIndex(of: item.element.readiness)!,
          item.element.tamoOutcome?.strictness ?? 99, item.element.kind.order, item.offset
        )
      }
      return key(a) < key(b)
    }.map(\.element)
  }
}

/// The part of an assignment an exception is about: the course (course and substitute exceptions), one disability
/// area, the EL service, the bilingual service, or the non-classroom service. A remedy clears an exception when the
/// re-decided assignment raises nothing in the same part.
enum RemedyPart: Equatable {
  case course
  /// One disability area (CALPADS code; empty for a section with no roster disabilities).
  case specialEducation(String)
  case englishLearner
  case bilingual
  case service

  init(_ finding: AssignmentFinding) {
    switch finding.exceptionType {
    case .course, .substitute, nil: self = .course
    case .specialEducation: self = .specialEducation(finding.detail)
    case .englishLearner: self = .englishLearner
    case .bilingual: self = .bilingual
    case .nonClassroom: self = .service
    }
  }
}

/// A document Credo makes up to test a remedy (a permit, an added credential): never stored, never shown.
enum HypotheticalDocument {
  static let id = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
  static let number = "(to be issued)"

  static func make(
    code: String, title: String, term: CredentialTerm, on date: CalendarDate, employer: String? = nil,
    _ authorizations: [DocumentAuthorization]
  ) -> CredentialDocument {
    CredentialDocument(
      id: id, educatorId: id, documentNumber: number, documentCode: code, title: title, term: term, issueDate: date,
      expirationDate: date.adding(days: 364), status: .active, employerRestriction: employer.flatMap(DistrictCode.init),
      authorizations: authorizations)
  }
}

extension TeacherProfile {
  /// "Maria Lopez" from the CALPADS demographics, else "SEID 1234567890".
  var displayName: String {
    let name = [demographics?.firstName ?? "", demographics?.lastName ?? ""].filter { !$0.isEmpty }.joined(
      separator: " ")
    return name.isEmpty ? "SEID \(seid)" : name
  }
}

// MARK: - A teacher-section

/// The working state of the remedies for one section exception. Remedy families extend it, one file each.
struct SectionRemedies {
  let engine: AssignmentEngine
  let assignment: SectionAssignment
  let finding: AssignmentFinding
  let part: RemedyPart
  let date: CalendarDate
  let limit: Int
  let profile: CourseProfile?
  let isSpecialEducation: Bool
  /// The teacher's documents valid on the date, with their kinds (empty when no teacher is on file).
  let valid: [(document: CredentialDocument, kind: DocumentKind)]
  var found: [ExceptionRemedy] = []

  init(
    engine: AssignmentEngine, assignment: SectionAssignment, finding: AssignmentFinding, date: CalendarDate,
    limit: Int
  ) {
    self.engine = engine
    self.assignment = assignment
    self.finding = finding
    part = RemedyPart(finding)
    self.date = date
    self.limit = limit
    profile = lookup(engine.courses, assignment.section.stateCourseCode)
    isSpecialEducation =
      assignment.section.instructionalStrategyCode == "700" || (assignment.roster?.isAllSpecialEducation ?? false)
    valid = (assignment.teacher?.documents ?? []).compactMap { document in
      DocumentValidity.outcome(document, on: date) == .valid
        ? (document, engine.reference.kind(of: document)) : nil
    }
  }

  var section: CourseSection { assignment.section }
  var school: SchoolSetting { assignment.school }
  var courseLabel: String { profile?.label ?? "course \(section.stateCourseCode)" }
  var isCoursePart: Bool { part == .course }

  /// The first valid document of one of `kinds`.
  func held(_ kinds: Set<DocumentKind>) -> CredentialDocument? { valid.first { kinds.contains($0.kind) }?.document }
  var holdsFullCredential: Bool { valid.contains { $0.kind.isFullCredential && $0.kind != .servicesCredential } }

  /// Re-decides the section with `change` made; the decision when it no longer raises the exception's part.
  func trial(_ change: (inout SectionAssignment) -> Void) -> AssignmentDecision? {
    var changed = assignment
    change(&changed)
    let decision = engine.decide(changed, asOf: date)
    return decision.exceptions.contains { RemedyPart($0) == part } ? nil : decision
  }

  /// Re-decides with the teacher's profile changed (no-op without a teacher on file).
  func trialTeacher(_ change: (inout TeacherProfile) -> Void) -> AssignmentDecision? {
    guard assignment.teacher != nil else { return nil }
    return trial { change(&$0.teacher!) }
  }

  /// Re-decides with `document` added to the teacher's documents.
  func trialAdding(_ document: CredentialDocument) -> AssignmentDecision? {
    trialTeacher { $0.documents.append(document) }
  }

  /// Re-decides with `authorization` printed on the teacher's document `number`.
  func trialAdding(_ authorization: DocumentAuthorization, toDocument number: String) -> AssignmentDecision? {
    trialTeacher { teacher in
      guard let i = teacher.documents.firstIndex(where: { $0.documentNumber == number }) else { return }
      teacher.documents[i].authorizations.append(authorization)
    }
  }

  mutating func add(
    _ kind: ExceptionRemedy.Kind, _ readiness: ExceptionRemedy.Readiness, _ sentence: String, citation: String,
    determination: Determination? = nil, decision: AssignmentDecision? = nil
  ) {
    found.append(
      ExceptionRemedy(
        kind: kind, readiness: readiness, sentence: sentence, citation: citation, determination: determination,
        tamoOutcome: decision?.tamoOutcome, remainingExceptions: decision?.exceptions.map(\.rule) ?? []))
  }
}

// MARK: - A non-classroom assignment

/// The working state of the remedies for one non-classroom exception (§1.4, §4.5).
struct ServiceRemedies {
  let engine: AssignmentEngine
  let assignment: ServiceAssignment
  let date: CalendarDate
  let limit: Int
  var found: [ExceptionRemedy] = []

  var label: String {
    let name = engine.catalog.nonClassroomAssignment(assignment.assignmentCode)?.name ?? ""
    return name.isEmpty ? assignment.assignmentCode : "\(assignment.assignmentCode) \(name)"
  }

  func trial(_ change: (inout ServiceAssignment) -> Void) -> AssignmentDecision? {
    var changed = assignment
    change(&changed)
    let decision = engine.decide(changed, asOf: date)
    return decision.status == .exception ? nil : decision
  }

  mutating func add(
    _ kind: ExceptionRemedy.Kind, _ readiness: ExceptionRemedy.Readiness, _ sentence: String, citation: String,
    determination: Determination? = nil, decision: AssignmentDecision? = nil
  ) {
    found.append(
      ExceptionRemedy(
        kind: kind, readiness: readiness, sentence: sentence, citation: citation, determination: determination,
        tamoOutcome: decision?.tamoOutcome, remainingExceptions: decision?.exceptions.map(\.rule) ?? []))
  }
}
