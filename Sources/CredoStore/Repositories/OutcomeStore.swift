import CredoDomain
import Foundation
import SQLKit

/// A finding on file reduced to what a monitoring run compares: a digest of its fingerprint (`digest(_:)`), when it
/// was first found, whether it is resolved and its LEA (for scoped runs). A state year has millions of findings;
/// holding each fingerprint's text would cost a gigabyte.
public struct StoredFindingState: Sendable, Hashable {
  public var digest: Int
  public var firstRunId: UUID
  public var resolved: Bool
  public var reportingLea: String

  /// The digest a run compares fingerprints by: 64 bits of SipHash with this process's seed, so only digests made
  /// in the same process are compared. Two different fingerprints share a digest with probability 2⁻⁶⁴.
  public static func digest(_ fingerprint: String) -> Int {
    var hasher = Hasher()
    hasher.combine(fingerprint)
    return hasher.finalize()
  }
}

/// An outcome key reduced to 128 bits (SipHash with this process's seed and FNV-1a, each 64 bits), for the set of
/// keys a run has raised: three million keys held as strings took 300 MB. Two different keys share a digest with
/// probability about 2⁻¹²⁸.
public struct OutcomeKeyDigest: Sendable, Hashable {
  var sip: Int
  var fnv: UInt64

  public init(_ key: String) {
    var hasher = Hasher()
    hasher.combine(key)
    sip = hasher.finalize()
    var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 { fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    self.fnv = fnv
  }
}

/// The bulk paths of monitoring runs (`Monitor`): reading the state of every stored finding, writing a run's
/// differences batch by batch, and streaming the current findings into the outcomes file. Rows are read column by
/// column, not through `Codable` (which costs several microseconds per row at this size).
extension MonitoringRepository {
  /// What is on file for every finding of the year (or of the given SEIDs), by outcome key.
  public func findingStates(year: SchoolYear, seids: [String]? = nil) async throws -> [String: StoredFindingState] {
    let sink = Sink<[String: StoredFindingState]>([:])
    let base = """
      SELECT outcome_key, fingerprint, first_run_id, resolved_run_id, reporting_lea FROM assignment_outcomes \
      WHERE academic_year = \(db.placeholder(1))
      """
    let store: @Sendable ([String?]) -> Void = { row in
      guard let key = row[0], let fingerprint = row[1], let first = row[2].flatMap(UUID.init(storedText:)) else {
        return
      }
      sink.value[key] = StoredFindingState(
        digest: StoredFindingState.digest(fingerprint), firstRunId: first, resolved: row[3] != nil,
        reportingLea: row[4] ?? "")
    }
    func read(_ sql: String, _ binds: [ReadBind]) async throws { try await db.eachTextRow(sql, binds, store) }
    if let seids {
      for chunk in seids.chunked(into: 500) {
        try await read(
          base + " AND seid IN (\(db.placeholders(from: 2, count: chunk.count)))",
          [.text(year.description)] + chunk.map(ReadBind.text))
      }
    } else {
      // A state year's findings, in pages.
      try await db.eachTextRow(
        select: ["outcome_key", "fingerprint", "first_run_id", "resolved_run_id", "reporting_lea"],
        from: "assignment_outcomes", where: "academic_year = \(db.placeholder(1))", [.text(year.description)],
        order: ["seid", "rowid"], store)
    }
    return sink.value
  }

  /// Writes one batch of a run's findings: the stored rows they replace (`replacing`: changed findings, and
  /// resolved ones raised again) are deleted, then all are inserted.
  public func write(year: SchoolYear, findings: [StoredOutcome], replacing: [String]) async throws {
    for chunk in replacing.chunked(into: 500) {
      try await db.delete(from: "assignment_outcomes").where("academic_year", .equal, year.description)
        .where("outcome_key", .in, chunk).run()
    }
    try await db.insertBulk(findings, into: "assignment_outcomes")
  }

  /// Marks the findings with these keys resolved by `runId`.
  public func resolve(year: SchoolYear, keys: [String], runId: UUID) async throws {
    for chunk in keys.chunked(into: 500) {
      try await db.update("assignment_outcomes").set("resolved_run_id", to: runId)
        .where("academic_year", .equal, year.description).where("outcome_key", .in, chunk).run()
    }
  }

  /// Calls `body` with the `columns` of every current (unresolved) finding of the year, or of the given SEIDs, in
  /// the outcomes file's order (school, teacher, course, section, term, non-classroom code, key), compared byte by
  /// byte on both backends. Rows are handed over as they arrive; nothing is collected.
  public func eachCurrentOutcome(
    year: SchoolYear, seids: [String]? = nil, columns: [String], _ body: @escaping @Sendable ([String]) -> Void
  ) async throws {
    let collate = db.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""
    let orderColumns = [
      "cds_code", "seid", "local_course_id", "section_id", "academic_term", "assignment_code", "outcome_key",
    ].map { "\"\($0)\"" }
    let order = orderColumns.map { $0 + collate }.joined(separator: ", ")
    let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
    func read(_ seids: [String]?) async throws {
      guard let seids else {
        // The year, in pages of the file's order (which identifies a finding: its key is last).
        try await db.eachTextRow(
          select: columns.map { "\"\($0)\"" }, from: "assignment_outcomes",
          where: "academic_year = \(db.placeholder(1)) AND resolved_run_id IS NULL", [.text(year.description)],
          order: orderColumns, orderOnPostgres: true
        ) { row in body(row.map { $0 ?? "" }) }
        return
      }
      var sql = "SELECT \(list) FROM assignment_outcomes WHERE academic_year = \(db.placeholder(1))"
      sql += " AND resolved_run_id IS NULL"
      sql += " AND seid IN (\(db.placeholders(from: 2, count: seids.count)))"
      sql += " ORDER BY \(order)"
      try await db.eachTextRow(sql, [.text(year.description)] + seids.map(ReadBind.text)) { row in
        body(row.map { $0 ?? "" })
      }
    }
    if let seids, seids.count > 30_000 {
      // Beyond the backends' bind limits: read the year and keep the SEIDs' rows.
      let wanted = Set(seids)
      guard let seidColumn = columns.firstIndex(of: "seid") else {
        throw StoreError.failed(reason: "filtering outcomes by SEID needs the seid column")
      }
      try await eachCurrentOutcome(year: year, columns: columns) { row in
        if wanted.contains(row[seidColumn]) { body(row) }
      }
    } else {
      try await read(seids)
    }
  }
}
