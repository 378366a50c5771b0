import CredoDomain
import CredoStore
import Crypto
import Foundation

/// What a CTC list import did.
public struct CTCActionImportSummary: Sendable, Hashable {
  public var file: String
  public var rows: Int
  /// Rows not seen in an earlier list.
  public var new: Int
  public var applied: Int
  public var candidates: Int
  public var unmatched: Int
  /// Earlier unmatched rows that now match (new educators arrived).
  public var rematched: Int
  /// Notices for the integrator's outbox (`ctc-action`), one per applied row.
  public var notices: [NoticeRequest]
  public var warnings: [String]
}

/// What confirming (or SEID-matching) one row did.
public struct CTCActionApplication: Sendable {
  public var action: StoredCTCAction
  public var effect: CTCActionEffect.Outcome
  /// The re-run of the educator's assignment checks, when they have an SEID and CALPADS records.
  public var monitoring: MonitorResult?
  public var notices: [NoticeRequest]
}

/// One row with what an analyst needs to decide it: the candidates they may see, or the educator it was applied to.
public struct CTCActionDetail: Sendable {
  public var action: StoredCTCAction
  public var candidates: [EducatorSummary]
  public var educator: EducatorSummary?
  /// Whether this viewer may confirm or reject.
  public var canDecide: Bool
}

/// CTC actions (domain guide §5.3, rules 77–81): `credo import ctc-actions FILE` and the `/ctc-actions` pages.
///
/// Rows are matched by SEID exactly (applied at once: the SEID is the CTC's own key), else by name and birth date
/// (`CTCMatch`), which only proposes candidates an analyst confirms or rejects; rows matching nobody are kept and
/// matched again at each import (`rematch`). Applying a row writes new versions of the affected documents
/// (`CTCActionEffect`) with the audit trail naming the list, re-runs the educator's assignment checks for the
/// current school year (`Monitor.run(year:seids:by:)`), and returns `ctc-action` notices for district analysts and
/// the principals concerned.
///
/// Only analysts (and administrators) act: importing, confirming and rejecting need `importData` in scope. The lists
/// are public (the APB is published), so waiting rows are visible to every analyst; an applied row only within the
/// scope of its educator.
public struct CTCActions: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public static let noticeTemplate = "ctc-action"
  public static let noticeAudience: [NoticeAudience] = [.districtAnalysts, .siteAdministrators]

  public func importList(
    data: Data, fileName: String, source: CTCActionSource? = nil, by viewer: Viewer
  ) async throws -> CTCActionImportSummary {
    let scope = try viewer.require(.importData, "importing CTC action lists")
    let entries: [CTCActionEntry]
    switch CTCActionsFile.parse(data, fileName: fileName, defaultSource: source) {
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: truncated)
    case .valid(let rows): entries = rows
    }
    let now = services.now
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    let actor = viewer.actor
    let listId = UUID()
    let stored = try await services.database.transaction { db in
      try await CTCActionRepository(db).insert(
        listId: listId, fileName: fileName, sha256: digest, rows: entries.map { ($0, UUID()) }, by: actor.name, at: now)
    }
    var summary = CTCActionImportSummary(
      file: fileName, rows: entries.count, new: stored.count, applied: 0, candidates: 0, unmatched: 0, rematched: 0,
      notices: [], warnings: [])
    for row in stored {
      try await match(row, scope: scope, by: viewer, into: &summary)
    }
    let earlier = try await CTCActionRepository(services.database.sql).all(state: .unmatched)
      .filter { row in !stored.contains { $0.id == row.id } }
    for row in earlier {
      let before = summary.unmatched
      try await match(row, scope: scope, by: viewer, into: &summary)
      if summary.unmatched == before { summary.rematched += 1 }
      summary.unmatched = before
    }
    return summary
  }

  /// Matches the unmatched rows again (after new educators arrived); what it applied and proposed.
  public func rematch(by viewer: Viewer) async throws -> CTCActionImportSummary {
    let scope = try viewer.require(.importData, "matching CTC actions")
    var summary = CTCActionImportSummary(
      file: "", rows: 0, new: 0, applied: 0, candidates: 0, unmatched: 0, rematched: 0, notices: [], warnings: [])
    for row in try await CTCActionRepository(services.database.sql).all(state: .unmatched) {
      try await match(row, scope: scope, by: viewer, into: &summary)
    }
    summary.rematched = summary.applied + summary.candidates
    return summary
  }

  private func match(
    _ row: StoredCTCAction, scope: AccessScope, by viewer: Viewer, into summary: inout CTCActionImportSummary
  ) async throws {
    let db = services.database.sql
    let educators = EducatorRepository(db)
    var pool: [Educator] = []
    if let seid = row.entry.seid, let educator = try await educators.find(seid: seid) { pool.append(educator) }
    if let birth = row.entry.birthDate { pool += try await educators.born(on: birth) }
    // Educators outside the importer's scope are not theirs to match; the county office's import will.
    var visible = Set(pool.map(\.id))
    if !scope.isUnlimited { visible = try await educators.visibleIds(pool.map(\.id), scope: scope) }
    pool.removeAll { !visible.contains($0.id) }
    switch CTCMatch.match(row.entry, educators: pool, rejected: Set(row.rejectedIds)) {
    case .seid(let id):
      let application = try await apply(row, educatorId: id, by: viewer, how: "SEID \(row.entry.seid?.digits ?? "")")
      summary.applied += 1
      summary.notices += application.notices
      summary.warnings += application.effect.warnings.map { "line \(row.entry.line): \($0)" }
    case .candidates(let ids):
      try await CTCActionRepository(db).update(
        id: row.id, state: .candidates, educatorId: nil, candidates: ids, rejected: row.rejectedIds,
        outcome: "\(ids.count) educator\(ids.count == 1 ? "" : "s") with the same name and birth date; confirm one.",
        decidedBy: nil, at: nil)
      summary.candidates += 1
    case .none:
      if row.state != .unmatched || row.outcome.isEmpty {
        try await CTCActionRepository(db).update(
          id: row.id, state: .unmatched, educatorId: nil, candidates: [], rejected: row.rejectedIds,
          outcome: "No educator on file matches the SEID or the name and birth date.", decidedBy: nil, at: nil)
      }
      summary.unmatched += 1
    }
  }

  /// An analyst confirms that the row concerns `educatorId` (one of its candidates): the action is applied.
  public func confirm(actionId: UUID, educatorId: UUID, by viewer: Viewer) async throws -> CTCActionApplication {
    let scope = try viewer.require(.importData, "confirming CTC actions")
    guard let row = try await CTCActionRepository(services.database.sql).find(id: actionId) else {
      throw CoreError.notFound("CTC action")
    }
    guard row.state == .candidates, row.candidateIds.contains(educatorId) else {
      throw CoreError.conflict(
        "This action is \(row.state.label.lowercased()); only a candidate of an action waiting for confirmation can be confirmed."
      )
    }
    guard try await EducatorRepository(services.database.sql).isVisible(educatorId: educatorId, scope: scope) else {
      throw CoreError.notFound("Educator")
    }
    return try await apply(row, educatorId: educatorId, by: viewer, how: "confirmed by \(viewer.actor.name)")
  }

  /// An analyst says the row does not concern these candidates (all they may see, when none are named). With no
  /// candidate left the row is unmatched again, and those educators are never proposed for it again.
  @discardableResult
  public func reject(actionId: UUID, educatorIds: [UUID]? = nil, by viewer: Viewer) async throws -> StoredCTCAction {
    let scope = try viewer.require(.importData, "rejecting CTC action candidates")
    let repository = CTCActionRepository(services.database.sql)
    guard let row = try await repository.find(id: actionId) else { throw CoreError.notFound("CTC action") }
    guard row.state == .candidates else {
      throw CoreError.conflict("This action is \(row.state.label.lowercased()); it has no candidates to reject.")
    }
    let visible = try await EducatorRepository(services.database.sql).visibleIds(row.candidateIds, scope: scope)
    let rejecting = (educatorIds ?? row.candidateIds).filter { visible.contains($0) && row.candidateIds.contains($0) }
    guard !rejecting.isEmpty else { throw CoreError.notFound("Candidate") }
    let remaining = row.candidateIds.filter { !rejecting.contains($0) }
    let now = services.now
    try await services.database.transaction { db in
      try await CTCActionRepository(db).update(
        id: row.id, state: remaining.isEmpty ? .unmatched : .candidates, educatorId: nil, candidates: remaining,
        rejected: row.rejectedIds + rejecting,
        outcome: remaining.isEmpty
          ? "Candidates rejected by \(viewer.actor.name); no educator matches."
          : "\(remaining.count) candidate\(remaining.count == 1 ? "" : "s") left to confirm.",
        decidedBy: viewer.actor.name, at: now)
      for id in rejecting {
        try await AuditRepository(db).record(
          [
            AuditChange(
              field: "ctc action \(row.entry.action.rawValue) \(row.entry.effective)", oldValue: "candidate",
              newValue: "rejected (\(row.entry.source.label) line \(row.entry.line))")
          ], entityType: Educator.auditEntity, entityId: id, action: .update, actor: viewer.actor, at: now)
      }
    }
    guard let updated = try await repository.find(id: actionId) else { throw CoreError.notFound("CTC action") }
    return updated
  }

  /// Applies a row to an educator: new document versions, audit, the row marked applied, then the educator's
  /// assignment checks re-run, and the notices to send.
  private func apply(
    _ row: StoredCTCAction, educatorId: UUID, by viewer: Viewer, how: String
  ) async throws
    -> CTCActionApplication
  {
    let db = services.database.sql
    guard let educator = try await EducatorRepository(db).find(id: educatorId) else {
      throw CoreError.notFound("Educator")
    }
    let documents = try await CredentialRepository(db).current(educatorId: educatorId)
    let entry = row.entry
    let effect = CTCActionEffect.apply(
      entry.action, effective: entry.effective, end: entry.end, document: entry.document, to: documents)
    let now = services.now
    let actor = viewer.actor
    let source = "CTC \(entry.source.label) line \(entry.line)"
    let previous = Dictionary(uniqueKeysWithValues: documents.map { ($0.documentNumber, $0) })
    var changes: [AuditChange] = [
      AuditChange(
        field: "ctc action", oldValue: nil,
        newValue:
          "\(entry.action.label) effective \(entry.effective)\(entry.end.map { " until \($0)" } ?? "") (\(source); \(how))"
      )
    ]
    for version in effect.versions {
      if let old = previous[version.documentNumber] {
        changes += version.changes(from: old).map { CredentialImport.prefixed($0, version.documentNumber) }
      }
    }
    let outcome = ([effect.explanation] + effect.warnings).joined(separator: " ")
    let versions = effect.versions
    let auditChanges = changes
    try await services.database.transaction { db in
      try await CredentialRepository(db).insertVersions(versions, source: source, recordedBy: actor.name, at: now)
      try await AuditRepository(db).record(
        auditChanges, entityType: Educator.auditEntity, entityId: educatorId, action: .update, actor: actor, at: now)
      try await CTCActionRepository(db).update(
        id: row.id, state: .applied, educatorId: educatorId, candidates: [], rejected: row.rejectedIds,
        outcome: outcome, decidedBy: actor.name, at: now)
    }
    // The assignment checks for this educator, this school year: a suspended or revoked document no longer
    // authorizes anything (rule 46).
    var monitoring: MonitorResult? = nil
    if let seid = educator.seid, viewer.has(.importData) {
      do {
        monitoring = try await Monitor(services).run(year: services.schoolYear, seids: [seid.digits], by: viewer)
      } catch {
        services.logger.warning("monitoring after CTC action \(row.id) failed: \(error)")
      }
    }
    let notice = NoticeRequest(
      template: Self.noticeTemplate, educatorId: educatorId, audience: Self.noticeAudience,
      trigger: "ctc:\(row.id.uuidString)",
      facts: [
        "name": educator.displayName, "action": entry.action.label, "source": entry.source.label,
        "document": versions.map(\.documentNumber).joined(separator: ", ").nilIfEmpty
          ?? (entry.document.nilIfEmpty ?? "all documents"),
        "effective": entry.effective.iso, "until": entry.end?.iso ?? "", "outcome": outcome,
      ], dueOn: services.today.date)
    guard let applied = try await CTCActionRepository(db).find(id: row.id) else {
      throw CoreError.notFound("CTC action")
    }
    // The district's analysts and the principals concerned hear of it through the outbox (once per row).
    _ = try await NoticeOutbox(services).enqueue([notice], by: viewer)
    return CTCActionApplication(action: applied, effect: effect, monitoring: monitoring, notices: [notice])
  }

  // MARK: Reading

  public func list(
    filter: CTCActionFilter, window: ListWindow, by viewer: Viewer, forExport: Bool = false
  )
    async throws -> Page<StoredCTCAction>
  {
    let scope = try viewer.require(
      forExport ? .exportData : .viewRecords, forExport ? "exporting" : "viewing CTC actions")
    // A site administrator sees the actions applied to their staff; the lists themselves are for analysts.
    return try await CTCActionRepository(services.database.sql).list(filter: filter, scope: scope, window: window)
  }

  public func counts(by viewer: Viewer) async throws -> [CTCActionState: Int] {
    let scope = try viewer.require(.viewRecords, "viewing CTC actions")
    return try await CTCActionRepository(services.database.sql).countsByState(scope: scope)
  }

  public func detail(id: UUID, by viewer: Viewer) async throws -> CTCActionDetail {
    let scope = try viewer.require(.viewRecords, "viewing CTC actions")
    let db = services.database.sql
    guard let row = try await CTCActionRepository(db).find(id: id) else { throw CoreError.notFound("CTC action") }
    let educators = EducatorRepository(db)
    var shown: EducatorSummary? = nil
    if let educatorId = row.educatorId {
      guard try await educators.isVisible(educatorId: educatorId, scope: scope) else {
        throw CoreError.notFound("CTC action")
      }
      shown = try await educators.summaries(ids: [educatorId]).first
    }
    let visible = try await educators.visibleIds(row.candidateIds, scope: scope)
    let candidates = try await educators.summaries(ids: row.candidateIds.filter { visible.contains($0) })
    return CTCActionDetail(
      action: row, candidates: candidates, educator: shown,
      canDecide: viewer.has(.importData) && row.state == .candidates && !candidates.isEmpty)
  }

  /// The actions applied to one educator, and the ones waiting for confirmation that name them.
  public func forEducator(_ educatorId: UUID, by viewer: Viewer) async throws -> [StoredCTCAction] {
    let scope = try viewer.require(.viewRecords, "viewing CTC actions")
    let db = services.database.sql
    guard try await EducatorRepository(db).isVisible(educatorId: educatorId, scope: scope) else { return [] }
    let repository = CTCActionRepository(db)
    return try await repository.candidates(educatorId: educatorId) + repository.applied(educatorId: educatorId)
  }

  public static let csvHeader = [
    "state", "source", "last_name", "first_name", "seid", "birth_date", "action", "effective_date", "end_date",
    "document", "educator_id", "outcome", "decided_by",
  ]

  public static func csvRow(_ a: StoredCTCAction) -> [String] {
    let e = a.entry
    return [
      a.state.rawValue, e.source.rawValue, e.lastName, e.firstName, e.seid?.digits ?? "", e.birthDate?.iso ?? "",
      e.action.rawValue, e.effective.iso, e.end?.iso ?? "", e.document, a.educatorId?.uuidString.lowercased() ?? "",
      a.outcome, a.decidedBy ?? "",
    ]
  }
}
