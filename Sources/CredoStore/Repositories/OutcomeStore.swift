import CredoDomain
import Foundation
import SQLKit

/// A finding on file reduced to what a monitoring run compares: a digest of its fingerprint, when it was first
/// found, whether it is resolved and its LEA (for scoped runs). A state year has millions of findings; holding each
/// fingerprint's text would cost a gigabyte.
public struct StoredFindingState: Sendable, Hashable {
  /// `StoredOutcome.digest(fingerprint:)` of the stored fingerprint; when `byText`, the stored row's `textDigest`.
  public var digest: Int
  public var firstRunId: UUID
  public var resolved: Bool
  public var reportingLea: String
  /// The stored fingerprint is not of the current scheme (`FindingFingerprint.scheme`; rows written before scheme 2
  /// hold their text as fingerprint): the run compares the finding's text with the row's instead, once, and then
  /// stores the current fingerprint (`MonitoringRepository.setFingerprints`).
  public var byText: Bool

  public init(digest: Int, firstRunId: UUID, resolved: Bool, reportingLea: String, byText: Bool = false) {
    self.digest = digest
    self.firstRunId = firstRunId
    self.resolved = resolved
    self.reportingLea = reportingLea
    self.byText = byText
  }
}

/// A finding's fingerprint: what a run compares with the row on file to tell whether the finding changed. It digests
/// every column the row holds outside its outcome key (status, rule, citation, TAMO outcome, FTE, state course code,
/// local staff id, reporting LEA; the key holds the assignment, the exception type and the detail) and the finding's
/// basis and explanation as what they are written from (`AssignmentFinding.digestText`), so that a run compares
/// every finding without writing its text, and writes the text only of the rows it inserts or replaces. Stored as
/// `v2:` and 32 hexadecimal digits (`v` and `FindingFingerprint.scheme`).
extension StoredOutcome {
  /// What fingerprints of the current scheme begin with.
  public static let fingerprintPrefix = "v\(FindingFingerprint.scheme):"

  /// The FTE as the fingerprints digest it: ten-thousandths, as stored (`Monitor.stored` rounds to four decimals).
  static func fteUnits(_ fte: Double) -> Int { Int((fte * 10_000).rounded()) }

  /// The fingerprint of a finding with these columns and `finding`'s text (the row `Monitor.stored` makes of it).
  public static func fingerprint(
    _ finding: AssignmentFinding, status: String, rule: String, citation: String, tamoOutcome: String, fte: Double,
    stateCourseCode: String, localStaffId: String, reportingLea: String
  ) -> StableDigest {
    var h = columnsHasher(
      UInt64(FindingFingerprint.scheme), status: status, rule: rule, citation: citation, tamoOutcome: tamoOutcome,
      fte: fte, stateCourseCode: stateCourseCode, localStaffId: localStaffId, reportingLea: reportingLea)
    finding.digestText(into: &h)
    return h.finalize()
  }

  /// A hasher holding a row's columns outside its outcome key, after `tag` (the scheme, or "text").
  private static func columnsHasher(
    _ tag: UInt64, status: String, rule: String, citation: String, tamoOutcome: String, fte: Double,
    stateCourseCode: String, localStaffId: String, reportingLea: String
  ) -> StableHasher {
    var h = StableHasher()
    h.combine(tag)
    h.combine(status)
    h.combine(rule)
    h.combine(citation)
    h.combine(tamoOutcome)
    h.combine(fteUnits(fte))
    h.combine(stateCourseCode)
    h.combine(localStaffId)
    h.combine(reportingLea)
    return h
  }

  /// The stored text of a fingerprint.
  public static func fingerprintText(_ digest: StableDigest) -> String { fingerprintPrefix + digest.hex }

  /// What a run compares: 64 bits of the fingerprint.
  public static func digest(_ fingerprint: StableDigest) -> Int {
    Int(truncatingIfNeeded: fingerprint.high ^ fingerprint.low)
  }

  /// The digest of a stored fingerprint of the current scheme; nil for any other.
  static func digest(stored fingerprint: String) -> Int? {
    guard fingerprint.hasPrefix(fingerprintPrefix),
      let digest = StableDigest(hex: fingerprint.dropFirst(fingerprintPrefix.count))
    else { return nil }
    return Self.digest(digest)
  }

  /// The same columns as `fingerprint` with the text itself: what a row whose fingerprint is of another scheme is
  /// compared by (`StoredFindingState.byText`), from its stored columns or from a finding written out.
  static func textDigest(
    status: String, rule: String, citation: String, tamoOutcome: String, fte: Double, stateCourseCode: String,
    localStaffId: String, reportingLea: String, basis: String, explanation: String
  ) -> Int {
    var h = columnsHasher(
      0x7465_7874,  // "text"
      status: status, rule: rule, citation: citation, tamoOutcome: tamoOutcome, fte: fte,
      stateCourseCode: stateCourseCode, localStaffId: localStaffId, reportingLea: reportingLea)
    h.combine(basis)
    h.combine(explanation)
    return digest(h.finalize())
  }

  /// This row's `textDigest`.
  public var textDigest: Int {
    Self.textDigest(
      status: status, rule: rule, citation: citation, tamoOutcome: tamoOutcome, fte: fte,
      stateCourseCode: stateCourseCode, localStaffId: localStaffId, reportingLea: reportingLea, basis: basis,
      explanation: explanation)
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
    let byText = Sink(0)
    let base = """
      SELECT outcome_key, fingerprint, first_run_id, resolved_run_id, reporting_lea FROM assignment_outcomes \
      WHERE academic_year = \(db.placeholder(1))
      """
    let store: @Sendable ([String?]) -> Void = { row in
      guard let key = row[0], let fingerprint = row[1], let first = row[2].flatMap(UUID.init(storedText:)) else {
        return
      }
      let digest = StoredOutcome.digest(stored: fingerprint)
      if digest == nil { byText.value += 1 }
      sink.value[key] = StoredFindingState(
        digest: digest ?? 0, firstRunId: first, resolved: row[3] != nil, reportingLea: row[4] ?? "",
        byText: digest == nil)
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
    if byText.value > 0 { try await readTextDigests(year: year, seids: seids, into: sink) }
    return sink.value
  }

  /// The `textDigest` of the findings on file whose fingerprint is of another scheme (`StoredFindingState.byText`):
  /// the first run after fingerprint scheme 2 compares every finding by its text once.
  private func readTextDigests(
    year: SchoolYear, seids: [String]?, into sink: Sink<[String: StoredFindingState]>
  ) async throws {
    let columns = [
      "outcome_key", "status", "rule", "citation", "tamo_outcome", "CAST(fte AS TEXT)", "state_course_code",
      "local_staff_id", "reporting_lea", "basis", "explanation",
    ]
    let store: @Sendable ([String?]) -> Void = { row in
      guard let key = row[0], sink.value[key]?.byText == true else { return }
      let text = row.map { $0 ?? "" }
      sink.value[key]?.digest = StoredOutcome.textDigest(
        status: text[1], rule: text[2], citation: text[3], tamoOutcome: text[4], fte: Double(text[5]) ?? .nan,
        stateCourseCode: text[6], localStaffId: text[7], reportingLea: text[8], basis: text[9], explanation: text[10])
    }
    let other = "academic_year = \(db.placeholder(1)) AND fingerprint NOT LIKE '\(StoredOutcome.fingerprintPrefix)%'"
    if let seids {
      for chunk in seids.chunked(into: 500) {
        try await db.eachTextRow(
          "SELECT \(columns.joined(separator: ", ")) FROM assignment_outcomes WHERE \(other) "
            + "AND seid IN (\(db.placeholders(from: 2, count: chunk.count)))",
          [.text(year.description)] + chunk.map(ReadBind.text), store)
      }
    } else {
      try await db.eachTextRow(
        select: columns, from: "assignment_outcomes", where: other, [.text(year.description)],
        order: ["seid", "rowid"], store)
    }
  }

  /// Replaces the stored fingerprints of these findings (by outcome key), leaving the rest of each row as it is:
  /// findings compared by their text (`StoredFindingState.byText`) and found unchanged get the current scheme's.
  public func setFingerprints(year: SchoolYear, _ fingerprints: [(key: String, fingerprint: String)]) async throws {
    for chunk in fingerprints.chunked(into: 500) {
      var query = SQLQueryString("UPDATE assignment_outcomes SET fingerprint = CASE outcome_key")
      for (key, fingerprint) in chunk {
        query.appendLiteral(" WHEN ")
        query.appendInterpolation(bind: key)
        query.appendLiteral(" THEN ")
        query.appendInterpolation(bind: fingerprint)
      }
      query.appendLiteral(" ELSE fingerprint END WHERE academic_year = ")
      query.appendInterpolation(bind: year.description)
      query.appendLiteral(" AND outcome_key IN (")
      query.appendInterpolation(binds: chunk.map(\.key))
      query.appendLiteral(")")
      try await db.raw(query).run()
    }
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
