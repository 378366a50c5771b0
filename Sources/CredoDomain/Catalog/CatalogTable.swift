import Foundation

/// The tables of Credo's reference catalog. Each is one file in Credo's catalog format (see
/// `CredoReference.CatalogFormat`), shipped with Credo and replaceable at run time by a newer version.
///
/// Sources: CALPADS Valid Code Combinations v12.0 (CDE, 2020-07-01) for courses, grade ranges, subcategories and
/// non-classroom assignments; CTC "Appropriate Credentials for CALPADS State Course Codes" for the course →
/// authorization crosswalk; the CTC code tables as described in `shared/domain/california-credentialing.md`
/// sections 1.x for document types, terms, authorization, subject and renewal codes.
public enum CatalogKind: String, CaseIterable, Sendable, Codable, Comparable {
  case stateCourses = "state-courses"
  case courseGradeRanges = "course-grade-ranges"
  case courseSubcategories = "course-subcategories"
  case nonclassroomAssignments = "nonclassroom-assignments"
  case nonclassroomJobClasses = "nonclassroom-job-classes"
  case courseAuthorizations = "course-authorizations"
  case documentTypes = "document-types"
  case documentTerms = "document-terms"
  case authorizationCodes = "authorization-codes"
  case subjectCodes = "subject-codes"
  case renewalCodes = "renewal-codes"

  public var label: String {
    switch self {
    case .stateCourses: "CALPADS state course codes"
    case .courseGradeRanges: "Course standards grade level ranges (ELM/MID/SEC)"
    case .courseSubcategories: "Course content subcategories"
    case .nonclassroomAssignments: "Non-classroom assignment codes"
    case .nonclassroomJobClasses: "Non-classroom assignment job classifications"
    case .courseAuthorizations: "CTC course → authorization crosswalk"
    case .documentTypes: "CTC document types"
    case .documentTerms: "Document terms (Preliminary, Clear, Life, …)"
    case .authorizationCodes: "CTC authorization codes"
    case .subjectCodes: "CTC subject codes"
    case .renewalCodes: "CTC renewal codes"
    }
  }

  /// The file name of this table in the bundled catalog and in exports.
  public var fileName: String { rawValue + ".tsv" }

  public static func < (lhs: CatalogKind, rhs: CatalogKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// Where one version of a catalog table came from: kind, version (1 = the table shipped with Credo; each
/// accepted import adds one), the source and as-of date its file declares, its row count and the SHA-256 of its
/// canonical text (so the same content imported twice is recognized).
public struct CatalogTableInfo: Sendable, Hashable, Codable {
  public var kind: CatalogKind
  public var version: Int
  public var source: String
  public var asOf: CalendarDate
  public var notes: [String]
  public var rowCount: Int
  public var sha256: String
  /// The file it was loaded from (the bundled file name for version 1).
  public var fileName: String
  /// Who imported it; nil for the bundled table.
  public var importedBy: String?
  public var importedAt: Date?

  public init(
    kind: CatalogKind, version: Int, source: String, asOf: CalendarDate, notes: [String] = [], rowCount: Int,
    sha256: String, fileName: String, importedBy: String? = nil, importedAt: Date? = nil
  ) {
    self.kind = kind
    self.version = version
    self.source = source
    self.asOf = asOf
    self.notes = notes
    self.rowCount = rowCount
    self.sha256 = sha256
    self.fileName = fileName
    self.importedBy = importedBy
    self.importedAt = importedAt
  }

  public var isBundled: Bool { importedBy == nil }
}

/// The typed rows of one catalog table.
public enum CatalogRows: Sendable, Hashable {
  case stateCourses([StateCourse])
  case courseGradeRanges([CourseGradeRange])
  case courseSubcategories([CourseSubcategory])
  case nonclassroomAssignments([NonClassroomAssignment])
  case nonclassroomJobClasses([JobClassification])
  case courseAuthorizations([CourseAuthorizationRule])
  case documentTypes([DocumentType])
  case documentTerms([DocumentTerm])
  case authorizationCodes([AuthorizationCode])
  case subjectCodes([SubjectCode])
  case renewalCodes([RenewalCode])

  public var kind: CatalogKind {
    switch self {
    case .stateCourses: .stateCourses
    case .courseGradeRanges: .courseGradeRanges
    case .courseSubcategories: .courseSubcategories
    case .nonclassroomAssignments: .nonclassroomAssignments
    case .nonclassroomJobClasses: .nonclassroomJobClasses
    case .courseAuthorizations: .courseAuthorizations
    case .documentTypes: .documentTypes
    case .documentTerms: .documentTerms
    case .authorizationCodes: .authorizationCodes
    case .subjectCodes: .subjectCodes
    case .renewalCodes: .renewalCodes
    }
  }

  public var count: Int {
    switch self {
    case .stateCourses(let rows): rows.count
    case .courseGradeRanges(let rows): rows.count
    case .courseSubcategories(let rows): rows.count
    case .nonclassroomAssignments(let rows): rows.count
    case .nonclassroomJobClasses(let rows): rows.count
    case .courseAuthorizations(let rows): rows.count
    case .documentTypes(let rows): rows.count
    case .documentTerms(let rows): rows.count
    case .authorizationCodes(let rows): rows.count
    case .subjectCodes(let rows): rows.count
    case .renewalCodes(let rows): rows.count
    }
  }
}

/// One version of one table: where it came from and its rows.
public struct CatalogTable: Sendable, Hashable {
  public var info: CatalogTableInfo
  public var rows: CatalogRows

  public init(info: CatalogTableInfo, rows: CatalogRows) {
    self.info = info
    self.rows = rows
  }
}

/// A CALPADS school year such as 2019-2020 (July 1 to June 30), named by the calendar year it starts in.
public struct SchoolYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var startYear: Int

  public init(startYear: Int) { self.startYear = startYear }

  /// Accepts CALPADS' `2019-2020` (the second year must follow the first) and the short `2019-20`.
  public init?(parsing text: some StringProtocol) {
    // The common `2025-2026`, read from its bytes: every CALPADS record carries one (three million in a state year).
    var start = 0
    var end = 0
    var length = 0
    var plain = true
    for byte in text.utf8 {
      let digit = Int(byte) - 0x30
      switch length {
      case 0..<4 where (0...9).contains(digit): start = start * 10 + digit
      case 4 where byte == 0x2D: break
      case 5..<9 where (0...9).contains(digit): end = end * 10 + digit
      default: plain = false
      }
      length += 1
      if !plain { break }
    }
    if plain, length == 9 {
      guard end == start + 1 else { return nil }
      startYear = start
      return
    }
    let parts = text.trimmedOfWhitespace.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), parts[0].count == 4,
      let start = Int(parts[0]), let end = Int(parts[1])
    else { return nil }
    switch parts[1].count {
    case 4: guard end == start + 1 else { return nil }
    case 2: guard end == (start + 1) % 100 else { return nil }
    default: return nil
    }
    startYear = start
  }

  /// The school year a date falls in (July 1 starts a new one).
  public init(containing date: CalendarDate) {
    startYear = date.month >= 7 ? date.year : date.year - 1
  }

  public var description: String { "\(startYear)-\(startYear + 1)" }

  public static func < (lhs: SchoolYear, rhs: SchoolYear) -> Bool { lhs.startYear < rhs.startYear }
}

/// The school years a code is valid in: from `first` through `last`, or still in use when `last` is nil
/// (CALPADS writes `N/A`).
public struct YearsInUse: Sendable, Hashable, Codable, CustomStringConvertible {
  public var first: SchoolYear
  public var last: SchoolYear?

  public init(first: SchoolYear, last: SchoolYear?) {
    self.first = first
    self.last = last
  }

  public func contains(_ year: SchoolYear) -> Bool { year >= first && (last.map { year <= $0 } ?? true) }

  public var isOpen: Bool { last == nil }

  public var description: String { "\(first) – \(last?.description ?? "in use")" }
}
