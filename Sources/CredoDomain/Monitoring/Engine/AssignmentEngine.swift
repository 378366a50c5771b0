/// Decides one teacher-section or one non-classroom assignment the way CalSAAS monitoring does (domain guide §2.2),
/// with the ESSA/TAMO outcome of the assignment (§3.2a, rules 82–84). Pure: the catalog, the policy and the inputs
/// are values; no I/O.
///
/// A section is decided in the order of §3.2a and the predetermined exceptions of §2.2:
/// 1. learner-led online (rule 51) and college-credit courses taught by college faculty (rule 53): not monitored;
/// 2. the generic SEID: a vacancy (rule 34), outside TAMO;
/// 3. the course: the teacher's valid documents through the CTC crosswalk (rules 1–2, 6, 8–12, 26, 43–44), the
///    core setting (rules 3–4), EC 44865 settings (rule 52), local assignment options (rules 5, 7, 13–21),
///    mentor/PAR courses (rule 54), college credit and the charter grace period (rules 53, 56);
/// 4. special education disability areas (rules 22–28) and English learner services (rules 29–33);
/// 5. team teaching (rule 50): with code 1 an authorized co-teacher clears the section.
///
/// Every finding carries its rule code, citation, explanation, basis and facts. Exceptions carry the TAMO effect of
/// a misassignment (ineffective) unless they are data gaps or pending applications (incomplete); an authorized
/// assignment takes the TAMO class of the weakest part that was needed (a SELAP for the students makes a clear
/// course out-of-field).
public struct AssignmentEngine: Sendable {
  public let catalog: ReferenceCatalog
  public let policy: MonitoringPolicy
  public let reference: MonitoringReference

  /// Everything `init` compiles, in one immutable object so that a decision holds it with a single reference.
  let index: EngineIndex
  var courses: [String: CourseProfile] { index.courses }

  public init(
    catalog: ReferenceCatalog, policy: MonitoringPolicy = .standard, reference: MonitoringReference = .standard
  ) {
    self.catalog = catalog
    self.policy = policy
    self.reference = reference
    index = EngineIndex(catalog: catalog, policy: policy, reference: reference)
  }

  /// The decision for one teacher-section on `date` (normally the census date).
  public func decide(_ assignment: borrowing SectionAssignment, asOf date: CalendarDate) -> AssignmentDecision {
    let section = assignment.section
    let profile = lookup(courses, section.stateCourseCode)
    if let decision = predetermined(copy assignment, profile: profile) { return decision }
    guard assignment.teacher != nil else { return teacherNotOnFile(section) }
    // The context reads the assignment in place: copying a section record, its roster and the teacher's documents
    // for every decision would cost more than the rules.
    let decision = withUnsafePointer(to: assignment) { input in
      SectionContext(engine: index, input: input, profile: profile, date: date).decide()
    }
    if decision.status == .exception, section.multipleTeacherCode == "1", !assignment.coTeachers.isEmpty {
      return teamTeaching(copy assignment, own: decision, asOf: date)
    }
    return decision
  }

  func teacherNotOnFile(_ section: CourseSection) -> AssignmentDecision {
    AssignmentDecision(
      findings: [
        AssignmentFinding(
          status: .exception, exceptionType: .course, rule: "teacher.not_on_file",
          citation: "EC 44258.9; domain guide §2.2",
          explanation:
            "No educator with SEID \(section.seid) is on file, so no document can be checked for this section.",
          facts: [DecisionFact("seid", section.seid), DecisionFact("course", section.stateCourseCode)])
      ], tamoOutcome: .incomplete)
  }
}

/// The tables `AssignmentEngine.init` compiles: course profiles by state course code, EL authorizations and
/// language names with upper-case keys, EL service levels as bit masks.
final class EngineIndex: Sendable {
  let policy: MonitoringPolicy
  let reference: MonitoringReference
  let courses: [String: CourseProfile]
  let selfContained: CourseProfile?
  /// EL authorizations by upper-case code, each with the subject it needs ("" = any).
  let englishLearnerByCode: [String: [EnglishLearnerEntry]]
  /// Upper-case 9.21 language code → upper-case language name.
  let languageNames: [String: String]
  /// CRSE 9.20 code → the service levels it needs, as a bit mask (`EnglishLearnerServiceLevel.bit`).
  let serviceLevelMasks: [String: UInt8]

  struct EnglishLearnerEntry: Sendable {
    var subject: String
    var authorization: EnglishLearnerAuthorization
    var mask: UInt8
  }

  init(catalog: ReferenceCatalog, policy: MonitoringPolicy, reference: MonitoringReference) {
    self.policy = policy
    self.reference = reference
    var codes = Set(catalog.courses.map(\.code))
    for rule in catalog.rules { codes.insert(rule.courseCode) }
    var courses: [String: CourseProfile] = [:]
    for code in codes {
      courses[code] = CourseProfile(
        code: code, course: catalog.course(code), gradeRange: catalog.gradeRange(forCourse: code),
        rules: catalog.authorizations(forCourse: code), reference: reference, policy: policy)
    }
    self.courses = courses
    selfContained = courses[reference.selfContainedCourse]
    var englishLearnerByCode: [String: [EnglishLearnerEntry]] = [:]
    for (key, authorization) in reference.englishLearnerAuthorizations.sorted(by: { $0.key < $1.key }) {
      let parts = key.uppercased().split(separator: ":", maxSplits: 1).map(String.init)
      englishLearnerByCode[parts[0], default: []].append(
        EnglishLearnerEntry(
          subject: parts.count > 1 ? parts[1] : "", authorization: authorization,
          mask: EnglishLearnerServiceLevel.mask(authorization.levels)))
    }
    self.englishLearnerByCode = englishLearnerByCode
    languageNames = Dictionary(
      uniqueKeysWithValues: reference.languageNames.map { ($0.key.uppercased(), $0.value.uppercased()) })
    serviceLevelMasks = reference.englishLearnerServiceLevels.mapValues(EnglishLearnerServiceLevel.mask)
  }
}

extension EnglishLearnerServiceLevel {
  var bit: UInt8 {
    switch self {
    case .integrated: 1
    case .designated: 2
    case .departmentalized: 4
    case .primaryLanguage: 8
    }
  }

  static func mask(_ levels: Set<EnglishLearnerServiceLevel>) -> UInt8 { levels.reduce(0) { $0 | $1.bit } }

  static func levels(in mask: UInt8) -> [EnglishLearnerServiceLevel] { allCases.filter { mask & $0.bit != 0 } }
}

// MARK: - TAMO ranks

extension TAMOOutcome {
  /// Order from best to worst for combining parts of one assignment: clear, intern, out-of-field, unknown,
  /// incomplete, ineffective (not applicable ranks first: it needs nothing).
  var strictness: Int {
    switch self {
    case .notApplicable: 0
    case .clear: 1
    case .intern: 2
    case .outOfField: 3
    case .unknown: 4
    case .incomplete: 5
    case .ineffective: 6
    }
  }
}

// MARK: - One decision's working state

/// One teacher document during a decision: its kind and its validity on the date (no text until a finding names it).
struct Holding {
  var index: Int
  var kind: DocumentKind
  var outcome: DocumentValidity.Outcome
  var isValid: Bool { outcome == .valid }
}

/// One way a part of the assignment (the course, a disability area, an EL service) is covered; its basis text is
/// written only if the decision returns it.
struct Coverage {
  enum Source {
    /// A crosswalk row (`rule` into the course profile) matched by a document authorization (`authorization`, or -1
    /// for a row matched by document code or family).
    case crosswalk(holding: Int, authorization: Int, rule: Int)
    case statutory(holding: Int, authorization: Int, index: Int)
    /// An authorization that names the course itself (a waiver).
    case namedCourse(holding: Int, authorization: Int)
    case specialEducation(holding: Int, authorization: Int)
    case englishLearner(holding: Int, authorization: Int)
    case coreSetting(holding: Int, extraPeriods: Int, total: Int)
    case localOption(approval: Int?, option: LocalAssignmentOption, holding: Int)
    case ec44865(holding: Int, setting: String)
    case staffDeveloper(holding: Int)
    case collegeCredit
    case charterGrace
  }

  var source: Source
  var tamo: TAMOOutcome
  var rule: String
  var citation: String
  var full: Bool = true

  /// Whether this coverage is preferable to `other`: a better TAMO class, then full over limited coverage.
  func isBetter(than other: Coverage?) -> Bool {
    guard let other else { return true }
    if tamo.strictness != other.tamo.strictness { return tamo.strictness < other.tamo.strictness }
    return full && !other.full
  }
}

/// An exception in the making.
struct Gap {
  var type: ExceptionType
  var rule: String
  var citation: String
  var explanation: String
  var detail: String = ""
  var tamo: TAMOOutcome = .ineffective
  var facts: [DecisionFact] = []

  var finding: AssignmentFinding {
    AssignmentFinding(
      status: .exception, exceptionType: type, detail: detail, rule: rule, citation: citation,
      explanation: explanation, facts: facts)
  }
}

/// The grades of the students in a section, and where that was learned (roster, CRSE 9.29, school span, course).
struct StudentGrades {
  var low: GradeLevel
  var high: GradeLevel
  var source: String

  var text: String { low == high ? "grade \(low.code)" : "grades \(low.code)-\(high.code)" }
}

/// The working state of one section decision. Rule families extend it, one file each.
final class SectionContext {
  let engine: EngineIndex
  /// The assignment being decided, valid for the context's lifetime (`AssignmentEngine.decide`).
  let input: UnsafePointer<SectionAssignment>
  let profile: CourseProfile?
  let date: CalendarDate
  var holdings: [Holding]
  let isSpecialEducation: Bool
  var gradesCache: StudentGrades?? = nil
  /// The section's 9.28 subcategory suffix (`LANG-01` → `01`), empty when none.
  let subcategorySuffix: Substring

  init(engine: EngineIndex, input: UnsafePointer<SectionAssignment>, profile: CourseProfile?, date: CalendarDate) {
    self.engine = engine
    self.input = input
    self.profile = profile
    self.date = date
    var holdings: [Holding] = []
    let documents = input.pointee.teacher!.documents
    holdings.reserveCapacity(documents.count)
    documents.withUnsafeBufferPointer { documents in
      for i in documents.indices {
        holdings.append(
          Holding(
            index: i, kind: engine.reference.kind(of: documents[i]),
            outcome: DocumentValidity.outcome(documents[i], on: date)))
      }
    }
    self.holdings = holdings
    isSpecialEducation =
      input.pointee.section.instructionalStrategyCode == "700"
      || (input.pointee.roster?.isAllSpecialEducation ?? false)
    let code = input.pointee.section.subcategoryCode
    subcategorySuffix = code.firstIndex(of: "-").map { code[code.index(after: $0)...] } ?? ""
  }

  var assignment: SectionAssignment { input.pointee }
  var section: CourseSection { input.pointee.section }
  var school: SchoolSetting { input.pointee.school }
  var teacher: TeacherProfile { input.pointee.teacher! }
  var policy: MonitoringPolicy { engine.policy }
  var reference: MonitoringReference { engine.reference }

  func document(_ holding: Int) -> CredentialDocument { teacher.documents[holdings[holding].index] }
  func authorizations(_ holding: Int) -> [DocumentAuthorization] {
    teacher.documents[holdings[holding].index].authorizations
  }

  /// Whether a document restricted to one employer (PIP, STSP, interns, …) may serve at this school's district.
  func employerAllows(_ holding: Int) -> Bool {
    guard let restriction = teacher.documents[holdings[holding].index].employerRestriction else { return true }
    return restriction.digits == school.districtCode
  }

  /// The students' grades: the roster, else CRSE 9.29, else the school's grade span, else the course's band.
  func studentGrades() -> StudentGrades? {
    if let cached = gradesCache { return cached }
    var result: StudentGrades? = nil
    if let roster = input.pointee.roster, let low = roster.lowestGrade, let high = roster.highestGrade {
      result = StudentGrades(low: low, high: high, source: "section roster")
    } else {
      switch section.gradeLevelRangeCode.uppercased() {
      case "ELM": result = StudentGrades(low: .kindergarten, high: .g4, source: "CRSE 9.29 ELM")
      case "MID": result = StudentGrades(low: .g5, high: .g8, source: "CRSE 9.29 MID")
      case "SEC": result = StudentGrades(low: .g9, high: .g12, source: "CRSE 9.29 SEC")
      default: break
      }
      if result == nil, let span = school.gradeSpan {
        result = StudentGrades(low: span.low, high: span.high, source: "school grade span")
      }
      if result == nil, let course = profile?.course {
        result = StudentGrades(low: course.gradeLow, high: course.gradeHigh, source: "course grade band")
      }
    }
    gradesCache = .some(result)
    return result
  }

  // MARK: Deciding

  func decide() -> AssignmentDecision {
    var gaps: [Gap] = []
    let course = courseComponent(gaps: &gaps)
    var parts: [Coverage] = []
    if let course { parts.append(course) }
    if isSpecialEducation, let coverage = specialEducationComponent(gaps: &gaps) { parts.append(coverage) }
    if let coverage = englishLearnerComponent(gaps: &gaps) { parts.append(coverage) }
    if !gaps.isEmpty {
      let tamo = gaps.map(\.tamo).max { $0.strictness < $1.strictness } ?? .ineffective
      return AssignmentDecision(findings: gaps.map(\.finding), tamoOutcome: tamo)
    }
    guard let course else {
      // Unreachable: a missing course coverage always leaves a gap.
      return AssignmentDecision(findings: [courseGap().finding], tamoOutcome: .ineffective)
    }
    var weakest = course
    for part in parts where part.tamo.strictness > weakest.tamo.strictness { weakest = part }
    return AssignmentDecision(
      findings: [authorizedFinding(course, weakest: weakest, parts: parts)], tamoOutcome: weakest.tamo)
  }
}
