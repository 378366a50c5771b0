import CredoDomain
import CredoReference
import CredoStore
import Crypto
import Foundation

/// What a CALPADS import did, per scope (record type × reporting LEA × year).
public struct CalpadsImportSummary: Sendable, Hashable, Codable {
  public struct Scope: Sendable, Hashable, Codable {
    public var recordType: String
    public var reportingLea: String
    public var academicYear: String
    public var records: Int
    /// `replaced` (new or changed content) or `unchanged` (the same extract was imported before).
    public var outcome: String
  }

  public var files: [String]
  public var records: Int
  public var scopes: [Scope]

  public var replaced: Int { scopes.filter { $0.outcome == "replaced" }.count }
  public var unchanged: Int { scopes.filter { $0.outcome == "unchanged" }.count }
}

/// `credo import calpads FILE…`: SDEM, SASS and CRSE extracts (interchange spec §1). Every file is read first;
/// any unreadable record rejects the whole import with every problem listed, and nothing is written. Otherwise
/// the records are grouped by scope (record type, reporting LEA, academic year) and each scope is applied in one
/// transaction: a scope whose content is unchanged since its last import is left alone (re-importing is a
/// no-op); a new or changed one replaces what is on file for that scope (CALPADS replacement processing, §4.3).
/// A district analyst may import only their own district's records.
public struct CalpadsImport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(files: [(name: String, data: Data)], by viewer: Viewer) async throws -> CalpadsImportSummary {
    let scope = try viewer.require(.importData, "importing CALPADS files")
    let started = services.now
    var extract = CalpadsExtract()
    var problems: [ImportProblem] = []
    var truncated = false
    for file in files {
      switch CalpadsFile.parse(file.data, fileName: file.name) {
      // One file (the usual case) is taken as parsed, not copied: a state extract's records take gigabytes.
      case .valid(let parsed): if extract.records == 0 { extract = parsed[0] } else { extract.append(parsed[0]) }
      case .invalid(let found, let cut):
        problems += found
        truncated = truncated || cut
      }
    }
    if !scope.isUnlimited {
      let leas = Set(
        extract.staff.map(\.reportingLEA) + extract.assignments.map(\.reportingLEA)
          + extract.sections.map(\.reportingLEA))
      for lea in leas.sorted() where !scope.covers(reportingLEA: lea) {
        problems.append(
          ImportProblem(
            file: files.map(\.name).joined(separator: ", "), line: 0, field: "reporting_lea",
            reason: "Records of LEA \(lea) are outside your scope; ask the county office to import them."))
      }
    }
    guard problems.isEmpty else {
      throw CoreError.importRejected(
        file: files.map(\.name).joined(separator: ", "), problems: Array(problems.prefix(CalpadsFile.maximumProblems)),
        truncated: truncated || problems.count > CalpadsFile.maximumProblems)
    }

    struct ScopeKey: Hashable, Comparable {
      var type: String
      var lea: String
      var year: String
      static func < (a: ScopeKey, b: ScopeKey) -> Bool { (a.year, a.lea, a.type) < (b.year, b.lea, b.type) }
    }
    // Scopes hold the positions of their records, not copies of them.
    func group<R>(_ records: [R], _ type: String, _ key: (R) -> (String, String)) -> [ScopeKey: [Int]] {
      var groups: [ScopeKey: [Int]] = [:]
      for (i, record) in records.enumerated() {
        let (lea, year) = key(record)
        groups[ScopeKey(type: type, lea: lea, year: year), default: []].append(i)
      }
      return groups
    }
    let staff = group(extract.staff, "SDEM") { ($0.reportingLEA, $0.academicYear.description) }
    let assignments = group(extract.assignments, "SASS") { ($0.reportingLEA, $0.academicYear.description) }
    let sections = group(extract.sections, "CRSE") { ($0.reportingLEA, $0.academicYear.description) }
    func digest(_ records: [[String]]) -> String {
      var hasher = SHA256()
      // The same bytes as ever (fields joined by 0x1F, each record closed by 0x1E), so digests on file still match;
      // hashed from the string's own storage rather than through a `Data` per record.
      for fields in records {
        var line = fields.joined(separator: "\u{1F}")
        line.append("\u{1E}")
        line.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
      }
      return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
    var digests: [ScopeKey: (digest: String, count: Int)] = [:]
    for (key, rows) in staff {
      digests[key] = (digest(rows.map { CalpadsRecordFields.fields(extract.staff[$0]) }), rows.count)
    }
    for (key, rows) in assignments {
      digests[key] = (digest(rows.map { CalpadsRecordFields.fields(extract.assignments[$0]) }), rows.count)
    }
    for (key, rows) in sections {
      digests[key] = (digest(rows.map { CalpadsRecordFields.fields(extract.sections[$0]) }), rows.count)
    }

    let existing = try await CalpadsRepository(services.database.sql).scopes()
    let onFile = Dictionary(
      existing.map { (ScopeKey(type: $0.recordType, lea: $0.reportingLea, year: $0.academicYear), $0.digest) },
      uniquingKeysWith: { a, _ in a })
    let runId = UUID()
    let now = services.now
    var summaries: [CalpadsImportSummary.Scope] = []
    var changed: [ScopeKey] = []
    for key in digests.keys.sorted() {
      let same = onFile[key] == digests[key]!.digest
      summaries.append(
        .init(
          recordType: key.type, reportingLea: key.lea, academicYear: key.year, records: digests[key]!.count,
          outcome: same ? "unchanged" : "replaced"))
      if !same { changed.append(key) }
    }
    let summary = CalpadsImportSummary(files: files.map(\.name), records: extract.records, scopes: summaries)
    let actor = viewer.actor
    let fileDigest = digest(files.map { [SHA256.hash(data: $0.data).map { String(format: "%02x", $0) }.joined()] })
    let toWrite = changed
    let written = digests
    let records = extract
    try await services.database.transaction(bulk: true) { db in
      let repository = CalpadsRepository(db)
      for key in toWrite {
        let record = CalpadsScope(
          recordType: key.type, reportingLea: key.lea, academicYear: key.year, digest: written[key]!.digest,
          recordCount: written[key]!.count, importRunId: runId, importedAt: now)
        switch key.type {
        case "SDEM": try await repository.replace(scope: record, staff: (staff[key] ?? []).map { records.staff[$0] })
        case "SASS":
          try await repository.replace(
            scope: record, assignments: (assignments[key] ?? []).map { records.assignments[$0] })
        default:
          try await repository.replace(scope: record, sections: (sections[key] ?? []).map { records.sections[$0] })
        }
      }
      try await ImportRunRepository(db).insert(
        ImportRun(
          id: runId, kind: "calpads", fileName: summary.files.joined(separator: ", "), sha256: fileDigest,
          rows: summary.records, inserted: toWrite.reduce(0) { $0 + written[$1]!.count }, updated: toWrite.count,
          unchanged: summary.unchanged, actorName: actor.name, startedAt: started, finishedAt: now))
    }
    return summary
  }
}

/// What a section-students import did.
public struct SectionRosterImportSummary: Sendable, Hashable, Codable {
  public var file: String
  public var academicYear: String
  public var sections: Int
  public var students: Int
  public var schools: Int
}

/// `credo import section-students FILE [--year Y]`: who sits in each section (interchange spec §2), kept as
/// per-section summaries. The file replaces the rosters of every school it names for the year; a bad file is
/// rejected whole.
public struct SectionRosterImport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(
    data: Data, fileName: String, year: SchoolYear, by viewer: Viewer
  ) async throws
    -> SectionRosterImportSummary
  {
    let scope = try viewer.require(.importData, "importing section rosters")
    let started = services.now
    let rosters: [(SectionKey, SectionRoster)]
    switch SectionStudentsFile.parse(data, fileName: fileName) {
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: truncated)
    case .valid(let rows): rosters = rows
    }
    let schools = Set(rosters.map(\.0.schoolCode))
    if !scope.isUnlimited {
      var known: [String: OrganizationPlace] = [:]
      for organization in try await OrganizationRepository(services.database.sql).all()
      where organization.kind == .school {
        known[String(organization.cdsCode.digits.suffix(7))] = organization.place
      }
      let outside = schools.filter { code in known[code].map { !scope.covers($0) } ?? true }
      if !outside.isEmpty {
        throw CoreError.importRejected(
          file: fileName,
          problems: outside.sorted().prefix(CalpadsFile.maximumProblems).map {
            ImportProblem(
              file: fileName, line: 0, field: "school_code",
              reason: "School \($0) is not one of the schools in your scope (or not in the directory).")
          }, truncated: outside.count > CalpadsFile.maximumProblems)
      }
    }
    let summary = SectionRosterImportSummary(
      file: fileName, academicYear: year.description, sections: rosters.count,
      students: rosters.reduce(0) { $0 + $1.1.studentCount }, schools: schools.count)
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    let now = services.now
    let actor = viewer.actor
    try await services.database.transaction { db in
      try await CalpadsRepository(db).replaceRosters(year: year, rosters)
      try await ImportRunRepository(db).insert(
        ImportRun(
          id: UUID(), kind: "section-students", fileName: fileName, sha256: digest, rows: summary.students,
          inserted: summary.sections, updated: 0, unchanged: 0, actorName: actor.name, startedAt: started,
          finishedAt: now))
    }
    return summary
  }
}
