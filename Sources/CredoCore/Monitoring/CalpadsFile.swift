import CredoDomain
import CredoReference
import Foundation

/// The records read from one or more CALPADS Fall 2 extracts.
public struct CalpadsExtract: Sendable {
  public var staff: [StaffDemographics] = []
  public var assignments: [StaffAssignment] = []
  public var sections: [CourseSection] = []
  public var records: Int { staff.count + assignments.count + sections.count }

  public init() {}

  public mutating func append(_ other: CalpadsExtract) {
    staff += other.staff
    assignments += other.assignments
    sections += other.sections
  }
}

/// Reads CALPADS SDEM, SASS and CRSE (CRSC) extracts as the interchange spec §1 describes: no header row, `^`
/// delimited (tab, and `,` with quoting, also accepted), field 1 the record type so one file can mix types,
/// ODS extracts' `-R` record types and extra trailing fields accepted. Field positions come from the layouts
/// data (`CalpadsLayouts`). A record that cannot be read (unknown type, malformed code, date or number) is a
/// problem with file, line and field; any problem rejects the whole import.
public enum CalpadsFile {
  public static let maximumProblems = 200

  /// The last field each record type must reach to be readable (trailing empty fields may be omitted).
  static let minimumWidth: [String: Int] = ["SDEM": 8, "SASS": 14, "CRSE": 16, "CRSC": 16]

  public static func parse(
    _ data: Data, fileName: String, layouts: [String: CalpadsLayout] = CalpadsLayouts.bundled
  ) -> ImportValidation<CalpadsExtract> {
    var extract = CalpadsExtract()
    let (problems, truncated) = read(data, fileName: fileName, layouts: layouts) { record in
      switch record {
      case .staff(let row): extract.staff.append(row)
      case .assignment(let row): extract.assignments.append(row)
      case .section(let row): extract.sections.append(row)
      }
    }
    return problems.isEmpty ? .valid([extract]) : .invalid(problems, truncated: truncated)
  }

  /// Reads `data` as `parse` does, handing each readable record to `body` as it is read instead of collecting
  /// them (a state extract's parsed records take gigabytes; an import keeps only their stored form). Returns the
  /// problems (empty when every record was readable) and whether the list was cut at `maximumProblems`.
  public static func read(
    _ data: Data, fileName: String, layouts: [String: CalpadsLayout] = CalpadsLayouts.bundled,
    _ body: (CalpadsRecord) -> Void
  ) -> (problems: [ImportProblem], truncated: Bool) {
    let text = DelimitedText.decode(data)
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
    let delimiter: Character = firstLine.contains("^") ? "^" : firstLine.contains("\t") ? "\t" : ","
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ column: Int?, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, column: column, reason: reason))
    }
    // Records are read one at a time (a state extract has three million).
    var any = false
    var truncated = false
    DelimitedText.forEachRecord(in: text, delimiter: delimiter) { record in
      any = true
      if problems.count >= maximumProblems {
        truncated = true
        return false
      }
      var type = record.fields[0].trimmedOfWhitespace.uppercased()
      if type.hasSuffix("-R") { type.removeLast(2) }
      guard let layout = layouts[type] else {
        problem(
          record.line, "record_type", 1,
          "Unknown record type '\(record.fields[0])'; Credo reads SDEM, SASS, CRSE and CRSC records (field 1).")
        return true
      }
      if let minimum = minimumWidth[type], record.fields.count < minimum {
        problem(
          record.line, "record", nil,
          "A \(type) record needs at least \(minimum) fields; this one has \(record.fields.count). Check the delimiter (^) and that the line is not cut short."
        )
        return true
      }
      let fields = record.fields
      let value: (String) -> String = { name in
        guard let i = layout.index(of: name), i < fields.count else { return "" }
        return fields[i].trimmedOfWhitespace
      }
      func failed(_ p: CalpadsRecordFields.FieldProblem) {
        let column = layout.index(of: p.field).map { $0 + 1 }
        let guide = layout.field(named: p.field).map { " (\($0.guideNumber))" } ?? ""
        problem(record.line, p.field + guide, column, p.reason)
      }
      switch type {
      case "SDEM":
        switch CalpadsRecordFields.staff(value) {
        case .success(let row): body(.staff(row))
        case .failure(let p): failed(p)
        }
      case "SASS":
        switch CalpadsRecordFields.assignment(value) {
        case .success(let row): body(.assignment(row))
        case .failure(let p): failed(p)
        }
      default:
        switch CalpadsRecordFields.section(value) {
        case .success(let row): body(.section(row))
        case .failure(let p): failed(p)
        }
      }
      return true
    }
    if truncated { return (problems, true) }
    if !any {
      problem(1, "file", nil, "The file has no records; expected SDEM, SASS or CRSE lines delimited by ^.")
    }
    return (problems, false)
  }
}

/// One readable record of an extract.
public enum CalpadsRecord: Sendable {
  case staff(StaffDemographics)
  case assignment(StaffAssignment)
  case section(CourseSection)
}

extension CalpadsFile {
  /// Writes `extract` as one `^`-delimited extract (SDEM, then SASS, then CRSE records) in the layouts' field
  /// positions, as a SIS would: what `parse` reads back into the same records. Dates are written `YYYYMMDD`. Used
  /// by `credo demo --calpads-files` to measure the file path at state scale.
  public static func write(
    _ extract: CalpadsExtract, to path: String, layouts: [String: CalpadsLayout] = CalpadsLayouts.bundled
  ) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CoreError.invalid([FieldProblem(field: "calpads-files", message: "Cannot create \(path).")]) }
    defer { try? handle.close() }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    func record(_ type: String, _ names: [String], _ values: [String]) throws {
      guard let layout = layouts[type] else { return }
      var byName: [String: String] = [:]
      for (name, value) in zip(names, values) {
        byName[name] = name.hasSuffix("_date") ? value.replacingOccurrences(of: "-", with: "") : value
      }
      byName["record_type"] = type
      byName["transaction_type"] = "A"
      var fields = [String](repeating: "", count: layout.width)
      for field in layout.fields { fields[field.position - 1] = byName[field.name] ?? "" }
      buffer.append(contentsOf: fields.joined(separator: "^").utf8)
      buffer.append(0x0A)
      if buffer.count >= 1 << 20 {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    for s in extract.staff { try record("SDEM", CalpadsRecordFields.staffNames, CalpadsRecordFields.fields(s)) }
    for a in extract.assignments {
      try record("SASS", CalpadsRecordFields.assignmentNames, CalpadsRecordFields.fields(a))
    }
    for c in extract.sections { try record("CRSE", CalpadsRecordFields.sectionNames, CalpadsRecordFields.fields(c)) }
    try handle.write(contentsOf: buffer)
  }
}

/// Reads `section-students.csv` (interchange spec §2): who sits in each section. Credo keeps only each section's
/// summary (grade levels, English learners, primary disabilities), not the students: the rules need no more, and
/// student-level disability data is not Credo's to hold.
public enum SectionStudentsFile {
  public static let requiredColumns = [
    "school_code", "local_course_id", "section_id", "academic_term", "ssid", "grade_level", "el_status",
    "disability_code",
  ]
  /// Primary disability codes CALPADS uses (interchange spec §2).
  public static let disabilityCodes: Set<String> = [
    "210", "220", "230", "240", "250", "260", "270", "280", "281", "290", "300", "310", "320", "330",
  ]

  public static func parse(_ data: Data, fileName: String) -> ImportValidation<(SectionKey, SectionRoster)> {
    let records = DelimitedText(DelimitedText.decode(data), delimiter: ",").records
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
    }
    guard let header = records.first else {
      problem(1, "header", "The file is empty; expected the header row \(requiredColumns.joined(separator: ",")).")
      return .invalid(problems, truncated: false)
    }
    var index: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() { index[name.trimmedOfWhitespace.lowercased()] = i }
    let missing = requiredColumns.filter { index[$0] == nil }
    guard missing.isEmpty else {
      problem(
        header.line, "header", "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).")
      return .invalid(problems, truncated: false)
    }
    var rosters: [SectionKey: SectionRoster] = [:]
    var seen: Set<String> = []
    for record in records.dropFirst() {
      if problems.count >= CalpadsFile.maximumProblems { return .invalid(problems, truncated: true) }
      func value(_ name: String) -> String {
        guard let i = index[name], i < record.fields.count else { return "" }
        return record.fields[i].trimmedOfWhitespace
      }
      var school = value("school_code")
      if school.count == 14 { school = String(school.suffix(7)) }
      guard school.count == 7, school.allSatisfy(\.isASCIIDigit) else {
        problem(record.line, "school_code", "School code must be 7 digits (or the 14-digit CDS code), not '\(school)'.")
        continue
      }
      let course = value("local_course_id")
      let section = value("section_id")
      guard !course.isEmpty, !section.isEmpty else {
        problem(record.line, course.isEmpty ? "local_course_id" : "section_id", "Required to find the section.")
        continue
      }
      guard let grade = GradeLevel(code: value("grade_level")) else {
        problem(record.line, "grade_level", "'\(value("grade_level"))' is not a grade level; write TK, K, 1…12 or AD.")
        continue
      }
      guard let status = EnglishLanguageStatus(rawValue: value("el_status").uppercased()) else {
        problem(record.line, "el_status", "'\(value("el_status"))' is not EL, RFEP, IFEP, EO or TBD.")
        continue
      }
      let disability = value("disability_code")
      if !disability.isEmpty && !disabilityCodes.contains(disability) {
        problem(
          record.line, "disability_code",
          "'\(disability)' is not a CALPADS primary disability code (210, 220, … 330); leave it empty when none.")
        continue
      }
      let key = SectionKey(
        schoolCode: school, localCourseId: course, sectionId: section, academicTerm: value("academic_term"))
      let ssid = value("ssid")
      // The same student listed twice in a section is counted once.
      if !ssid.isEmpty, !seen.insert("\(key)|\(ssid)").inserted { continue }
      rosters[key, default: SectionRoster()].add(
        SectionStudent(section: key, ssid: ssid, grade: grade, englishStatus: status, disabilityCode: disability))
    }
    if !problems.isEmpty { return .invalid(problems, truncated: false) }
    return .valid(rosters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
  }
}
