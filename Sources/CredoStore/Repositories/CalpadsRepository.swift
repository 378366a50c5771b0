import CredoDomain
import CredoReference
import Foundation
import SQLKit

/// One scope of CALPADS data: a record type for one reporting LEA and year. A newer extract replaces a scope.
public struct CalpadsScope: Sendable, Hashable, Codable {
  public var recordType: String
  public var reportingLea: String
  public var academicYear: String
  public var digest: String
  public var recordCount: Int
  public var importRunId: UUID
  public var importedAt: Date

  public init(
    recordType: String, reportingLea: String, academicYear: String, digest: String, recordCount: Int,
    importRunId: UUID, importedAt: Date
  ) {
    self.recordType = recordType
    self.reportingLea = reportingLea
    self.academicYear = academicYear
    self.digest = digest
    self.recordCount = recordCount
    self.importRunId = importRunId
    self.importedAt = importedAt
  }
}

/// A section roster as stored: its counts, with grades and disabilities still in their stored text ("CODE:COUNT …"),
/// read into a `SectionRoster` only when wanted. A state run keeps 2.5 million rosters; as `SectionRoster`s, with
/// two dictionaries each, they took several times the memory.
public struct StoredRoster: Sendable, Hashable {
  public var studentCount: Int32
  public var englishLearners: Int32
  public var grades: String
  public var disabilities: String

  public var roster: SectionRoster {
    var grades: [GradeLevel: Int] = [:]
    for pair in self.grades.utf8.split(separator: UInt8(ascii: " ")) {
      let parts = pair.split(separator: UInt8(ascii: ":"))
      if parts.count == 2, let grade = GradeLevel(code: String(Substring(parts[0]))),
        let n = Int(String(Substring(parts[1])))
      {
        grades[grade] = n
      }
    }
    var disabilities: [String: Int] = [:]
    for pair in self.disabilities.utf8.split(separator: UInt8(ascii: " ")) {
      let parts = pair.split(separator: UInt8(ascii: ":"))
      if parts.count == 2, let n = Int(String(Substring(parts[1]))) { disabilities[String(Substring(parts[0]))] = n }
    }
    return SectionRoster(
      studentCount: Int(studentCount), grades: grades, englishLearners: Int(englishLearners),
      disabilities: disabilities)
  }
}

/// CALPADS SDEM/SASS/CRSE records and section rosters (migration 004).
public struct CalpadsRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  /// Fields of a stored record are separated by the ASCII unit separator, which no CALPADS field contains.
  static let separator: Character = "\u{1F}"

  /// A record's stored form (its canonical fields, `CalpadsRecordFields.fields`, joined by the separator). The
  /// import digests these bytes and keeps them rather than the parsed record until it writes: a third of the
  /// memory.
  public static func pack(_ fields: [String]) -> String { fields.joined(separator: String(separator)) }

  /// Splits a stored record on its UTF-8 bytes (the separator is ASCII): splitting `Character`s would cost more
  /// than everything else done with a record.
  static func unpack(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
      var fields: [String] = []
      fields.reserveCapacity(32)
      var start = 0
      for i in 0..<bytes.count where bytes[i] == 0x1F {
        fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        start = i + 1
      }
      fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
      return fields
    }
  }

  struct StaffRow: BulkRow {
    static let columns = ["academic_year", "reporting_lea", "seid", "record"]
    var values: [BulkValue]
  }

  struct AssignmentRow: BulkRow {
    static let columns = ["academic_year", "reporting_lea", "school_code", "seid", "record"]
    var values: [BulkValue]
  }

  struct SectionRow: BulkRow {
    static let columns = [
      "academic_year", "reporting_lea", "school_code", "seid", "state_course_code", "local_course_id", "section_id",
      "academic_term", "record",
    ]
    var values: [BulkValue]
  }

  struct RosterRow: BulkRow {
    static let columns = [
      "academic_year", "school_code", "local_course_id", "section_id", "academic_term", "student_count",
      "english_learners", "grades", "disabilities",
    ]
    var values: [BulkValue]
  }

  // MARK: Scopes

  public func scopes(year: SchoolYear? = nil) async throws -> [CalpadsScope] {
    var query = db.select().column("*").from("calpads_scopes")
    if let year { query = query.where("academic_year", .equal, year.description) }
    return try await query.orderBy("academic_year").orderBy("reporting_lea").orderBy("record_type")
      .all(decoding: CalpadsScope.self, with: Coding.decoder)
  }

  /// Replaces one scope's records with `records` (already in canonical order) and records the scope.
  public func replace(scope: CalpadsScope, staff: [StaffDemographics]) async throws {
    try await clear(table: "calpads_staff", scope: scope)
    try await db.insertBulk(
      staff.map {
        StaffRow(values: [
          .text($0.academicYear.description), .text($0.reportingLEA), .text($0.seid),
          .text(Self.pack(CalpadsRecordFields.fields($0))),
        ])
      },
      into: "calpads_staff")
    try await save(scope)
  }

  public func replace(scope: CalpadsScope, assignments: [StaffAssignment]) async throws {
    try await clear(table: "calpads_staff_assignments", scope: scope)
    try await db.insertBulk(
      assignments.map {
        AssignmentRow(values: [
          .text($0.academicYear.description), .text($0.reportingLEA), .text($0.schoolCode), .text($0.seid),
          .text(Self.pack(CalpadsRecordFields.fields($0))),
        ])
      }, into: "calpads_staff_assignments")
    try await save(scope)
  }

  public func replace(scope: CalpadsScope, sections: [CourseSection]) async throws {
    try await clear(table: "calpads_sections", scope: scope)
    try await db.insertBulk(
      sections.map {
        SectionRow(
          values: [
            $0.academicYear.description, $0.reportingLEA, $0.schoolCode, $0.seid, $0.stateCourseCode,
            $0.localCourseId, $0.sectionId, $0.academicTermCode, Self.pack(CalpadsRecordFields.fields($0)),
          ].map(BulkValue.text))
      }, into: "calpads_sections")
    try await save(scope)
  }

  /// Replaces one scope's records with `records` in their stored form (`pack`, already in canonical order), written
  /// in batches; the key columns are read back from each record by their canonical position.
  public func replace(scope: CalpadsScope, stored records: [String]) async throws {
    let (table, keys): (String, [Int]) =
      switch scope.recordType {
      case "SDEM": ("calpads_staff", Self.staffKeys)
      case "SASS": ("calpads_staff_assignments", Self.assignmentKeys)
      default: ("calpads_sections", Self.sectionKeys)
      }
    try await clear(table: table, scope: scope)
    for start in stride(from: 0, to: records.count, by: Self.writeBatch) {
      let batch = records[start..<min(records.count, start + Self.writeBatch)]
      let values = batch.map { record in
        let fields = Self.unpack(record)
        return keys.map { BulkValue.text($0 < fields.count ? fields[$0] : "") } + [.text(record)]
      }
      switch scope.recordType {
      case "SDEM": try await db.insertBulk(values.map(StaffRow.init), into: table)
      case "SASS": try await db.insertBulk(values.map(AssignmentRow.init), into: table)
      default: try await db.insertBulk(values.map(SectionRow.init), into: table)
      }
    }
    try await save(scope)
  }

  /// Rows built and inserted at a time by `replace(scope:stored:)`.
  static let writeBatch = 10_000

  /// The canonical positions of each table's key columns (the row's columns but the last, `record`).
  static let staffKeys = positions(StaffRow.columns.dropLast(), in: CalpadsRecordFields.staffNames)
  static let assignmentKeys = positions(AssignmentRow.columns.dropLast(), in: CalpadsRecordFields.assignmentNames)
  static let sectionKeys = positions(SectionRow.columns.dropLast(), in: CalpadsRecordFields.sectionNames)

  /// Every key column is a canonical field of the same name (checked by the store tests).
  static func positions(_ columns: ArraySlice<String>, in names: [String]) -> [Int] {
    columns.map { column in names.firstIndex(of: column) ?? Int.max }
  }

  /// Replaces every scope the records name (one per record type and reporting LEA), e.g. a generated submission.
  public func replaceByLEA(
    year: SchoolYear, staff: [StaffDemographics], assignments: [StaffAssignment], sections: [CourseSection],
    digest: String, importRunId: UUID, at now: Date
  ) async throws {
    func scope(_ type: String, _ lea: String, _ count: Int) -> CalpadsScope {
      CalpadsScope(
        recordType: type, reportingLea: lea, academicYear: year.description, digest: digest, recordCount: count,
        importRunId: importRunId, importedAt: now)
    }
    for (lea, rows) in Dictionary(grouping: staff, by: \.reportingLEA) {
      try await replace(scope: scope("SDEM", lea, rows.count), staff: rows)
    }
    for (lea, rows) in Dictionary(grouping: assignments, by: \.reportingLEA) {
      try await replace(scope: scope("SASS", lea, rows.count), assignments: rows)
    }
    for (lea, rows) in Dictionary(grouping: sections, by: \.reportingLEA) {
      try await replace(scope: scope("CRSE", lea, rows.count), sections: rows)
    }
  }

  func clear(table: String, scope: CalpadsScope) async throws {
    try await db.delete(from: table).where("academic_year", .equal, scope.academicYear)
      .where("reporting_lea", .equal, scope.reportingLea).run()
  }

  func save(_ scope: CalpadsScope) async throws {
    try await db.delete(from: "calpads_scopes").where("record_type", .equal, scope.recordType)
      .where("reporting_lea", .equal, scope.reportingLea).where("academic_year", .equal, scope.academicYear).run()
    try await db.insert(into: "calpads_scopes").model(scope, with: Coding.encoder).run()
  }

  // MARK: Rosters

  /// Replaces the rosters of every school the file names for the year.
  public func replaceRosters(year: SchoolYear, _ rosters: [(SectionKey, SectionRoster)]) async throws {
    let schools = Set(rosters.map(\.0.schoolCode))
    for chunk in Array(schools).sorted().chunked(into: 500) {
      try await db.delete(from: "section_rosters").where("academic_year", .equal, year.description)
        .where("school_code", .in, chunk).run()
    }
    try await db.insertBulk(
      rosters.map { key, roster in
        RosterRow(values: [
          .text(year.description), .text(key.schoolCode), .text(key.localCourseId), .text(key.sectionId),
          .text(key.academicTerm), .int(roster.studentCount), .int(roster.englishLearners),
          .text(roster.grades.sorted { $0.key < $1.key }.map { "\($0.key.code):\($0.value)" }.joined(separator: " ")),
          .text(roster.disabilities.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")),
        ])
      }, into: "section_rosters")
  }

  public func rosters(year: SchoolYear) async throws -> [SectionKey: SectionRoster] {
    try await rosters(year: year, schoolCodes: nil)
  }

  /// The rosters of one school (7-digit code), for its master schedule.
  public func rosters(year: SchoolYear, schoolCode: String) async throws -> [SectionKey: SectionRoster] {
    try await rosters(year: year, schoolCodes: [schoolCode])
  }

  /// The rosters of the given schools (7-digit codes), or of every school when nil. Rows are decoded as they
  /// arrive (a state year has 2.5 million).
  public func rosters(year: SchoolYear, schoolCodes: [String]?) async throws -> [SectionKey: SectionRoster] {
    let sink = Sink<[SectionKey: SectionRoster]>([:])
    try await eachRoster(year: year, schoolCodes: schoolCodes) { key, stored in sink.value[key] = stored.roster }
    return sink.value
  }

  /// Hands each roster of the given schools (or of every school when nil) to `body` as it is read, in its stored
  /// form.
  public func eachRoster(
    year: SchoolYear, schoolCodes: [String]?, _ body: @escaping @Sendable (SectionKey, StoredRoster) -> Void
  ) async throws {
    let columns =
      Self.rosterKey + ["CAST(student_count AS TEXT)", "CAST(english_learners AS TEXT)", "grades", "disabilities"]
    let base =
      "SELECT \(columns.joined(separator: ", ")) FROM section_rosters WHERE academic_year = \(db.placeholder(1))"
    let read: @Sendable ([String?]) throws -> Void = { row in
      let (key, roster) = try Self.storedRoster(row)
      body(key, roster)
    }
    if let schoolCodes {
      for chunk in schoolCodes.chunked(into: 500) {
        try await db.eachTextRow(
          base + " AND school_code IN (\(db.placeholders(from: 2, count: chunk.count)))",
          [.text(year.description)] + chunk.map(ReadBind.text), read)
      }
    } else {
      // The year's rosters in the order of their unique key, in pages.
      try await db.eachTextRow(
        select: columns, from: "section_rosters", where: "academic_year = \(db.placeholder(1))",
        [.text(year.description)], order: Self.rosterKey, read)
    }
  }

  /// The columns that identify a roster within a year (its unique key after the year).
  static let rosterKey = ["school_code", "local_course_id", "section_id", "academic_term"]

  /// The sections of the year with English learners enrolled (what the data review's rule 33 asks of a roster),
  /// without reading the rosters' grades and disabilities.
  public func englishLearnerSections(year: SchoolYear) async throws -> Set<SectionKey> {
    let sink = Sink<Set<SectionKey>>([])
    try await db.eachTextRow(
      select: Self.rosterKey, from: "section_rosters",
      where: "academic_year = \(db.placeholder(1)) AND english_learners > 0", [.text(year.description)],
      order: Self.rosterKey
    ) { row in
      guard let school = row[0], let course = row[1], let section = row[2], let term = row[3] else { return }
      sink.value.insert(SectionKey(schoolCode: school, localCourseId: course, sectionId: section, academicTerm: term))
    }
    return sink.value
  }

  /// One `section_rosters` row (the columns of `eachRoster`'s query).
  static func storedRoster(_ row: [String?]) throws -> (SectionKey, StoredRoster) {
    guard row.count == 8, let school = row[0], let course = row[1], let section = row[2], let term = row[3],
      let students = row[4].flatMap({ Int32($0) }), let englishLearners = row[5].flatMap({ Int32($0) })
    else { throw StoreError.failed(reason: "a section roster row has an invalid stored value") }
    return (
      SectionKey(schoolCode: school, localCourseId: course, sectionId: section, academicTerm: term),
      StoredRoster(
        studentCount: students, englishLearners: englishLearners, grades: row[6] ?? "", disabilities: row[7] ?? "")
    )
  }

  // MARK: Reading records

  public func staff(year: SchoolYear, seids: [String]? = nil) async throws -> [StaffDemographics] {
    try await records(table: "calpads_staff", year: year, seids: seids, CalpadsRecordFields.storedStaff)
  }

  public func assignments(year: SchoolYear, seids: [String]? = nil) async throws -> [StaffAssignment] {
    try await records(
      table: "calpads_staff_assignments", year: year, seids: seids, CalpadsRecordFields.storedAssignment)
  }

  public func sections(year: SchoolYear, seids: [String]? = nil) async throws -> [CourseSection] {
    try await records(table: "calpads_sections", year: year, seids: seids, CalpadsRecordFields.storedSection)
  }

  /// Hands every section record of the year to `body` as it is read, in the order of `sections(year:)`, holding
  /// none of them.
  public func eachSection(year: SchoolYear, _ body: @escaping @Sendable (CourseSection) -> Void) async throws {
    try await eachRecord(table: "calpads_sections", year: year) { text in
      if let section = CalpadsRecordFields.storedSection(Self.unpack(text)) { body(section) }
    }
  }

  /// Every section of the year at the given schools (7-digit codes), e.g. a class's co-teachers.
  public func sections(year: SchoolYear, schoolCodes: [String]) async throws -> [CourseSection] {
    var result: [CourseSection] = []
    for chunk in schoolCodes.chunked(into: 500) {
      let rows = try await db.select().column("record").from("calpads_sections")
        .where("academic_year", .equal, year.description).where("school_code", .in, chunk).all()
      for row in rows {
        if let s = CalpadsRecordFields.storedSection(Self.unpack(try row.decode(column: "record", as: String.self))) {
          result.append(s)
        }
      }
    }
    return result
  }

  /// Every section record of one school of one reporting LEA (its master schedule as submitted).
  public func sections(year: SchoolYear, reportingLEA: String, schoolCode: String) async throws -> [CourseSection] {
    try await db.select().column("record").from("calpads_sections")
      .where("academic_year", .equal, year.description).where("reporting_lea", .equal, reportingLEA)
      .where("school_code", .equal, schoolCode).all()
      .compactMap { CalpadsRecordFields.storedSection(Self.unpack(try $0.decode(column: "record", as: String.self))) }
  }

  /// The records of `table` for the year (or the SEIDs), each turned into `T` as it arrives: a state year has
  /// 2.5 million sections, and holding their fields as lists of strings first would double the memory a run needs.
  func records<T>(
    table: String, year: SchoolYear, seids: [String]?, _ make: @escaping @Sendable ([String]) -> T?
  ) async throws -> [T] {
    let sink = Sink<[T]>([])
    let base = "SELECT record FROM \(table) WHERE academic_year = \(db.placeholder(1))"
    if let seids {
      for chunk in seids.chunked(into: 500) {
        try await db.eachTextRow(
          base + " AND seid IN (\(db.placeholders(from: 2, count: chunk.count)))",
          [.text(year.description)] + chunk.map(ReadBind.text)
        ) { row in
          if let text = row[0], let record = make(Self.unpack(text)) { sink.value.append(record) }
        }
      }
    } else {
      try await eachRecord(table: table, year: year) { text in
        if let record = make(Self.unpack(text)) { sink.value.append(record) }
      }
    }
    return sink.value
  }

  /// Every stored record of `table` for the year, in the order of its LEA index (the order these reads had when
  /// they were one query), read in pages (`eachTextRow(select:…)`).
  func eachRecord(table: String, year: SchoolYear, _ body: @escaping @Sendable (String) -> Void) async throws {
    let order =
      table == "calpads_sections" ? ["reporting_lea", "school_code", "rowid"] : ["reporting_lea", "rowid"]
    try await db.eachTextRow(
      select: ["record"], from: table, where: "academic_year = \(db.placeholder(1))", [.text(year.description)],
      order: order
    ) { row in
      if let text = row[0] { body(text) }
    }
  }

  public func counts(year: SchoolYear) async throws -> (staff: Int, assignments: Int, sections: Int, rosters: Int) {
    func count(_ table: String) async throws -> Int {
      try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        .where("academic_year", .equal, year.description).first()?.decode(column: "n", as: Int.self) ?? 0
    }
    return (
      try await count("calpads_staff"), try await count("calpads_staff_assignments"),
      try await count("calpads_sections"), try await count("section_rosters")
    )
  }
}

extension Array {
  func chunked(into size: Int) -> [[Element]] {
    stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
  }
}
