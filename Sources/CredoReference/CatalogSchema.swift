import CredoDomain
import Foundation

/// What a catalog field may hold.
enum CatalogFieldRule: Sendable {
  /// Free text; `required` means not empty.
  case text
  /// A code matching `pattern` (described as `shape` in problems).
  case code(shape: String, pattern: @Sendable (String) -> Bool)
  /// One of these values, case-insensitive; written as given here.
  case oneOf([String])
  /// Y or N (empty = N).
  case flag
  /// A grade level: K, TK, P, 1-12, AD.
  case grade
  /// A school year `2019-2020`; empty (or `N/A`) allowed only when the column is optional.
  case schoolYear
  /// A whole number of years.
  case integer
  /// Codes separated by commas.
  case codeList
  /// Phrases separated by semicolons.
  case phrases
  /// The crosswalk's restriction phrases: semicolon-separated, or glued as the CTC source writes them.
  case restrictions
}

/// One column of a catalog table.
struct CatalogColumn: Sendable {
  var name: String
  var rule: CatalogFieldRule
  var required: Bool

  init(_ name: String, _ rule: CatalogFieldRule, required: Bool = false) {
    self.name = name
    self.rule = rule
    self.required = required
  }

  /// The value as Credo writes it, or a reason it is not valid.
  func canonical(_ raw: String) -> Result<String, CatalogFieldError> {
    let value = raw.trimmingCharacters(in: .whitespaces)
    let isNA = ["N/A", "NA"].contains(value.uppercased())
    if value.isEmpty || (isNA && rule.allowsNA) {
      return required ? .failure(.init("is empty; a value is required")) : .success("")
    }
    switch rule {
    case .text: return .success(value)
    case .code(let shape, let pattern):
      return pattern(value) ? .success(value) : .failure(.init("'\(value)' is not \(shape)"))
    case .oneOf(let values):
      guard let match = values.first(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) else {
        return .failure(.init("'\(value)' is not one of \(values.filter { !$0.isEmpty }.joined(separator: ", "))"))
      }
      return .success(match)
    case .flag:
      switch value.uppercased() {
      case "Y", "YES": return .success("Y")
      case "N", "NO": return .success("N")
      default: return .failure(.init("'\(value)' is not Y or N"))
      }
    case .grade:
      guard let grade = GradeLevel(code: value) else {
        return .failure(.init("'\(value)' is not a grade level (K, 1-12, AD)"))
      }
      return .success(grade == .adult ? "AD" : grade.code)
    case .schoolYear:
      guard let year = SchoolYear(parsing: value) else {
        return .failure(.init("'\(value)' is not a school year such as 2019-2020"))
      }
      return .success(year.description)
    case .integer:
      guard let number = Int(value), number >= 0 else { return .failure(.init("'\(value)' is not a whole number")) }
      return .success(String(number))
    case .codeList:
      let codes = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      if let bad = codes.first(where: { !CatalogSchema.isCode($0) }) {
        return .failure(.init("'\(bad)' is not a code (letters, digits, '-', '/', up to 32)"))
      }
      return .success(codes.joined(separator: ", "))
    case .phrases:
      return .success(CatalogSchema.phrases(value).joined(separator: "; "))
    case .restrictions:
      return .success(CourseRestrictions.parse(value).joined(separator: "; "))
    }
  }
}

struct CatalogFieldError: Error, Sendable {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

extension CatalogFieldRule {
  /// Whether `N/A` means "none" (CALPADS writes it for open-ended years and absent codes).
  var allowsNA: Bool {
    switch self {
    case .text, .phrases, .restrictions, .oneOf: false
    default: true
    }
  }
}

/// The columns, unique key and row checks of each catalog table kind, and how validated rows become domain
/// values.
enum CatalogSchema {
  struct Kind: Sendable {
    var columns: [CatalogColumn]
    /// Columns whose values together must be unique.
    var key: [String]
  }

  static func isCode(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 32
      && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" || $0 == "_") }
  }

  static func digits(_ count: Int) -> CatalogFieldRule {
    .code(shape: "a \(count)-digit code") { $0.count == count && $0.allSatisfy(\.isASCIIDigit) }
  }

  static let courseCode = digits(4)
  /// The crosswalk's course code: four digits, optionally `-` and a subcategory suffix (`9090-03`, `9090-NA`).
  static let crosswalkCourseCode = CatalogFieldRule.code(shape: "a 4-digit course code, optionally -XX") { text in
    let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit) else { return false }
    return parts.count == 1
      || (1...4).contains(parts[1].count)
        && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "/") }
  }
  static let genericCode = CatalogFieldRule.code(shape: "a code (letters, digits, '-', '/')", pattern: isCode)

  static func phrases(_ text: String) -> [String] {
    text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  static func kind(_ kind: CatalogKind) -> Kind {
    let years = [CatalogColumn("first_year", .schoolYear, required: true), CatalogColumn("last_year", .schoolYear)]
    switch kind {
    case .stateCourses:
      return Kind(
        columns: [
          .init("code", courseCode, required: true), .init("name", .text, required: true),
          .init("content_area_code", digits(2), required: true), .init("content_area_name", .text, required: true),
          .init("grade_low", .grade, required: true), .init("grade_high", .grade, required: true),
          .init("ap", .flag), .init("ib", .flag), .init("core", .oneOf(["Y", "N", "U"])),
          .init("meets_uc_csu", .oneOf(["Y", "N", "U"])), .init("cte_sector_codes", .codeList),
          .init("cte_sector_names", .phrases), .init("cte_pathway_codes", .codeList),
          .init("cte_subpathway_codes", .codeList), .init("cte_concentrator", .flag), .init("cte_capstone", .flag),
        ] + years, key: ["code"])
    case .courseGradeRanges:
      return Kind(
        columns: [
          .init("course_code", courseCode, required: true), .init("elm_k4", .flag), .init("mid_5_8", .flag),
          .init("sec_9_12", .flag), .init("not_applicable", .flag),
        ] + years, key: ["course_code"])
    case .courseSubcategories:
      return Kind(
        columns: [
          .init(
            "code",
            .code(shape: "a subcategory code such as THTR-03") {
              let parts = $0.split(separator: "-")
              return parts.count == 2 && isCode($0) && parts.allSatisfy { !$0.isEmpty }
            }, required: true),
          .init("name", .text, required: true), .init("course_code", courseCode, required: true),
        ] + years, key: ["code", "course_code"])
    case .nonclassroomAssignments:
      return Kind(
        columns: [
          .init("code", digits(4), required: true), .init("name", .text, required: true),
          .init("content_area_code", digits(2), required: true), .init("content_area_name", .text, required: true),
        ] + years, key: ["code"])
    case .nonclassroomJobClasses:
      return Kind(
        columns: [
          .init("assignment_code", digits(4), required: true), .init("job_class_code", digits(2), required: true),
          .init("job_class_name", .text, required: true),
        ] + years, key: ["assignment_code", "job_class_code"])
    case .courseAuthorizations:
      let columns: [CatalogColumn] = [
        .init("course_code", crosswalkCourseCode, required: true),
        .init("coverage", .oneOf(["full", "limited"]), required: true), .init("document_codes", .codeList),
        .init("document_title", .text, required: true), .init("authorization_code", genericCode),
        .init("subject_code", genericCode), .init("subject_name", .text), .init("restrictions", .restrictions),
      ]
      return Kind(columns: columns, key: columns.map(\.name))
    case .documentTypes:
      return Kind(
        columns: [
          .init("code", genericCode, required: true), .init("name", .text, required: true),
          .init(
            "category",
            .oneOf([
              "teaching", "services", "designated-subjects", "specialist", "added-authorization", "intern", "permit",
              "waiver", "certificate", "other",
            ]), required: true),
          .init("terms", .codeList), .init("validity_years", .integer), .init("renewal", .text),
          .init("source", .text), .init("note", .text),
        ], key: ["code"])
    case .documentTerms:
      return Kind(
        columns: [
          .init("code", genericCode, required: true), .init("name", .text, required: true),
          .init("meaning", .text), .init("validity_years", .integer), .init("renewal", .text),
          .init("source", .text), .init("note", .text),
        ], key: ["code"])
    case .authorizationCodes:
      return Kind(
        columns: [
          .init("code", genericCode, required: true), .init("name", .text, required: true),
          .init("document_codes", .codeList), .init("scope", .text), .init("source", .text), .init("note", .text),
        ], key: ["code"])
    case .subjectCodes:
      return Kind(
        columns: [
          .init("code", genericCode, required: true), .init("name", .text, required: true),
          .init("other_names", .phrases), .init("authorization_codes", .codeList), .init("note", .text),
        ], key: ["code"])
    case .renewalCodes:
      return Kind(
        columns: [
          .init("code", genericCode, required: true), .init("description", .text, required: true),
          .init("source", .text), .init("note", .text),
        ], key: ["code"])
    }
  }

  /// Checks across the fields of one (field-valid) row: years in order, grades in order.
  static func rowProblems(_ kind: CatalogKind, _ value: (String) -> String) -> [(field: String, reason: String)] {
    var problems: [(String, String)] = []
    if let first = SchoolYear(parsing: value("first_year")), let last = SchoolYear(parsing: value("last_year")),
      last < first
    {
      problems.append(("last_year", "\(last) is before first_year \(first)"))
    }
    if kind == .stateCourses, let low = GradeLevel(code: value("grade_low")),
      let high = GradeLevel(code: value("grade_high")), high < low
    {
      problems.append(("grade_high", "\(value("grade_high")) is below grade_low \(value("grade_low"))"))
    }
    return problems
  }

  /// Builds domain values from canonical, validated rows (`value(row, column)`).
  static func rows(_ kind: CatalogKind, _ records: [[String: String]]) -> CatalogRows {
    func years(_ r: [String: String]) -> YearsInUse {
      YearsInUse(
        first: SchoolYear(parsing: r["first_year"] ?? "") ?? SchoolYear(startYear: 1990),
        last: SchoolYear(parsing: r["last_year"] ?? ""))
    }
    func list(_ text: String?) -> [String] {
      (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    func flag(_ text: String?) -> Bool { text == "Y" }
    switch kind {
    case .stateCourses:
      return .stateCourses(
        records.map { r in
          StateCourse(
            code: r["code"]!, name: r["name"]!,
            contentArea: ContentArea(code: r["content_area_code"]!, name: r["content_area_name"]!),
            gradeLow: GradeLevel(code: r["grade_low"]!) ?? .kindergarten,
            gradeHigh: GradeLevel(code: r["grade_high"]!) ?? .adult, isAP: flag(r["ap"]), isIB: flag(r["ib"]),
            core: r["core"] ?? "", meetsUCCSU: r["meets_uc_csu"] ?? "", cteSectorCodes: list(r["cte_sector_codes"]),
            cteSectorNames: phrases(r["cte_sector_names"] ?? ""), ctePathwayCodes: list(r["cte_pathway_codes"]),
            cteSubpathwayCodes: list(r["cte_subpathway_codes"]), isCTEConcentrator: flag(r["cte_concentrator"]),
            isCTECapstone: flag(r["cte_capstone"]), years: years(r))
        })
    case .courseGradeRanges:
      return .courseGradeRanges(
        records.map { r in
          CourseGradeRange(
            courseCode: r["course_code"]!, elementary: flag(r["elm_k4"]), middle: flag(r["mid_5_8"]),
            secondary: flag(r["sec_9_12"]), notApplicable: flag(r["not_applicable"]), years: years(r))
        })
    case .courseSubcategories:
      return .courseSubcategories(
        records.map { r in
          CourseSubcategory(code: r["code"]!, name: r["name"]!, courseCode: r["course_code"]!, years: years(r))
        })
    case .nonclassroomAssignments:
      return .nonclassroomAssignments(
        records.map { r in
          NonClassroomAssignment(
            code: r["code"]!, name: r["name"]!,
            contentArea: ContentArea(code: r["content_area_code"]!, name: r["content_area_name"]!), years: years(r))
        })
    case .nonclassroomJobClasses:
      return .nonclassroomJobClasses(
        records.map { r in
          JobClassification(
            assignmentCode: r["assignment_code"]!, code: r["job_class_code"]!, name: r["job_class_name"]!,
            years: years(r))
        })
    case .courseAuthorizations:
      return .courseAuthorizations(
        records.map { r in
          let code = r["course_code"]!
          let parts = code.split(separator: "-", maxSplits: 1)
          let suffix = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "N/A", with: "NA") : nil
          return CourseAuthorizationRule(
            courseCode: String(parts[0]), subcategorySuffix: suffix,
            coverage: AuthorizationCoverage(rawValue: r["coverage"]!) ?? .limited,
            documentCodes: list(r["document_codes"]), documentTitle: r["document_title"]!,
            authorizationCode: r["authorization_code"] ?? "", subjectCode: r["subject_code"] ?? "",
            subjectName: r["subject_name"] ?? "", restrictions: phrases(r["restrictions"] ?? ""))
        })
    case .documentTypes:
      return .documentTypes(
        records.map { r in
          DocumentType(
            code: r["code"]!, name: r["name"]!, category: r["category"]!, terms: list(r["terms"]),
            validityYears: Int(r["validity_years"] ?? ""), renewal: r["renewal"] ?? "", source: r["source"] ?? "",
            note: r["note"] ?? "")
        })
    case .documentTerms:
      return .documentTerms(
        records.map { r in
          DocumentTerm(
            code: r["code"]!, name: r["name"]!, meaning: r["meaning"] ?? "",
            validityYears: Int(r["validity_years"] ?? ""), renewal: r["renewal"] ?? "", source: r["source"] ?? "",
            note: r["note"] ?? "")
        })
    case .authorizationCodes:
      return .authorizationCodes(
        records.map { r in
          AuthorizationCode(
            code: r["code"]!, name: r["name"]!, documentCodes: list(r["document_codes"]), scope: r["scope"] ?? "",
            source: r["source"] ?? "", note: r["note"] ?? "")
        })
    case .subjectCodes:
      return .subjectCodes(
        records.map { r in
          SubjectCode(
            code: r["code"]!, name: r["name"]!, otherNames: phrases(r["other_names"] ?? ""),
            authorizationCodes: list(r["authorization_codes"]), note: r["note"] ?? "")
        })
    case .renewalCodes:
      return .renewalCodes(
        records.map { r in
          RenewalCode(
            code: r["code"]!, description: r["description"]!, source: r["source"] ?? "", note: r["note"] ?? "")
        })
    }
  }
}
