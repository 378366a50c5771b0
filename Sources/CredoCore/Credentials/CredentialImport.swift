import CredoDomain
import CredoStore
import Crypto
import Foundation

/// What a credentials import did.
public struct CredentialImportSummary: Sendable, Hashable, Codable {
  public var file: String
  public var rows: Int
  public var documents: Int
  public var added: Int
  public var changed: Int
  public var unchanged: Int
  public var newEducators: Int

  public init(file: String, rows: Int, documents: Int, added: Int, changed: Int, unchanged: Int, newEducators: Int) {
    self.file = file
    self.rows = rows
    self.documents = documents
    self.added = added
    self.changed = changed
    self.unchanged = unchanged
    self.newEducators = newEducators
  }
}

/// `credo import credentials FILE`: CTC documents from `credentials.csv`. The whole file is validated first;
/// a bad file is rejected with every problem and nothing is written. A good file is applied in one
/// transaction: documents not seen before are added, changed ones get a new version (the old one is kept as
/// history), identical ones are left alone, so re-importing the same file changes nothing.
///
/// Holders are matched by SEID. The command line (acting as the system) creates an educator for an SEID
/// Credo does not know; an analyst may import only documents of educators employed in their scope.
public struct CredentialImport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// `timings`, when given, gets the wall time of each phase (`credo import credentials --timings`).
  public func run(
    data: Data, fileName: String, by viewer: Viewer, timings: PhaseTimings? = nil
  ) async throws -> CredentialImportSummary {
    let scope = try viewer.require(.importData, "importing credentials")
    let started = services.now
    let parsed: [CredentialsFileDocument]
    switch CredentialsFile.parse(data, fileName: fileName, timings: timings) {
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: truncated)
    case .valid(let documents): parsed = documents
    }
    let db = services.database.sql
    let educators = EducatorRepository(db)

    // Holders by SEID.
    let seids = Array(Set(parsed.map(\.seid)))
    var holderIds = try await educators.ids(seids: seids)
    var problems: [ImportProblem] = []
    var newEducators: [Educator] = []
    for item in parsed where holderIds[item.seid] == nil {
      if scope.isUnlimited {
        let educator = Educator(
          id: UUID(), seid: item.seid, firstName: item.firstName, lastName: item.lastName, birthDate: item.birthDate)
        holderIds[item.seid] = educator.id
        newEducators.append(educator)
      } else {
        problems.append(
          ImportProblem(
            file: fileName, line: item.lines[0], field: "seid",
            reason:
              "No educator with SEID \(item.seid) is employed in your scope; import the staff file (or ask the county office) first."
          ))
      }
    }
    if !scope.isUnlimited {
      let visible = try await educators.visibleIds(Array(Set(holderIds.values)), scope: scope)
      for item in parsed {
        if let id = holderIds[item.seid], !visible.contains(id) {
          problems.append(
            ImportProblem(
              file: fileName, line: item.lines[0], field: "seid",
              reason: "The educator with SEID \(item.seid) is not employed in your scope."))
        }
      }
    }
    guard problems.isEmpty else {
      throw CoreError.importRejected(
        file: fileName, problems: Array(problems.prefix(CredentialsFile.maximumProblems)),
        truncated: problems.count > CredentialsFile.maximumProblems)
    }
    timings?.end("match holders")

    // Compare with what is on file.
    let current = try await CredentialRepository(db).current(numbers: parsed.map(\.document.documentNumber))
    timings?.end("match documents")
    var versions: [CredentialDocument] = []
    var audit: [(String, UUID, AuditRepository.Action, [AuditChange])] = []
    var added = 0
    var changed = 0
    var unchanged = 0
    for item in parsed {
      var incoming = item.document
      incoming.educatorId = holderIds[item.seid]!
      if let existing = current[incoming.documentNumber] {
        incoming.version = existing.version + 1
        if incoming.sameContent(as: existing) {
          unchanged += 1
          continue
        }
        changed += 1
        var diff = incoming.changes(from: existing)
        if existing.educatorId != incoming.educatorId {
          diff.append(
            AuditChange(
              field: "holder", oldValue: existing.educatorId.uuidString, newValue: incoming.educatorId.uuidString))
        }
        audit.append(
          (Educator.auditEntity, incoming.educatorId, .update, diff.map { Self.prefixed($0, incoming.documentNumber) }))
      } else {
        added += 1
        audit.append(
          (
            Educator.auditEntity, incoming.educatorId, .create,
            [
              AuditChange(
                field: "document \(incoming.documentNumber)", oldValue: nil,
                newValue:
                  "\(incoming.documentCode) \(incoming.term.rawValue) \(incoming.issueDate)–\(incoming.expirationDate?.iso ?? "life"), \(incoming.status.rawValue)"
              )
            ]
          ))
      }
      versions.append(incoming)
    }
    let now = services.now
    let actor = viewer.actor
    let summary = CredentialImportSummary(
      file: fileName, rows: parsed.reduce(0) { $0 + $1.lines.count }, documents: parsed.count, added: added,
      changed: changed, unchanged: unchanged, newEducators: newEducators.count)
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    timings?.end("build versions")
    let toInsert = versions
    let toAudit = audit
    let created = newEducators
    try await services.database.transaction(bulk: true) { db in
      try await EducatorRepository(db).insert(created, now: now)
      timings?.end("write educators")
      try await CredentialRepository(db).insertVersions(
        toInsert, source: "import \(fileName)", recordedBy: actor.name, at: now, timings: timings)
      try await AuditRepository(db).record(toAudit, actor: actor, at: now)
      timings?.end("write audit")
      try await ImportRunRepository(db).insert(
        ImportRun(
          id: UUID(), kind: "credentials", fileName: fileName, sha256: digest, rows: summary.rows,
          inserted: summary.added,
          updated: summary.changed, unchanged: summary.unchanged, actorName: actor.name, startedAt: started,
          finishedAt: now))
      timings?.end("write import run")
    }
    timings?.end("commit")
    return summary
  }

  /// Audit changes of a document are recorded on its holder's history, named by document number.
  static func prefixed(_ change: AuditChange, _ number: String) -> AuditChange {
    AuditChange(field: "\(number) \(change.field)", oldValue: change.oldValue, newValue: change.newValue)
  }
}
