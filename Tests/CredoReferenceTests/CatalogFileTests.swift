import CredoDomain
import CredoReference
import Foundation
import Testing

/// The bundled catalog and Credo's catalog file format. Facts asserted come from the sources the catalog is built
/// from: CALPADS Valid Code Combinations v12.0 (CDE, 2020-07-01) and the CTC crosswalk "Appropriate Credentials for
/// CALPADS State Course Codes" (shared/reference/ctc/course-authorizations.csv).
@Suite("Reference catalog")
struct CatalogFileTests {
  @Test("Every bundled table parses, with a source, an as-of date and rows")
  func bundledParses() throws {
    for kind in CatalogKind.allCases {
      guard case .valid(let document) = CatalogFile.parse(BundledCatalog.data(kind), fileName: kind.fileName) else {
        Issue.record("\(kind.fileName) did not parse")
        continue
      }
      #expect(document.kind == kind)
      #expect(!document.source.isEmpty)
      #expect(document.rowCount > 0)
    }
    let catalog = BundledCatalog.catalog
    #expect(catalog.tables.count == CatalogKind.allCases.count)
    #expect(catalog.tables[.stateCourses]?.asOf.iso == "2020-07-01")
    #expect(catalog.versionStamp.contains("course-authorizations@1"))
  }

  @Test("Course 1000 is the Self-Contained Class, content area 41, K to adult, in use (CALPADS v12.0)")
  func selfContainedClass() throws {
    let catalog = BundledCatalog.catalog
    let course = try #require(catalog.course("1000"))
    #expect(course.name == "Self-Contained Class")
    #expect(course.contentArea.code == "41")
    #expect(course.gradeBand == "K-Adult")
    #expect(course.years.isOpen)
    #expect(catalog.isCourseActive("1000", in: SchoolYear(startYear: 2024)) == true)
    // 2100 Reading improvement was last used in 2018-2019 (CALPADS v12.0, legacy CBEDS codes).
    #expect(catalog.isCourseActive("2100", in: SchoolYear(startYear: 2019)) == false)
    #expect(catalog.isCourseActive("2100", in: SchoolYear(startYear: 2018)) == true)
    // CTC crosswalk: 1000 → the Multiple Subject family, without codes.
    let rules = catalog.authorizations(forCourse: "1000")
    #expect(rules.contains { $0.documentTitle == "Multiple Subject" && $0.coverage == .full })
    // ELM/MID/SEC: all three valid for 1000 ("CrsGrpSt-StndsGrdLvlRange").
    #expect(catalog.gradeRange(forCourse: "1000")?.labels == ["ELM K-4", "MID 5-8", "SEC 9-12"])
  }

  @Test("Which documents authorize course 9325 Chemistry (CTC crosswalk)")
  func chemistry() throws {
    let catalog = BundledCatalog.catalog
    #expect(catalog.course("9325")?.name == "Chemistry")
    let rules = catalog.authorizations(forCourse: "9325")
    let singleSubject = try #require(rules.first { $0.authorizationCode == "R1S" })
    #expect(singleSubject.documentCodes == ["TC1"] && singleSubject.subjectCode == "SC")
    #expect(singleSubject.coverage == .full && singleSubject.restrictions.isEmpty)
    let smaa = try #require(rules.first { $0.authorizationCode == "SMAA" })
    #expect(smaa.documentCodes == ["TC1", "TC2"])
    #expect(smaa.restrictions == ["Limited to specific subject area only"])
    #expect(catalog.authorizes("R1A", subject: "CHEM", course: "9325"))
    #expect(!catalog.authorizes("R1A", subject: "PHYS", course: "9325"))
  }

  @Test("Rules limited to grade 9 and below: the source's glued phrases are separated (CTC crosswalk, R2B, R1B)")
  func grade9AndBelow() throws {
    let catalog = BundledCatalog.catalog
    // The crosswalk's R2B rows read "Grade 9 and BelowAll Curriculum Levels".
    let limited = catalog.courses(authorizedBy: "R2B").filter(\.isLimitedToGrade9AndBelow)
    #expect(!limited.isEmpty)
    // Its R1B (introductory supplementary) rows read "Curriculum Grade 9 and BelowAll Subjects in Broad Subject Area".
    #expect(catalog.courses(authorizedBy: "R1B").allSatisfy { $0.isLimitedToGrade9AndBelow })
    #expect(
      catalog.courses(authorizedBy: "R1B").contains {
        $0.restrictions == ["Curriculum grade 9 and below", "All subjects in broad subject area"]
      })
    let rule = try #require(limited.first { $0.restrictions.first == "Grade 9 and below" })
    #expect(rule.coverage == .limited)
    #expect(rule.restrictions == ["Grade 9 and below", "All curriculum levels"])
    #expect(
      CourseRestrictions.parse("Grade 9 and BelowAll Curriculum Levels") == [
        "Grade 9 and below", "All curriculum levels",
      ])
    #expect(
      CourseRestrictions.parse(
        "Initially Issued 2022Grade 9 and Below, All Curriculum LevelsNot authorized to teach Dance")
        == ["Initially issued 2022", "Grade 9 and below", "All curriculum levels", "Not authorized to teach Dance"])
    #expect(
      CourseRestrictions.parse("Pursuant to Title 5 80004(c), Authorized to Teach Subject in CTE or Vocational Classes")
        .count == 1)
  }

  @Test("What R2B covers: supplementary authorizations on TC2, with subjects (CTC crosswalk)")
  func supplementary() throws {
    let catalog = BundledCatalog.catalog
    let rules = catalog.courses(authorizedBy: "R2B")
    #expect(rules.count > 100)
    #expect(rules.allSatisfy { $0.documentCodes == ["TC2"] })
    #expect(catalog.courses(authorizedBy: "r2b", subject: "MATH").allSatisfy { $0.subjectCode == "MATH" })
    #expect(catalog.authorization("R2B")?.name == "Supplementary Authorization")
  }

  @Test("Subcategory rules (9090-03) attach to the course and name the CALPADS subcategory")
  func subcategoryRules() throws {
    let catalog = BundledCatalog.catalog
    let rules = catalog.authorizations(forCourse: "9090")
    let rule = try #require(rules.first { $0.subcategorySuffix == "03" })
    #expect(catalog.subcategory(for: rule)?.code == "THTR-03")
    #expect(catalog.subcategories(forCourse: "9090").count == 9)
  }

  @Test("Non-classroom assignments carry their job classifications (0100 Superintendent: 10 and 25)")
  func nonClassroom() {
    let catalog = BundledCatalog.catalog
    #expect(catalog.nonClassroomAssignment("0100")?.name == "Superintendent")
    #expect(catalog.jobClasses(forAssignment: "0100").map(\.code) == ["10", "25"])
  }

  @Test("Hand-maintained code tables mark what the domain guide leaves unconfirmed")
  func codeTables() {
    let catalog = BundledCatalog.catalog
    #expect(catalog.documentType("TC1")?.name == "Single Subject Teaching Credential")
    #expect(catalog.documentType("TC2")?.isUnconfirmed == true)
    #expect(catalog.renewalCode("1")?.description.contains("five years") == true)
    #expect(catalog.documentTerm("clear")?.validityYears == 5)
    // Every authorization and document code the crosswalk uses is described.
    for rule in catalog.rules {
      if !rule.authorizationCode.isEmpty { #expect(catalog.authorization(rule.authorizationCode) != nil) }
      for code in rule.documentCodes { #expect(catalog.documentType(code) != nil) }
    }
  }

  @Test("Writing then parsing gives the same table and digest")
  func roundTrip() throws {
    guard case .valid(let document) = CatalogFile.parse(BundledCatalog.data(.renewalCodes), fileName: "r.tsv") else {
      Issue.record("bundled renewal codes did not parse")
      return
    }
    let text = document.canonicalText
    // Windows line endings and reordered columns are the same content.
    let lines = text.split(separator: "\n").map(String.init)
    let reordered = lines.map { line -> String in
      guard !line.hasPrefix("#") else { return line }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      return ([f[3], f[0], f[1], f[2]]).joined(separator: "\t")
    }.joined(separator: "\r\n")
    guard case .valid(let again) = CatalogFile.parse(Data(reordered.utf8), fileName: "r2.tsv") else {
      Issue.record("reordered file did not parse")
      return
    }
    #expect(again.records == document.records)
    #expect(again.sha256 == document.sha256)
    // SHA-256 of "abc" (FIPS 180-4 example).
    let abc = CatalogWriter.write(
      kind: .renewalCodes, source: "s", asOf: CalendarDate(year: 2025, month: 1, day: 2)!,
      records: [["1", "x", "", ""]])
    #expect(abc.hasPrefix("# kind: renewal-codes\n# source: s\n# as_of: 2025-01-02\ncode\tdescription"))
  }

  @Test("Bad files are rejected whole, with line and field")
  func badFiles() {
    func problems(_ text: String, expecting: CatalogKind? = nil) -> [ImportProblem] {
      if case .invalid(let problems, _) = CatalogFile.parse(Data(text.utf8), fileName: "bad.tsv", expecting: expecting)
      {
        return problems
      }
      return []
    }
    let header = "# kind: state-courses\n# source: test\n# as_of: 2025-07-01\n"
    let columns = CatalogFile.columns(of: .stateCourses).joined(separator: "\t") + "\n"
    func row(_ code: String, grade: String = "K", first: String = "2019-2020", last: String = "") -> String {
      [code, "Name", "21", "Science", grade, "12", "N", "N", "", "", "", "", "", "", "", "", first, last]
        .joined(separator: "\t") + "\n"
    }
    let bad = problems(
      header + columns + row("9325") + row("93X5") + row("9326", grade: "13") + row("9325")
        + row("9327", first: "2020-2019"))
    #expect(bad.contains { $0.line == 6 && $0.field == "code" })
    #expect(bad.contains { $0.line == 7 && $0.field == "grade_low" })
    #expect(bad.contains { $0.line == 8 && $0.field == "code" && $0.reason.contains("line 5") })
    #expect(bad.contains { $0.line == 9 && $0.field == "first_year" })
    #expect(bad.allSatisfy { $0.file == "bad.tsv" })
    // Missing header lines, wrong kind, missing columns, wrong field count.
    #expect(problems(columns + row("9325")).contains { $0.field == "kind" })
    #expect(problems(header + columns + row("9325"), expecting: .courseAuthorizations).contains { $0.field == "kind" })
    #expect(
      problems("# kind: state-courses\n# source: x\n# as_of: July 2025\n" + columns + row("9325")).contains {
        $0.field == "as_of" && $0.line == 3
      })
    #expect(problems(header + "code\tname\n9325\tChemistry\n").contains { $0.field == "header" && $0.line == 4 })
    #expect(problems(header + columns + "9325\tChemistry\n").contains { $0.field == "row" && $0.line == 5 })
    #expect(problems(header + columns).contains { $0.reason.contains("no rows") })
    // A good file parses.
    if case .valid(let document) = CatalogFile.parse(Data((header + columns + row("9325")).utf8), fileName: "ok.tsv") {
      #expect(document.rowCount == 1)
    } else {
      Issue.record("a valid file was rejected")
    }
  }
}
