import Foundation

/// A CALPADS content area category (e.g. 21 Science, 40 Career Technical Education).
public struct ContentArea: Sendable, Hashable, Codable, Comparable {
  public var code: String
  public var name: String

  public init(code: String, name: String) {
    self.code = code
    self.name = name
  }

  public static func < (lhs: ContentArea, rhs: ContentArea) -> Bool { (lhs.code, lhs.name) < (rhs.code, rhs.name) }
}

/// A CALPADS state course code (Course Group State), e.g. 1000 Self-Contained Class, 9325 Chemistry.
/// Source: CDE, CALPADS Valid Code Combinations v12.0 (2020-07-01), "Course Group Master Combos"; the sheet's
/// rows per CTE pathway are merged into one course (see `scripts/build-catalog`).
public struct StateCourse: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  public var contentArea: ContentArea
  /// Grade levels the course may be reported for (`AD` = adult).
  public var gradeLow: GradeLevel
  public var gradeHigh: GradeLevel
  public var isAP: Bool
  public var isIB: Bool
  /// CALPADS core flag: Y, N, U (unknown) or empty (not applicable).
  public var core: String
  /// Meets UC/CSU requirements: Y, N, U or empty.
  public var meetsUCCSU: String
  public var cteSectorCodes: [String]
  public var cteSectorNames: [String]
  public var ctePathwayCodes: [String]
  public var cteSubpathwayCodes: [String]
  public var isCTEConcentrator: Bool
  public var isCTECapstone: Bool
  public var years: YearsInUse

  public init(
    code: String, name: String, contentArea: ContentArea, gradeLow: GradeLevel, gradeHigh: GradeLevel,
    isAP: Bool = false, isIB: Bool = false, core: String = "", meetsUCCSU: String = "", cteSectorCodes: [String] = [],
    cteSectorNames: [String] = [], ctePathwayCodes: [String] = [], cteSubpathwayCodes: [String] = [],
    isCTEConcentrator: Bool = false, isCTECapstone: Bool = false, years: YearsInUse
  ) {
    self.code = code
    self.name = name
    self.contentArea = contentArea
    self.gradeLow = gradeLow
    self.gradeHigh = gradeHigh
    self.isAP = isAP
    self.isIB = isIB
    self.core = core
    self.meetsUCCSU = meetsUCCSU
    self.cteSectorCodes = cteSectorCodes
    self.cteSectorNames = cteSectorNames
    self.ctePathwayCodes = ctePathwayCodes
    self.cteSubpathwayCodes = cteSubpathwayCodes
    self.isCTEConcentrator = isCTEConcentrator
    self.isCTECapstone = isCTECapstone
    self.years = years
  }

  /// The grade band as text, e.g. `K-Adult`, `7-12`.
  public var gradeBand: String {
    func code(_ g: GradeLevel) -> String { g == .adult ? "Adult" : g.code }
    return gradeLow == gradeHigh ? code(gradeLow) : "\(code(gradeLow))-\(code(gradeHigh))"
  }

  public func isActive(in year: SchoolYear) -> Bool { years.contains(year) }
}

/// Which Departmentalized Course Standards Grade Level Range codes are valid for a course: ELM (K-4), MID (5-8),
/// SEC (9-12), NOT (not applicable). Source: CALPADS Valid Code Combinations v12.0, "CrsGrpSt-StndsGrdLvlRange".
public struct CourseGradeRange: Sendable, Hashable, Codable {
  public var courseCode: String
  public var elementary: Bool
  public var middle: Bool
  public var secondary: Bool
  public var notApplicable: Bool
  public var years: YearsInUse

  public init(
    courseCode: String, elementary: Bool, middle: Bool, secondary: Bool, notApplicable: Bool, years: YearsInUse
  ) {
    self.courseCode = courseCode
    self.elementary = elementary
    self.middle = middle
    self.secondary = secondary
    self.notApplicable = notApplicable
    self.years = years
  }

  /// The valid range codes, e.g. `["ELM K-4", "MID 5-8", "SEC 9-12"]`.
  public var labels: [String] {
    [(elementary, "ELM K-4"), (middle, "MID 5-8"), (secondary, "SEC 9-12"), (notApplicable, "NOT")]
      .filter(\.0).map(\.1)
  }
}

/// A content subcategory valid for a course (CRSE field 9.28), e.g. THTR-03 Theatre - Improvisation for 9090.
/// Source: CALPADS Valid Code Combinations v12.0, "CrsGrpSt-ContentSbctgy".
public struct CourseSubcategory: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  public var courseCode: String
  public var years: YearsInUse

  public init(code: String, name: String, courseCode: String, years: YearsInUse) {
    self.code = code
    self.name = name
    self.courseCode = courseCode
    self.years = years
  }

  /// The part after the dash (`03`, `NA`), which the CTC crosswalk appends to the course code.
  public var suffix: String { code.split(separator: "-", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
}

/// A CALPADS non-classroom (supplementary) assignment code (SASS 8.15-8.21), e.g. 0100 Superintendent.
/// Source: CALPADS Valid Code Combinations v12.0, "NonClassSuppAsgn" sheets.
public struct NonClassroomAssignment: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  public var contentArea: ContentArea
  public var years: YearsInUse

  public init(code: String, name: String, contentArea: ContentArea, years: YearsInUse) {
    self.code = code
    self.name = name
    self.contentArea = contentArea
    self.years = years
  }
}

/// A job classification a non-classroom assignment may be reported under (e.g. 10 Administrator, 12 Teacher).
/// Source: CALPADS Valid Code Combinations v12.0, "NonClassSuppAsgn - JobClass".
public struct JobClassification: Sendable, Hashable, Codable {
  public var assignmentCode: String
  public var code: String
  public var name: String
  public var years: YearsInUse

  public init(assignmentCode: String, code: String, name: String, years: YearsInUse) {
    self.assignmentCode = assignmentCode
    self.code = code
    self.name = name
    self.years = years
  }
}

/// Whether an authorization covers a course at every level or only within its restrictions.
public enum AuthorizationCoverage: String, Sendable, Hashable, Codable, CaseIterable {
  case full, limited

  public var label: String { self == .full ? "Full" : "Limited" }
}

/// One row of the CTC crosswalk "Appropriate Credentials for CALPADS State Course Codes": a document (by CTC
/// credential title code, or a family name when the source gives none), authorization and subject that
/// authorize a course, fully or within restrictions such as "Curriculum grade 9 and below".
/// Source: the CTC table as compiled by a California district (shared/reference/ctc/course-authorizations.csv).
public struct CourseAuthorizationRule: Sendable, Hashable, Codable {
  /// The four-digit state course code.
  public var courseCode: String
  /// When the rule is for one content subcategory only: the subcategory code's suffix (`03`, `NA`).
  public var subcategorySuffix: String?
  public var coverage: AuthorizationCoverage
  /// CTC credential title codes (TC1, TC2, CTE …); empty when the source names only a document family.
  public var documentCodes: [String]
  /// The document or authorization title as the source gives it (e.g. "Single Subject Teaching Credential").
  public var documentTitle: String
  public var authorizationCode: String
  /// CTC subject code (MATH, SC …); `NONE` or empty when the authorization names no subject.
  public var subjectCode: String
  public var subjectName: String
  /// Restriction phrases in Credo's wording (see `CourseRestrictions`).
  public var restrictions: [String]

  public init(
    courseCode: String, subcategorySuffix: String? = nil, coverage: AuthorizationCoverage, documentCodes: [String],
    documentTitle: String, authorizationCode: String, subjectCode: String, subjectName: String,
    restrictions: [String]
  ) {
    self.courseCode = courseCode
    self.subcategorySuffix = subcategorySuffix
    self.coverage = coverage
    self.documentCodes = documentCodes
    self.documentTitle = documentTitle
    self.authorizationCode = authorizationCode
    self.subjectCode = subjectCode
    self.subjectName = subjectName
    self.restrictions = restrictions
  }

  /// The course code as the crosswalk writes it: `9090` or `9090-03`.
  public var crosswalkCode: String { subcategorySuffix.map { "\(courseCode)-\($0)" } ?? courseCode }

  /// True when the rule limits the curriculum to grade 9 and below (introductory supplementary and introductory
  /// subject matter authorizations, T5 80089.2 and 80089.3).
  public var isLimitedToGrade9AndBelow: Bool {
    restrictions.contains { CourseRestrictions.grade9AndBelowPhrases.contains($0) }
  }

  /// "Initially issued 2022" and the like: documents of this kind first issued in that year.
  public var initiallyIssuedYear: Int? {
    for phrase in restrictions where phrase.lowercased().hasPrefix("initially issued") {
      if let year = phrase.split(separator: " ").last.flatMap({ Int($0) }) { return year }
    }
    return nil
  }

  /// True when the rule names a subject (not `NONE`, not empty).
  public var hasSubject: Bool { !subjectCode.isEmpty && subjectCode != "NONE" }
}

/// The CTC crosswalk's restriction text in Credo's wording. The source glued phrases together ("Grade 9 and
/// BelowAll Curriculum Levels" means "Grade 9 and below" and "All curriculum levels"); Credo's catalog format
/// separates them with `;`. Both are accepted.
public enum CourseRestrictions {
  /// Known phrases (lower-cased source wording) and how Credo writes them.
  static let canonical: [String: String] = [
    "grade 9 and below": "Grade 9 and below",
    "curriculum grade 9 and below": "Curriculum grade 9 and below",
    "curriculum grades 9 and below": "Curriculum grade 9 and below",
    "all curriculum levels": "All curriculum levels",
    "all subjects in broad subject area": "All subjects in broad subject area",
    "all subjects in broad subject area listed": "All subjects in broad subject area",
    "limited to specific subject only": "Limited to specific subject only",
    "no grade restrictions": "No grade restrictions",
    "limited to specific subject area only": "Limited to specific subject area only",
    "limited to career technical, trade or vocational courses":
      "Limited to career technical, trade or vocational courses",
    "no longer initially issued": "No longer initially issued",
    "see the special education assignment chart for details": "See the Special Education Assignment Chart for details",
  ]

  /// Phrases meaning the curriculum must be grade 9 and below.
  public static let grade9AndBelowPhrases: Set<String> = ["Grade 9 and below", "Curriculum grade 9 and below"]

  /// Splits restriction text into phrases: at `;`, at a lower-case letter, digit or `)` directly followed by a
  /// capital (the source's glue), and before ", All …". Known phrases are reworded; others kept as written.
  public static func parse(_ text: String) -> [String] {
    var phrases: [String] = []
    for part in text.split(separator: ";") {
      var current = ""
      var previous: Character? = nil
      for character in part {
        if let p = previous, character.isUppercase, p.isLowercase || p.isNumber || p == ")" {
          phrases.append(current)
          current = ""
        }
        current.append(character)
        previous = character
      }
      phrases.append(current)
    }
    var result: [String] = []
    for phrase in phrases {
      for piece in phrase.components(separatedBy: ", All ").enumerated().map({
        $0.offset == 0 ? $0.element : "All " + $0.element
      }) {
        let trimmed = piece.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { continue }
        result.append(normalize(trimmed))
      }
    }
    return result
  }

  static func normalize(_ phrase: String) -> String {
    let key = phrase.lowercased()
    if let known = canonical[key] { return known }
    if key.hasPrefix("initially issued") {
      let year = key.split(separator: " ").last.map(String.init) ?? ""
      if Int(year) != nil { return "Initially issued \(year)" }
    }
    return phrase
  }
}

/// A CTC document type: a credential, permit, waiver or certificate, by CTC credential title code where the
/// sources give one (TC1 Single Subject [S47-TC1]); Credo's own `credo-…` identifiers otherwise. Source: the
/// domain guide sections 1.1-1.10 and the crosswalk; `note` says UNCONFIRMED where the code is only inferred.
public struct DocumentType: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  /// teaching, services, designated-subjects, specialist, added-authorization, intern, permit, waiver,
  /// certificate, other.
  public var category: String
  /// Terms it is issued in (`DocumentTerm.code`: preliminary, clear, …).
  public var terms: [String]
  /// Usual validity in years, when the sources give one.
  public var validityYears: Int?
  public var renewal: String
  public var source: String
  public var note: String

  public init(
    code: String, name: String, category: String, terms: [String], validityYears: Int?, renewal: String,
    source: String, note: String
  ) {
    self.code = code
    self.name = name
    self.category = category
    self.terms = terms
    self.validityYears = validityYears
    self.renewal = renewal
    self.source = source
    self.note = note
  }

  public var isUnconfirmed: Bool { note.contains("UNCONFIRMED") }
}

/// A credential term or level: Preliminary, Clear, Life, Intern, Permit, Waiver … with its usual validity and
/// renewal rule. Source: domain guide section 1.1 [S38][S40][S41], 1.7-1.10.
public struct DocumentTerm: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  public var meaning: String
  public var validityYears: Int?
  public var renewal: String
  public var source: String
  public var note: String

  public init(
    code: String, name: String, meaning: String, validityYears: Int?, renewal: String, source: String, note: String
  ) {
    self.code = code
    self.name = name
    self.meaning = meaning
    self.validityYears = validityYears
    self.renewal = renewal
    self.source = source
    self.note = note
  }
}

/// A CTC authorization code (R1S single subject, R2B supplementary, SMAB introductory subject matter …).
/// Source: CTC T06 as used by the crosswalk and described in the domain guide sections 1.2-1.6.
public struct AuthorizationCode: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  public var documentCodes: [String]
  public var scope: String
  public var source: String
  public var note: String

  public init(code: String, name: String, documentCodes: [String], scope: String, source: String, note: String) {
    self.code = code
    self.name = name
    self.documentCodes = documentCodes
    self.scope = scope
    self.source = source
    self.note = note
  }

  public var isUnconfirmed: Bool { note.contains("UNCONFIRMED") }
}

/// A CTC subject code (MATH Mathematics, SC Science: Chemistry …) as the crosswalk uses it.
public struct SubjectCode: Sendable, Hashable, Codable {
  public var code: String
  public var name: String
  /// Other names the crosswalk gives the same code (e.g. "Introductory Dance" under an introductory authorization).
  public var otherNames: [String]
  public var authorizationCodes: [String]
  public var note: String

  public init(code: String, name: String, otherNames: [String], authorizationCodes: [String], note: String) {
    self.code = code
    self.name = name
    self.otherNames = otherNames
    self.authorizationCodes = authorizationCodes
    self.note = note
  }
}

/// A CTC renewal requirement code (T07), e.g. `1` application and fee, five-year renewal; R14I induction.
/// Source: domain guide section 1.1 [S41][S46].
public struct RenewalCode: Sendable, Hashable, Codable {
  public var code: String
  public var description: String
  public var source: String
  public var note: String

  public init(code: String, description: String, source: String, note: String) {
    self.code = code
    self.description = description
    self.source = source
    self.note = note
  }
}
