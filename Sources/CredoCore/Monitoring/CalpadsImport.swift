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
///
/// Records are kept in their stored form (`CalpadsRepository.pack`, what the scope digest hashes) as they are
/// read, not as parsed values: a state extract's three million parsed records took 1.5 GiB more.
public struct CalpadsImport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  struct ScopeKey: Hashable, Comparable {
    var type: String
    var lea: String
    var year: String
    static func < (a: ScopeKey, b: ScopeKey) -> Bool { (a.year, a.lea, a.type) < (b.year, b.lea, b.type) }
  }

  /// One scope's records as read, in file order, and the digest of their stored form: the same bytes as ever
  /// (fields joined by 0x1F, each record closed by 0x1E), so digests on file still match.
  struct ScopeRecords {
    var hasher = SHA256()
    var stored: [String] = []

    mutating func add(_ fields: [String]) {
      var record = CalpadsRepository.pack(fields)
      record.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
      hasher.update(data: Self.recordEnd)
      stored.append(record)
    }

    static let recordEnd: [UInt8] = [0x1E]

    var digest: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
  }

  public func run(files: [(name: String, data: Data)], by viewer: Viewer) async throws -> CalpadsImportSummary {
    let scope = try viewer.require(.importData, "importing CALPADS files")
    let started = services.now
    var scopes: [ScopeKey: ScopeRecords] = [:]
    var leas = Set<String>()
    var records = 0
    var problems: [ImportProblem] = []
    var truncated = false
    for file in files {
      let (found, cut) = CalpadsFile.read(file.data, fileName: file.name) { record in
        let key: ScopeKey
        let fields: [String]
        switch record {
        case .staff(let r):
          key = ScopeKey(type: "SDEM", lea: r.reportingLEA, year: r.academicYear.description)
          fields = CalpadsRecordFields.fields(r)
        case .assignment(let r):
          key = ScopeKey(type: "SASS", lea: r.reportingLEA, year: r.academicYear.description)
          fields = CalpadsRecordFields.fields(r)
        case .section(let r):
          key = ScopeKey(type: "CRSE", lea: r.reportingLEA, year: r.academicYear.description)
          fields = CalpadsRecordFields.fields(r)
        }
        leas.insert(key.lea)
        records += 1
        scopes[key, default: ScopeRecords()].add(fields)
      }
      problems += found
      truncated = truncated || cut
    }
    if !scope.isUnlimited {
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

    let digests = scopes.mapValues(\.digest)
    let existing = try await CalpadsRepository(services.database.sql).scopes()
    let onFile = Dictionary(
      existing.map { (ScopeKey(type: $0.recordType, lea: $0.reportingLea, year: $0.academicYear), $0.digest) },
      uniquingKeysWith: { a, _ in a })
    let runId = UUID()
    let now = services.now
    var summaries: [CalpadsImportSummary.Scope] = []
    var changed: [ScopeKey] = []
    for key in scopes.keys.sorted() {
      let same = onFile[key] == digests[key]!
      summaries.append(
        .init(
          recordType: key.type, reportingLea: key.lea, academicYear: key.year, records: scopes[key]!.stored.count,
          outcome: same ? "unchanged" : "replaced"))
      if same { scopes[key] = nil } else { changed.append(key) }
    }
    let summary = CalpadsImportSummary(files: files.map(\.name), records: records, scopes: summaries)
    let actor = viewer.actor
    var fileHasher = SHA256()
    for file in files {
      var line = SHA256.hash(data: file.data).map { String(format: "%02x", $0) }.joined()
      line.append("\u{1E}")
      line.withUTF8 { fileHasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
    let fileDigest = fileHasher.finalize().map { String(format: "%02x", $0) }.joined()
    let toWrite = changed
    let written = changed.reduce(0) { $0 + scopes[$1]!.stored.count }
    let pending = PendingScopes(scopes)
    scopes = [:]
    try await services.database.transaction(bulk: true) { db in
      let repository = CalpadsRepository(db)
      for key in toWrite {
        // Each scope's stored records are let go once written.
        let stored = pending.take(key)
        let record = CalpadsScope(
          recordType: key.type, reportingLea: key.lea, academicYear: key.year, digest: digests[key]!,
          recordCount: stored.count, importRunId: runId, importedAt: now)
        try await repository.replace(scope: record, stored: stored)
      }
      try await ImportRunRepository(db).insert(
        ImportRun(
          id: runId, kind: "calpads", fileName: summary.files.joined(separator: ", "), sha256: fileDigest,
          rows: summary.records, inserted: written, updated: toWrite.count, unchanged: summary.unchanged,
          actorName: actor.name, startedAt: started, finishedAt: now))
    }
    return summary
  }

  /// The changed scopes' stored records, handed to the write transaction and released scope by scope.
  final class PendingScopes: @unchecked Sendable {
    private var scopes: [ScopeKey: ScopeRecords]
    init(_ scopes: [ScopeKey: ScopeRecords]) { self.scopes = scopes }
    func take(_ key: ScopeKey) -> [String] { scopes.removeValue(forKey: key)?.stored ?? [] }
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
