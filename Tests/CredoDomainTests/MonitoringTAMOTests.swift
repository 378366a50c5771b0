import CredoDomain
import Foundation
import Testing

@Suite("ESSA TAMO aggregation and file")
struct MonitoringTAMOTests {
  let year = SchoolYear(startYear: 2024)
  let catalog = DataCheckCatalog.catalog
  // Yolo County (57), Davis Joint Unified (72678): two schools; a charter in another district.
  let elementary = "57726786056246"
  let high = "57726785730081"
  let charter = "57105790120006"

  var schools: [TAMOSchool] {
    [
      TAMOSchool(
        cdsCode: elementary, countyName: "Yolo", districtName: "Davis Joint Unified", schoolName: "Birch Lane",
        gradeSpan: .kTo6),
      TAMOSchool(
        cdsCode: high, countyName: "Yolo", districtName: "Davis Joint Unified", schoolName: "Davis Senior High",
        gradeSpan: .nineTo12),
      TAMOSchool(
        cdsCode: charter, countyName: "Yolo", districtName: "Yolo County Office", schoolName: "Yolo Charter",
        isCharter: true, isDASS: true, gradeSpan: .kTo12),
    ]
  }

  func section(
    _ cds: String, _ seid: String, _ course: String, _ outcome: TAMOOutcome = .clear, fte: Double = 1,
    years: Int? = 10, credential: TAMOCredentialLevel? = nil, weight: Double = 1
  ) -> TAMOAssignment {
    TAMOAssignment(
      cdsCode: cds, seid: seid, stateCourseCode: course, outcome: outcome, classroomFTE: fte,
      serviceYearsTotal: years, credentialLevel: credential, weight: weight)
  }

  func report(_ assignments: [TAMOAssignment], apportioning: FTEApportioning = .equalShares) -> TAMOReport {
    TAMOReport(
      academicYear: year, assignments: assignments, schools: schools, catalog: catalog, apportioning: apportioning)
  }

  func row(
    _ report: TAMOReport, _ level: TAMOAggregateLevel, school: String? = nil, experience: TAMOExperienceLevel? = nil,
    credential: TAMOCredentialLevel? = nil, subject: TAMOSubject? = nil, charter: Bool? = nil
  ) -> TAMORow? {
    report.rows.first {
      $0.level == level && (school == nil || $0.schoolCode == school) && $0.experience == experience
        && $0.credential == credential && $0.subject == subject
        && (level == .school || ($0.charter == charter && $0.dass == nil && $0.gradeSpan == nil))
    }
  }

  /// Teacher A: 1.0 FTE at the high school, three chemistry sections and one math section outside authorization.
  var basic: [TAMOAssignment] {
    [
      section(high, "1000000001", "9325"), section(high, "1000000001", "9325"), section(high, "1000000001", "9325"),
      section(high, "1000000001", "9240", .ineffective),
    ]
  }

  @Test("A teacher's classroom FTE is split equally over their sections; each share takes its outcome [§3.3]")
  func equalShares() throws {
    let result = report(basic)
    let whole = try #require(result.wholeSchoolRow(cdsCode: high))
    #expect(whole.fte.total == 1)
    #expect(whole.fte[.clear] == 0.75)
    #expect(whole.fte[.ineffective] == 0.25)
    // Three sections of one FTE: shares of a third still add up to exactly one FTE.
    let thirds = report([
      section(high, "1000000002", "9325"), section(high, "1000000002", "9240", .outOfField),
      section(high, "1000000002", "1000", .intern),
    ])
    let total = try #require(thirds.wholeSchoolRow(cdsCode: high))
    #expect(total.fte.totalUnits == TAMOFTE.unitsPerFTE)
    #expect(TAMOFile.fte(total.fte.units(.clear)) == "0.33")
    #expect(TAMOFile.fte(total.fte.units(.intern)) == "0.33")
  }

  @Test("The apportioning is a strategy: proportional to each section's weight")
  func weightedShares() throws {
    let weighted = report(
      [
        section(high, "1000000001", "9325", weight: 2), section(high, "1000000001", "9325", weight: 1),
        section(high, "1000000001", "9240", .ineffective, weight: 1),
      ], apportioning: .proportionalToWeight)
    let whole = try #require(weighted.wholeSchoolRow(cdsCode: high))
    #expect(whole.fte[.clear] == 0.75)
    #expect(whole.fte[.ineffective] == 0.25)
  }

  @Test("Rule 69: sections with the generic SEID 9999999999 (or none) are left out of TAMO [S14][C10]")
  func genericSEIDExcluded() throws {
    let result = report(
      basic + [
        section(high, SEID.vacancyPlaceholder, "9325", .unknown, fte: 1),
        section(high, "", "9325", .unknown, fte: 1),
      ])
    #expect(result.excludedWithoutSEID == 2)
    let whole = try #require(result.wholeSchoolRow(cdsCode: high))
    #expect(whole.fte.total == 1)
    #expect(whole.fte[.unknown] == 0)
  }

  @Test("Rule 83: Service Years Total 2 is INEXP, 3 is EXP; unknown years count only in ALL [C1][C10][O13]")
  func experience() throws {
    let result = report([
      section(elementary, "1000000010", "1000", fte: 1, years: 2),
      section(elementary, "1000000011", "1000", fte: 0.5, years: 3),
      section(elementary, "1000000012", "1000", fte: 0.25, years: nil),
    ])
    #expect(try #require(row(result, .school, school: "6056246", experience: .inexperienced)).fte.total == 1)
    #expect(try #require(row(result, .school, school: "6056246", experience: .experienced)).fte.total == 0.5)
    #expect(try #require(result.wholeSchoolRow(cdsCode: elementary)).fte.total == 1.75)
    #expect(TAMOExperienceLevel(serviceYearsTotal: 0) == .inexperienced)
    #expect(TAMOExperienceLevel(serviceYearsTotal: nil) == nil)
  }

  @Test("Credential level: FC for Clear and Out-of-Field, NFC otherwise, unless the caller knows better [C1]")
  func credentialLevel() throws {
    #expect(TAMOCredentialLevel.reading(.clear) == .fullyCredentialed)
    #expect(TAMOCredentialLevel.reading(.outOfField) == .fullyCredentialed)
    #expect(TAMOCredentialLevel.reading(.intern) == .notFullyCredentialed)
    #expect(TAMOCredentialLevel.reading(.ineffective) == .notFullyCredentialed)
    let result = report([
      section(elementary, "1000000010", "1000", .intern, fte: 1),
      // A misassigned credential holder: ineffective but fully credentialed.
      section(elementary, "1000000011", "1000", .ineffective, fte: 0.5, credential: .fullyCredentialed),
    ])
    let fc = try #require(row(result, .school, school: "6056246", credential: .fullyCredentialed))
    #expect(fc.fte.total == 0.5)
    #expect(fc.fte[.ineffective] == 0.5)
    #expect(try #require(row(result, .school, school: "6056246", credential: .notFullyCredentialed)).fte[.intern] == 1)
  }

  @Test("Subject areas come from the course's content area: 1000 → SCCL, 9325 → SCIE, unknown → OTHR (§4.6)")
  func subjects() throws {
    let result = report([
      section(elementary, "1000000010", "1000"), section(high, "1000000011", "9325"),
      section(high, "1000000011", "9130"), section(high, "1000000011", "7100"), section(high, "1000000011", "0000"),
    ])
    #expect(try #require(row(result, .school, school: "6056246", subject: .selfContained)).fte.total == 1)
    #expect(try #require(row(result, .school, school: "5730081", subject: .science)).fte.total == 0.25)
    #expect(row(result, .school, school: "5730081", subject: .worldLanguages) != nil)
    #expect(row(result, .school, school: "5730081", subject: .careerTechnicalEducation) != nil)
    #expect(row(result, .school, school: "5730081", subject: .other) != nil)
    #expect(row(result, .school, school: "5730081", subject: .mathematics) == nil)
    let custom = TAMOSubjectMapping(byContentArea: ["21": .physicalEducation])
    #expect(custom.subject(forCourse: "9325", catalog: catalog) == .physicalEducation)
    #expect(custom.subject(forCourse: "1000", catalog: catalog) == .other)
    #expect(TAMOSubjectMapping.standard.subject(forContentArea: "41") == .selfContained)
  }

  @Test("Rule 67: exactly one whole-school row (S, ALL, ALL, TA) per school, and one whole row per D, C, T [O13]")
  func wholeSchoolRows() throws {
    let result = report(
      basic + [
        section(elementary, "1000000010", "1000", years: 1), section(charter, "1000000020", "9325", .intern),
      ])
    for cds in [elementary, high, charter] {
      let wholes = result.rows.filter {
        $0.level == .school && $0.countyCode + $0.districtCode + $0.schoolCode == cds && $0.isWholeTotal
      }
      #expect(wholes.count == 1, "\(cds)")
    }
    #expect(result.rows(at: .district).filter(\.isWholeTotal).count == 2)
    #expect(result.rows(at: .county).filter(\.isWholeTotal).count == 1)
    #expect(result.rows(at: .state).filter(\.isWholeTotal).count == 1)
    let davis = try #require(
      result.rows.first { $0.level == .district && $0.districtCode == "72678" && $0.isWholeTotal })
    #expect(davis.fte.total == 2)
    #expect(davis.districtName == "Davis Joint Unified")
    let state = try #require(row(result, .state))
    #expect(state.fte.total == 3)
    #expect(state.countyCode == "00")
    #expect(state.countyName == "State")
    // Rows by experience, credential and subject with the others ALL, at every level.
    for level in TAMOAggregateLevel.allCases {
      #expect(row(result, level, school: level == .school ? "5730081" : nil, experience: .experienced) != nil)
      #expect(row(result, level, school: level == .school ? "5730081" : nil, credential: .fullyCredentialed) != nil)
      #expect(row(result, level, school: level == .school ? "5730081" : nil, subject: .science) != nil)
    }
    // Filters above the school: charter Yes and No add up to All.
    let yes = try #require(row(result, .state, charter: true))
    let no = try #require(row(result, .state, charter: false))
    #expect(yes.fte.totalUnits + no.fte.totalUnits == state.fte.totalUnits)
    #expect(yes.fte[.intern] == 1)
  }

  @Test("Rule 68: each row's count columns add up to Total FTE within rounding [O13]")
  func countsSumToTotal() throws {
    var generator = SplitMix(seed: 68)
    var assignments: [TAMOAssignment] = []
    let courses = ["1000", "9325", "9240", "9130", "7100"]
    for t in 0..<300 {
      let cds = [elementary, high, charter][t % 3]
      let fte = Double(generator.next() % 100 + 1) / 100 + 0.003
      for _ in 0..<(Int(generator.next() % 7) + 1) {
        assignments.append(
          section(
            cds, String(1_000_000_000 + t), courses[Int(generator.next() % 5)],
            TAMOOutcome.allCases[Int(generator.next() % 7)], fte: fte, years: Int(generator.next() % 6)))
      }
    }
    let text = TAMOFile.render(report(assignments))
    let lines = text.split(separator: "\n").dropFirst()
    #expect(lines.count > 100)
    var worst = 0.0
    for line in lines {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      #expect(fields.count == TAMOFile.columns.count)
      let total = try #require(Double(fields[14]))
      let counts = try fields[15...21].map { try #require(Double($0)) }
      worst = max(worst, abs(counts.reduce(0, +) - total))
      let percents = fields[22...28].compactMap { Double($0) }
      if total > 0 { #expect(abs(percents.reduce(0, +) - 100) <= 0.35) }
    }
    #expect(worst <= 0.035 + 1e-9)
  }

  @Test("The file has CDE's exact header and writes codes, two-decimal FTE and one-decimal percentages")
  func fileLayout() throws {
    let text = TAMOFile.render(report(basic))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines[0]
        == "Academic Year\tAggregate Level\tCounty Code\tDistrict Code\tSchool Code\tCounty Name\tDistrict Name\t"
        + "School Name\tCharter School\tDASS\tSchool Grade Span\tTeacher Experience Level\tTeacher Credential Level\t"
        + "Subject Area\tTotal FTE\tClear FTE (count)\tOut-of-Field FTE (count)\tIntern FTE (count)\t"
        + "Ineffective FTE (count)\tIncomplete FTE (count)\tUnknown FTE (count)\tN/A FTE (count)\t"
        + "Clear FTE (percent)\tOut-of-Field FTE (percent)\tIntern FTE (percent)\tIneffective FTE (percent)\t"
        + "Incomplete FTE (percent)\tUnknown FTE FTE (percent)\tN/A FTE (percent)")
    #expect(
      lines[1]
        == "2024-25\tT\t00\t\t\tState\t\t\tAll\tAll\tALL\tALL\tALL\tTA\t1.00\t0.75\t0.00\t0.00\t0.25\t0.00\t0.00\t"
        + "0.00\t75.0\t0.0\t0.0\t25.0\t0.0\t0.0\t0.0")
    #expect(lines.last == "")
    let schoolLine = try #require(lines.first { $0.hasPrefix("2024-25\tS\t57\t72678\t5730081\tYolo\t") })
    #expect(
      schoolLine.hasPrefix(
        "2024-25\tS\t57\t72678\t5730081\tYolo\tDavis Joint Unified\tDavis Senior High\tNo\tNo\tGR912\tALL\tALL\tTA\t1.00"
      ))
    #expect(TAMOFile.academicYear(SchoolYear(startYear: 2009)) == "2009-10")
    #expect(TAMOFile.fte(278_927_085_000_000) == "278927.09")
    #expect(TAMOFile.percent(1, of: 3) == "33.3")
    #expect(TAMOFile.percent(2, of: 3) == "66.7")
    #expect(TAMOFile.percent(0, of: 0) == "")
  }

  @Test("Rows come in file order (T, C, D, S; ALL first) and the same inputs in any order give the same file")
  func deterministic() {
    let inputs =
      basic + [section(elementary, "1000000010", "1000", years: 1), section(charter, "1000000020", "9325", .intern)]
    let forward = TAMOFile.render(report(inputs))
    let backward = TAMOFile.render(report(inputs.reversed()))
    #expect(forward == backward)
    let levels = report(inputs).rows.map(\.level)
    #expect(levels == levels.sorted())
  }

  @Test("School grade spans bucket into GRK6, GR69, GR912 and GRK12 (UNCONFIRMED bucketing)")
  func gradeSpans() {
    func bucket(_ text: String) -> TAMOGradeSpan { TAMOGradeSpan(GradeSpan(parsing: text)!) }
    #expect(bucket("K-5") == .kTo6)
    #expect(bucket("TK-6") == .kTo6)
    #expect(bucket("6-8") == .sixTo9)
    #expect(bucket("5-8") == .sixTo9)
    #expect(bucket("9-12") == .nineTo12)
    #expect(bucket("K-8") == .kTo12)
    #expect(bucket("K-12") == .kTo12)
  }

  @Test("Classroom FTE per teacher and school sums SASS job classes 12 and 27, percent / 100 [C15][C10]")
  func classroomFTE() {
    let records = [
      StaffAssignment(
        academicYear: year, reportingLEA: "5772678", schoolCode: "5730081", seid: "1000000001",
        jobClassificationCode: "12", ftePercent: 60),
      StaffAssignment(
        academicYear: year, reportingLEA: "5772678", schoolCode: "5730081", seid: "1000000001",
        jobClassificationCode: "27", ftePercent: 20),
      StaffAssignment(
        academicYear: year, reportingLEA: "5772678", schoolCode: "5730081", seid: "1000000001",
        jobClassificationCode: "10", ftePercent: 20),
    ]
    let fte = TAMOClassroomFTE.byTeacherAtSchool(records)
    #expect(fte[TeacherAtSchool(cdsCode: high, seid: "1000000001")] == 0.8)
    #expect(fte.count == 1)
  }

  @Test("A statewide-sized year aggregates in seconds (500k teacher-sections in a debug build)")
  func scale() {
    var assignments: [TAMOAssignment] = []
    assignments.reserveCapacity(500_000)
    var schoolList: [TAMOSchool] = []
    var generator = SplitMix(seed: 7)
    let courses = ["1000", "9325", "9240", "9130", "7100"]
    for s in 0..<2_000 {
      let cds = String(format: "%02d%05d%07d", s % 58 + 1, s % 500, s)
      schoolList.append(
        TAMOSchool(
          cdsCode: cds, countyName: "C\(s % 58)", districtName: "D\(s % 500)", schoolName: "S\(s)",
          isCharter: s % 9 == 0, isDASS: s % 17 == 0, gradeSpan: TAMOGradeSpan.allCases[s % 4]))
      for t in 0..<50 {
        let seid = String(1_000_000_000 + s * 50 + t)
        for _ in 0..<5 {
          assignments.append(
            section(
              cds, seid, courses[Int(generator.next() % 5)], TAMOOutcome.allCases[Int(generator.next() % 7)],
              fte: 1, years: Int(generator.next() % 10)))
        }
      }
    }
    let clock = ContinuousClock()
    var rows = 0
    let elapsed = clock.measure {
      let result = TAMOReport(academicYear: year, assignments: assignments, schools: schoolList, catalog: catalog)
      rows = result.rows.count
      #expect(result.rows(at: .state).first?.fte.total == 100_000)
    }
    #expect(rows > 2_000)
    #expect(elapsed < .seconds(60), "took \(elapsed)")
  }
}

/// A small deterministic generator, so test data is the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
