import Foundation

/// FTE per TAMO outcome, kept in billionths of an FTE so that sums are exact and the same inputs always give the
/// same file, whatever order the dictionaries visit them in.
public struct TAMOFTE: Sendable, Hashable {
  /// One lane per `TAMOOutcome`, in `allCases` order; the eighth lane stays zero.
  public var units: SIMD8<Int64>

  public static let unitsPerFTE: Int64 = 1_000_000_000
  public static let zero = TAMOFTE(units: .zero)

  public init(units: SIMD8<Int64> = .zero) { self.units = units }

  static func lane(_ outcome: TAMOOutcome) -> Int {
    switch outcome {
    case .clear: 0
    case .outOfField: 1
    case .intern: 2
    case .ineffective: 3
    case .incomplete: 4
    case .unknown: 5
    case .notApplicable: 6
    }
  }

  public func units(_ outcome: TAMOOutcome) -> Int64 { units[Self.lane(outcome)] }
  public subscript(outcome: TAMOOutcome) -> Double { Double(units(outcome)) / Double(Self.unitsPerFTE) }
  public var totalUnits: Int64 { units.wrappedSum() }
  public var total: Double { Double(totalUnits) / Double(Self.unitsPerFTE) }

  mutating func add(_ outcome: TAMOOutcome, units value: Int64) { units[Self.lane(outcome)] &+= value }

  static func += (lhs: inout TAMOFTE, rhs: TAMOFTE) { lhs.units &+= rhs.units }
}

/// One row of the TAMO file. A nil filter is "All"/"ALL"/"TA" in the file.
public struct TAMORow: Sendable, Hashable {
  public var level: TAMOAggregateLevel
  /// 2 digits; `00` on the state row.
  public var countyCode: String
  /// 5 digits on D and S rows, else empty.
  public var districtCode: String
  /// 7 digits on S rows, else empty.
  public var schoolCode: String
  public var countyName: String
  public var districtName: String
  public var schoolName: String
  /// The school's own value on S rows; nil (All) or a filter above.
  public var charter: Bool?
  public var dass: Bool?
  public var gradeSpan: TAMOGradeSpan?
  public var experience: TAMOExperienceLevel?
  public var credential: TAMOCredentialLevel?
  /// Nil is TA, the total over subjects.
  public var subject: TAMOSubject?
  public var fte: TAMOFTE

  /// The row rule 67 names: a school's (or district's, county's, state's) whole total, ALL/ALL/TA, with no filter.
  public var isWholeTotal: Bool {
    experience == nil && credential == nil && subject == nil
      && (level == .school || (charter == nil && dass == nil && gradeSpan == nil))
  }
}

/// The ESSA teaching assignment monitoring outcomes of a year, aggregated like CDE's public file.
///
/// Sources: domain guide §3.3 (FTE of classroom teaching assignments from CALPADS Fall 2; generic SEID excluded
/// [C2][C4][C10][S14]), §3.4 and §6 (file layout, levels T/C/D/S, filters, the whole-school row [O13][C4]), rules
/// 67–69 and 83; interchange spec §4.
///
/// Choices on UNCONFIRMED points (also in `docs/rules/monitoring-workflow.md`):
/// * each teacher's classroom FTE at a school is split over that teacher's sections there by `FTEApportioning`
///   (equal shares by default), and each share takes its section's outcome (§3.3);
/// * every level crosses experience (ALL, EXP, INEXP) × credential (ALL, FC, NFC) × subject (TA + 20); S rows carry
///   the school's own charter, DASS and grade span; at D, C and T those three are filters one at a time (all
///   three All; or charter Yes/No, or DASS Yes/No, or one grade span, with the other two All). Combinations with
///   no sections are left out, so a school has at most 3 × 3 × 21 rows. (CDE's 2023-24 file has ~1.53M rows for
///   10,064 schools, up to 150 per school, so its aggregate levels cannot be a full cross product of all six
///   filters.);
/// * FTE of a teacher whose service years are unknown counts in the experience ALL rows only.
///
/// Cost: two passes over the assignments with one dictionary lookup each, then work proportional to the rows
/// written (each ALL row is built by folding one filter at a time), so a statewide year of 2.5M teacher-sections
/// takes seconds.
public struct TAMOReport: Sendable {
  public var academicYear: SchoolYear
  /// In file order: T, then C by county, D by district, S by school, ALL before values.
  public var rows: [TAMORow]
  /// Teacher-sections left out because the section has no teacher SEID (rule 69).
  public var excludedWithoutSEID: Int

  public init(
    academicYear: SchoolYear, assignments: [TAMOAssignment], schools: [TAMOSchool], catalog: ReferenceCatalog,
    subjects: TAMOSubjectMapping = .standard, apportioning: FTEApportioning = .equalShares
  ) {
    self.academicYear = academicYear
    var units = TAMOUnits(schools: schools)
    var excluded = 0

    // Pass 1: each teacher at each school, their FTE and how their sections weigh.
    var slotByTeacher: [TAMOTeacherKey: Int32] = [:]
    slotByTeacher.reserveCapacity(assignments.count / 4)
    var seidNumbers = TAMOSEIDNumbers()
    var teachers: [TAMOTeacherShare] = []
    var slotOfAssignment = [Int32](repeating: -1, count: assignments.count)
    var lastCDS: String? = nil
    var lastSchool: Int32 = 0
    for (index, assignment) in assignments.enumerated() {
      guard !assignment.seid.isEmpty, assignment.seid != SEID.vacancyPlaceholder else {
        excluded += 1
        continue
      }
      // Inputs usually come school by school; skip the lookup while the school repeats.
      if assignment.cdsCode != lastCDS {
        lastSchool = units.school(assignment.cdsCode)
        lastCDS = assignment.cdsCode
      }
      let key = TAMOTeacherKey(school: lastSchool, seid: seidNumbers.number(assignment.seid))
      let slot: Int32
      if let known = slotByTeacher[key] {
        slot = known
      } else {
        slot = Int32(teachers.count)
        slotByTeacher[key] = slot
        let fte = max(0, assignment.classroomFTE)
        teachers.append(
          TAMOTeacherShare(school: lastSchool, units: Int64((fte * Double(TAMOFTE.unitsPerFTE)).rounded())))
      }
      teachers[Int(slot)].sections += 1
      teachers[Int(slot)].weight += max(0, assignment.weight)
      slotOfAssignment[index] = slot
    }

    // Pass 2: each section's share, into the school cells. The teacher's last section takes what rounding left,
    // so the shares add up to the teacher's FTE exactly.
    var schoolCells: [TAMOCellKey: TAMOFTE] = [:]
    schoolCells.reserveCapacity(teachers.count * 2)
    var subjectByCourse: [String: UInt8] = [:]
    for (index, assignment) in assignments.enumerated() {
      let slot = Int(slotOfAssignment[index])
      guard slot >= 0 else { continue }
      var teacher = teachers[slot]
      teacher.seen += 1
      let share: Int64
      if teacher.seen == teacher.sections {
        share = teacher.units - teacher.assigned
      } else if apportioning == .proportionalToWeight && teacher.weight > 0 {
        share = Int64((Double(teacher.units) * max(0, assignment.weight) / teacher.weight).rounded(.down))
      } else {
        share = teacher.units / Int64(teacher.sections)
      }
      teacher.assigned += share
      teachers[slot] = teacher

      let subject: UInt8
      if let known = subjectByCourse[assignment.stateCourseCode] {
        subject = known
      } else {
        subject = TAMOCellKey.code(subjects.subject(forCourse: assignment.stateCourseCode, catalog: catalog))
        subjectByCourse[assignment.stateCourseCode] = subject
      }
      let school = units.schools[Int(teacher.school)]
      let key = TAMOCellKey(
        unit: teacher.school, charter: TAMOCellKey.code(school.isCharter), dass: TAMOCellKey.code(school.isDASS),
        span: TAMOCellKey.code(school.gradeSpan),
        experience: TAMOCellKey.code(TAMOExperienceLevel(serviceYearsTotal: assignment.serviceYearsTotal)),
        credential: TAMOCellKey.code(assignment.credentialLevel ?? TAMOCredentialLevel.reading(assignment.outcome)),
        subject: subject)
      schoolCells[key, default: .zero].add(assignment.outcome, units: share)
    }

    // The ALL rows, one filter at a time; each level above sums the level below.
    Self.fold(&schoolCells) { $0.experience = 0 }
    Self.fold(&schoolCells) { $0.credential = 0 }
    Self.fold(&schoolCells) { $0.subject = 0 }
    let districtCells = Self.filterRows(Self.regroup(schoolCells, under: units.schools.map(\.district)))
    let countyCells = Self.regroup(districtCells, under: units.districts.map(\.county))
    let stateCells = Self.regroup(countyCells, under: units.counties.map { _ in 0 })

    var rows: [TAMORow] = []
    rows.reserveCapacity(schoolCells.count + districtCells.count + countyCells.count + stateCells.count)
    Self.append(stateCells, level: .state, units: units, to: &rows)
    Self.append(countyCells, level: .county, units: units, to: &rows)
    Self.append(districtCells, level: .district, units: units, to: &rows)
    Self.append(schoolCells, level: .school, units: units, to: &rows)
    self.rows = rows
    self.excludedWithoutSEID = excluded
  }

  /// The rows of one level.
  public func rows(at level: TAMOAggregateLevel) -> [TAMORow] { rows.filter { $0.level == level } }

  /// A school's whole-school row (S, ALL, ALL, TA), the one to display as its total (rule 67).
  public func wholeSchoolRow(cdsCode: String) -> TAMORow? {
    let district = String(cdsCode.dropFirst(2).prefix(5))
    let school = String(cdsCode.dropFirst(7))
    return rows.first {
      $0.level == .school && $0.districtCode == district && $0.schoolCode == school
        && $0.countyCode == String(cdsCode.prefix(2)) && $0.isWholeTotal
    }
  }

  /// Adds, for every cell with a value in one filter, the same FTE to the cell with that filter at ALL.
  static func fold(_ cells: inout [TAMOCellKey: TAMOFTE], clearing clear: (inout TAMOCellKey) -> Void) {
    var totals: [TAMOCellKey: TAMOFTE] = [:]
    totals.reserveCapacity(cells.count)
    for (key, value) in cells {
      var all = key
      clear(&all)
      if all != key { totals[all, default: .zero] += value }
    }
    for (key, value) in totals { cells[key, default: .zero] += value }
  }

  /// Above the school, charter, DASS and grade span are filters one at a time: the rows with all three at All,
  /// and for each of them its values with the other two at All (a filter's values add up to its All row). The
  /// school's own values in `cells` are replaced accordingly.
  static func filterRows(_ cells: [TAMOCellKey: TAMOFTE]) -> [TAMOCellKey: TAMOFTE] {
    var result: [TAMOCellKey: TAMOFTE] = [:]
    result.reserveCapacity(cells.count * 2)
    for (key, value) in cells {
      var all = key
      all.charter = 0
      all.dass = 0
      all.span = 0
      result[all, default: .zero] += value
      for keep in 0..<3 {
        var one = all
        switch keep {
        case 0: one.charter = key.charter
        case 1: one.dass = key.dass
        default: one.span = key.span
        }
        // A school of unknown grade span counts in the All row only.
        if one != all { result[one, default: .zero] += value }
      }
    }
    return result
  }

  /// The same cells summed under each unit's parent (school → district → county → state).
  static func regroup(_ cells: [TAMOCellKey: TAMOFTE], under parent: [Int32]) -> [TAMOCellKey: TAMOFTE] {
    var result: [TAMOCellKey: TAMOFTE] = [:]
    result.reserveCapacity(cells.count / 2)
    for (key, value) in cells {
      var up = key
      up.unit = parent[Int(key.unit)]
      result[up, default: .zero] += value
    }
    return result
  }

  static func append(
    _ cells: [TAMOCellKey: TAMOFTE], level: TAMOAggregateLevel, units: TAMOUnits, to rows: inout [TAMORow]
  ) {
    let rank = units.rank(level)
    var ordered = cells.map { (key: $0.key, value: $0.value, order: $0.key.order(rank: rank[Int($0.key.unit)])) }
    ordered.sort { $0.order < $1.order }
    for (key, value, _) in ordered {
      var row = TAMORow(
        level: level, countyCode: "00", districtCode: "", schoolCode: "", countyName: "State", districtName: "",
        schoolName: "", charter: TAMOCellKey.flag(key.charter), dass: TAMOCellKey.flag(key.dass),
        gradeSpan: TAMOCellKey.span(key.span), experience: TAMOCellKey.experience(key.experience),
        credential: TAMOCellKey.credential(key.credential), subject: TAMOCellKey.subject(key.subject), fte: value)
      switch level {
      case .state:
        break
      case .county:
        let county = units.counties[Int(key.unit)]
        row.countyCode = county.code
        row.countyName = county.name
      case .district:
        let district = units.districts[Int(key.unit)]
        let county = units.counties[Int(district.county)]
        row.countyCode = county.code
        row.countyName = county.name
        row.districtCode = district.code
        row.districtName = district.name
      case .school:
        let school = units.schools[Int(key.unit)]
        let district = units.districts[Int(school.district)]
        let county = units.counties[Int(district.county)]
        row.countyCode = county.code
        row.countyName = county.name
        row.districtCode = district.code
        row.districtName = district.name
        row.schoolCode = school.code
        row.schoolName = school.name
      }
      rows.append(row)
    }
  }
}

/// A teacher at a school during aggregation; the SEID as a number (see `TAMOSEIDNumbers`).
struct TAMOTeacherKey: Hashable {
  var school: Int32
  var seid: UInt64
}

/// SEIDs as numbers, so teacher keys hash as two integers instead of a string. A ten-digit SEID is its own value;
/// anything else gets a number above every ten-digit one.
struct TAMOSEIDNumbers {
  var others: [String: UInt64] = [:]

  mutating func number(_ seid: String) -> UInt64 {
    var value: UInt64 = 0
    var digits = 0
    for byte in seid.utf8 {
      guard byte >= 48 && byte <= 57, digits < 10 else {
        digits = -1
        break
      }
      value = value * 10 + UInt64(byte - 48)
      digits += 1
    }
    if digits == 10 { return value }
    if let known = others[seid] { return known }
    let next = 10_000_000_000 + UInt64(others.count)
    others[seid] = next
    return next
  }
}

/// A teacher's FTE and how much of it the sections seen so far took.
struct TAMOTeacherShare {
  var school: Int32
  var units: Int64
  var sections: Int32 = 0
  var weight: Double = 0
  var seen: Int32 = 0
  var assigned: Int64 = 0
}

/// One cell of the aggregation: a unit (school, district, county or the state, by index) and the filters, each a
/// small code where 0 means ALL.
struct TAMOCellKey: Hashable {
  var unit: Int32
  /// 0 All, 1 Yes, 2 No.
  var charter: UInt8
  var dass: UInt8
  /// 0 ALL, then `TAMOGradeSpan.allCases` from 1.
  var span: UInt8
  /// 0 ALL, 1 EXP, 2 INEXP.
  var experience: UInt8
  /// 0 ALL, 1 FC, 2 NFC.
  var credential: UInt8
  /// 0 TA, then `TAMOSubject.allCases` from 1.
  var subject: UInt8

  static let spans = TAMOGradeSpan.allCases
  static let experiences = TAMOExperienceLevel.allCases
  static let credentials = TAMOCredentialLevel.allCases
  static let subjects = TAMOSubject.allCases

  static func code(_ flag: Bool) -> UInt8 { flag ? 1 : 2 }
  static func code(_ span: TAMOGradeSpan?) -> UInt8 { span.map { UInt8(spans.firstIndex(of: $0)! + 1) } ?? 0 }
  static func code(_ level: TAMOExperienceLevel?) -> UInt8 {
    level.map { UInt8(experiences.firstIndex(of: $0)! + 1) } ?? 0
  }
  static func code(_ level: TAMOCredentialLevel) -> UInt8 { UInt8(credentials.firstIndex(of: level)! + 1) }
  static func code(_ subject: TAMOSubject) -> UInt8 { UInt8(subjects.firstIndex(of: subject)! + 1) }

  static func flag(_ code: UInt8) -> Bool? { code == 0 ? nil : code == 1 }
  static func span(_ code: UInt8) -> TAMOGradeSpan? { code == 0 ? nil : spans[Int(code) - 1] }
  static func experience(_ code: UInt8) -> TAMOExperienceLevel? { code == 0 ? nil : experiences[Int(code) - 1] }
  static func credential(_ code: UInt8) -> TAMOCredentialLevel? { code == 0 ? nil : credentials[Int(code) - 1] }
  static func subject(_ code: UInt8) -> TAMOSubject? { code == 0 ? nil : subjects[Int(code) - 1] }

  /// All fields in one word: one hash combine instead of seven (hashing dominates the aggregation).
  var packed: UInt64 {
    UInt64(UInt32(bitPattern: unit)) << 32 | UInt64(charter) << 28 | UInt64(dass) << 24 | UInt64(span) << 20
      | UInt64(experience) << 16 | UInt64(credential) << 12 | UInt64(subject)
  }

  func hash(into hasher: inout Hasher) { hasher.combine(packed) }

  static func == (a: TAMOCellKey, b: TAMOCellKey) -> Bool { a.packed == b.packed }

  /// File order within a level: the unit's rank by code, then each filter with ALL first.
  func order(rank: Int32) -> UInt64 { UInt64(UInt32(bitPattern: rank)) << 32 | packed & 0xFFFF_FFFF }
}

/// The schools, districts and counties met, by index, with their codes and names.
struct TAMOUnits {
  struct School {
    var code: String
    var name: String
    var district: Int32
    var isCharter: Bool
    var isDASS: Bool
    var gradeSpan: TAMOGradeSpan?
  }
  struct District {
    var code: String
    var name: String
    var county: Int32
  }
  struct County {
    var code: String
    var name: String
  }

  var schools: [School] = []
  var districts: [District] = []
  var counties: [County] = []
  var schoolByCDS: [String: Int32] = [:]
  var districtByCode: [String: Int32] = [:]
  var countyByCode: [String: Int32] = [:]

  init(schools list: [TAMOSchool]) {
    for school in list where schoolByCDS[school.cdsCode] == nil {
      add(school)
    }
  }

  /// The index of a school, adding it without names when the school list does not have it.
  mutating func school(_ cdsCode: String) -> Int32 {
    if let known = schoolByCDS[cdsCode] { return known }
    return add(TAMOSchool(cdsCode: cdsCode, countyName: "", districtName: "", schoolName: ""))
  }

  @discardableResult
  mutating func add(_ school: TAMOSchool) -> Int32 {
    let cds = school.cdsCode
    let countyCode = String(cds.prefix(2))
    let districtCode = String(cds.dropFirst(2).prefix(5))
    let county: Int32
    if let known = countyByCode[countyCode] {
      county = known
      if counties[Int(known)].name.isEmpty { counties[Int(known)].name = school.countyName }
    } else {
      county = Int32(counties.count)
      countyByCode[countyCode] = county
      counties.append(County(code: countyCode, name: school.countyName))
    }
    let district: Int32
    if let known = districtByCode[countyCode + districtCode] {
      district = known
      if districts[Int(known)].name.isEmpty { districts[Int(known)].name = school.districtName }
    } else {
      district = Int32(districts.count)
      districtByCode[countyCode + districtCode] = district
      districts.append(District(code: districtCode, name: school.districtName, county: county))
    }
    let index = Int32(schools.count)
    schoolByCDS[cds] = index
    schools.append(
      School(
        code: String(cds.dropFirst(7)), name: school.schoolName, district: district, isCharter: school.isCharter,
        isDASS: school.isDASS, gradeSpan: school.gradeSpan))
    return index
  }

  /// Each unit's position when the level's units are sorted by code.
  func rank(_ level: TAMOAggregateLevel) -> [Int32] {
    let codes: [String] =
      switch level {
      case .state: [""]
      case .county: counties.map(\.code)
      case .district: districts.map { counties[Int($0.county)].code + $0.code }
      case .school:
        schools.map {
          counties[Int(districts[Int($0.district)].county)].code + districts[Int($0.district)].code + $0.code
        }
      }
    var rank = [Int32](repeating: 0, count: codes.count)
    for (position, index) in codes.indices.sorted(by: { codes[$0] < codes[$1] }).enumerated() {
      rank[index] = Int32(position)
    }
    return rank
  }
}
