import Foundation

/// Credo's reference catalog: CALPADS course and non-classroom codes, the CTC course → authorization crosswalk
/// and the CTC document, authorization, subject and renewal codes, one version of each table, indexed for the
/// questions analysts ask ("which documents authorize course 9325?", "what does authorization R2B cover?").
/// Immutable; `CredoCore.Catalog` builds the current one (bundled tables overlaid by imported versions).
public struct ReferenceCatalog: Sendable {
  public private(set) var tables: [CatalogKind: CatalogTableInfo] = [:]
  public private(set) var courses: [StateCourse] = []
  public private(set) var rules: [CourseAuthorizationRule] = []
  public private(set) var nonClassroomAssignments: [NonClassroomAssignment] = []
  public private(set) var documentTypes: [DocumentType] = []
  public private(set) var documentTerms: [DocumentTerm] = []
  public private(set) var authorizationCodes: [AuthorizationCode] = []
  public private(set) var subjectCodes: [SubjectCode] = []
  public private(set) var renewalCodes: [RenewalCode] = []

  private var courseByCode: [String: StateCourse] = [:]
  private var gradeRangeByCourse: [String: CourseGradeRange] = [:]
  private var subcategoriesByCourse: [String: [CourseSubcategory]] = [:]
  private var rulesByCourse: [String: [Int]] = [:]
  private var rulesByAuthorization: [String: [Int]] = [:]
  private var assignmentByCode: [String: NonClassroomAssignment] = [:]
  private var jobClassesByAssignment: [String: [JobClassification]] = [:]
  private var documentByCode: [String: DocumentType] = [:]
  private var termByCode: [String: DocumentTerm] = [:]
  private var authorizationByCode: [String: AuthorizationCode] = [:]
  private var subjectByCode: [String: SubjectCode] = [:]
  private var renewalByCode: [String: RenewalCode] = [:]

  /// Builds the catalog from one version of each table; a later table of the same kind replaces an earlier one.
  public init(tables: [CatalogTable]) {
    for table in tables {
      self.tables[table.info.kind] = table.info
      switch table.rows {
      case .stateCourses(let rows):
        courses = rows.sorted { $0.code < $1.code }
        courseByCode = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
      case .courseGradeRanges(let rows):
        gradeRangeByCourse = Dictionary(rows.map { ($0.courseCode, $0) }, uniquingKeysWith: { _, last in last })
      case .courseSubcategories(let rows):
        subcategoriesByCourse = Dictionary(grouping: rows.sorted { $0.code < $1.code }, by: \.courseCode)
      case .nonclassroomAssignments(let rows):
        nonClassroomAssignments = rows.sorted { $0.code < $1.code }
        assignmentByCode = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
      case .nonclassroomJobClasses(let rows):
        jobClassesByAssignment = Dictionary(grouping: rows.sorted { $0.code < $1.code }, by: \.assignmentCode)
      case .courseAuthorizations(let rows):
        self.rules = rows
        rulesByCourse = [:]
        rulesByAuthorization = [:]
        for (i, rule) in rows.enumerated() {
          rulesByCourse[rule.courseCode, default: []].append(i)
          rulesByAuthorization[
            Self.key(rule.authorizationCode.isEmpty ? rule.documentTitle : rule.authorizationCode),
            default: []
          ].append(i)
        }
      case .documentTypes(let rows):
        documentTypes = rows
        documentByCode = Dictionary(rows.map { (Self.key($0.code), $0) }, uniquingKeysWith: { _, last in last })
      case .documentTerms(let rows):
        documentTerms = rows
        termByCode = Dictionary(rows.map { (Self.key($0.code), $0) }, uniquingKeysWith: { _, last in last })
      case .authorizationCodes(let rows):
        authorizationCodes = rows
        authorizationByCode = Dictionary(rows.map { (Self.key($0.code), $0) }, uniquingKeysWith: { _, last in last })
      case .subjectCodes(let rows):
        subjectCodes = rows
        subjectByCode = Dictionary(rows.map { (Self.key($0.code), $0) }, uniquingKeysWith: { _, last in last })
      case .renewalCodes(let rows):
        renewalCodes = rows
        renewalByCode = Dictionary(rows.map { (Self.key($0.code), $0) }, uniquingKeysWith: { _, last in last })
      }
    }
  }

  static func key(_ code: String) -> String { code.trimmingCharacters(in: .whitespaces).uppercased() }

  /// Which version of each table this catalog holds, e.g. `course-authorizations@2 state-courses@1 …`; decisions
  /// made with the catalog record it.
  public var versionStamp: String {
    tables.values.sorted { $0.kind < $1.kind }.map { "\($0.kind.rawValue)@\($0.version)" }.joined(separator: " ")
  }

  public func version(of kind: CatalogKind) -> Int? { tables[kind]?.version }

  // MARK: Courses

  /// A state course by its four-digit code (a crosswalk code such as `9090-03` finds 9090).
  public func course(_ code: String) -> StateCourse? {
    courseByCode[Self.baseCourseCode(code)]
  }

  public func gradeRange(forCourse code: String) -> CourseGradeRange? { gradeRangeByCourse[Self.baseCourseCode(code)] }

  public func subcategories(forCourse code: String) -> [CourseSubcategory] {
    subcategoriesByCourse[Self.baseCourseCode(code)] ?? []
  }

  /// The subcategory a subcategory-specific rule is for (9090-03 → THTR-03).
  public func subcategory(for rule: CourseAuthorizationRule) -> CourseSubcategory? {
    guard let suffix = rule.subcategorySuffix else { return nil }
    return subcategories(forCourse: rule.courseCode).first { $0.suffix == suffix }
  }

  /// Whether the course code is valid in CALPADS in that school year; nil when the catalog does not know it.
  public func isCourseActive(_ code: String, in year: SchoolYear) -> Bool? {
    course(code)?.isActive(in: year)
  }

  /// The content areas courses use, by code (a code the source named two ways keeps the latest course's name).
  public var contentAreas: [ContentArea] {
    var byCode: [String: ContentArea] = [:]
    for course in courses where byCode[course.contentArea.code] == nil || course.years.isOpen {
      byCode[course.contentArea.code] = course.contentArea
    }
    return byCode.values.sorted()
  }

  // MARK: Crosswalk

  /// Every crosswalk rule that authorizes the course (including rules for one of its content subcategories), in
  /// the order: full coverage first, then by document, authorization and subject.
  public func authorizations(forCourse code: String) -> [CourseAuthorizationRule] {
    let base = Self.baseCourseCode(code)
    return (rulesByCourse[base] ?? []).map { rules[$0] }.sorted(by: Self.ruleOrder)
  }

  /// The rules for an authorization code (or, for rules the source gives without a code, the document title),
  /// optionally only for one subject code: which courses it covers and within which restrictions.
  public func courses(authorizedBy authorizationCode: String, subject: String? = nil) -> [CourseAuthorizationRule] {
    let subjectKey = subject.map(Self.key)
    return (rulesByAuthorization[Self.key(authorizationCode)] ?? []).map { rules[$0] }
      .filter { subjectKey == nil || Self.key($0.subjectCode) == subjectKey }
      .sorted {
        ($0.courseCode, $0.subcategorySuffix ?? "", $0.subjectCode) < (
          $1.courseCode, $1.subcategorySuffix ?? "", $1.subjectCode
        )
      }
  }

  /// Whether any rule lets this authorization (and subject, when given) teach the course.
  public func authorizes(_ authorizationCode: String, subject: String? = nil, course code: String) -> Bool {
    authorizations(forCourse: code).contains {
      Self.key($0.authorizationCode) == Self.key(authorizationCode)
        && (subject == nil || Self.key($0.subjectCode) == Self.key(subject!))
    }
  }

  static func ruleOrder(_ a: CourseAuthorizationRule, _ b: CourseAuthorizationRule) -> Bool {
    func rank(_ r: CourseAuthorizationRule) -> (Int, String, String, String, String) {
      (
        r.coverage == .full ? 0 : 1, r.subcategorySuffix ?? "", r.documentCodes.joined(separator: ","),
        r.authorizationCode, r.subjectCode
      )
    }
    return rank(a) < rank(b)
  }

  /// `9090-03` → `9090`.
  public static func baseCourseCode(_ code: String) -> String {
    String(code.trimmingCharacters(in: .whitespaces).prefix { $0 != "-" })
  }

  // MARK: Codes

  public func nonClassroomAssignment(_ code: String) -> NonClassroomAssignment? { assignmentByCode[code] }
  public func jobClasses(forAssignment code: String) -> [JobClassification] { jobClassesByAssignment[code] ?? [] }
  public func documentType(_ code: String) -> DocumentType? { documentByCode[Self.key(code)] }
  public func documentTerm(_ code: String) -> DocumentTerm? { termByCode[Self.key(code)] }
  public func authorization(_ code: String) -> AuthorizationCode? { authorizationByCode[Self.key(code)] }
  public func subject(_ code: String) -> SubjectCode? { subjectByCode[Self.key(code)] }
  public func renewalCode(_ code: String) -> RenewalCode? { renewalByCode[Self.key(code)] }
}
