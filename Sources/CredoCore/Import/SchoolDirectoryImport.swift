import CredoDomain
import CredoReference
import CredoStore
import Crypto
import Foundation

/// What an import did.
public struct ImportSummary: Sendable, Hashable, Codable {
  public var file: String
  public var rows: Int
  public var inserted: Int
  public var updated: Int
  public var unchanged: Int

  public init(file: String, rows: Int, inserted: Int, updated: Int, unchanged: Int) {
    self.file = file
    self.rows = rows
    self.inserted = inserted
    self.updated = updated
    self.unchanged = unchanged
  }
}

/// `credo import schools FILE`: loads the CDE directory. The whole file is validated first; if anything is
/// wrong nothing is written. A good file is applied in one transaction: new codes are added, changed ones
/// updated (every changed field recorded in the audit trail), identical ones left alone, so importing the
/// same file twice changes nothing.
public struct SchoolDirectoryImport: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func run(data: Data, fileName: String, by viewer: Viewer) async throws -> ImportSummary {
    _ = try viewer.require(.manageReference, "importing the school directory (a system administrator's task)")
    let started = services.now
    let rows: [SchoolDirectoryRow]
    switch SchoolDirectoryFile.parse(data, fileName: fileName) {
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: truncated)
    case .valid(let valid): rows = valid
    }
    let existing = try await OrganizationRepository(services.database.sql).all()
    var byCode = Dictionary(uniqueKeysWithValues: existing.map { ($0.cdsCode, $0) })

    // Counties first, then districts, then schools, so every parent exists before its children.
    var inserts: [Organization] = []
    var updates: [(Organization, [AuditChange])] = []
    var unchanged = 0
    var problems: [ImportProblem] = []
    func apply(_ incoming: Organization) {
      if let current = byCode[incoming.cdsCode] {
        var merged = incoming
        merged.id = current.id
        let changes = merged.changes(from: current)
        if changes.isEmpty {
          unchanged += 1
        } else {
          updates.append((merged, changes))
        }
        byCode[incoming.cdsCode] = merged
      } else {
        inserts.append(incoming)
        byCode[incoming.cdsCode] = incoming
      }
    }
    for county in Set(rows.map { $0.cdsCode.countyCode }).sorted() where byCode[CDSCode(county: county)] == nil {
      let name = CaliforniaCounties.name(of: county)
      apply(
        Organization(
          id: UUID(), cdsCode: CDSCode(county: county), name: "\(name) County", countyName: name, districtName: ""))
    }
    let sorted = rows.sorted { ($0.cdsCode.kind, $0.cdsCode) < ($1.cdsCode.kind, $1.cdsCode) }
    for row in sorted {
      let parentCode =
        row.cdsCode.kind == .school
        ? CDSCode(district: row.cdsCode.districtCode) : CDSCode(county: row.cdsCode.countyCode)
      guard let parent = byCode[parentCode] else {
        problems.append(
          ImportProblem(
            file: fileName, line: row.line, field: "CDSCode",
            reason:
              "School \(row.cdsCode)'s district \(parentCode) is neither in this file nor in Credo; import the full directory file."
          ))
        continue
      }
      apply(Self.organization(from: row, parentId: parent.id))
    }
    guard problems.isEmpty else {
      throw CoreError.importRejected(
        file: fileName, problems: Array(problems.prefix(SchoolDirectoryFile.maximumProblems)),
        truncated: problems.count > SchoolDirectoryFile.maximumProblems)
    }

    let now = services.now
    let actor = viewer.actor
    let summary = ImportSummary(
      file: fileName, rows: rows.count, inserted: inserts.count, updated: updates.count, unchanged: unchanged)
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    let toInsert = inserts
    let toUpdate = updates
    try await services.database.transaction { db in
      let organizations = OrganizationRepository(db)
      try await organizations.insert(toInsert, now: now)
      for (organization, _) in toUpdate { try await organizations.update(organization, now: now) }
      let audit = AuditRepository(db)
      try await audit.record(
        toInsert.map { (Organization.auditEntity, $0.id, AuditRepository.Action.create, $0.changes(from: nil)) }
          + toUpdate.map { (Organization.auditEntity, $0.0.id, AuditRepository.Action.update, $0.1) },
        actor: actor, at: now)
      try await ImportRunRepository(db).insert(
        ImportRun(
          id: UUID(), kind: "schools", fileName: fileName, sha256: digest, rows: summary.rows,
          inserted: summary.inserted,
          updated: summary.updated, unchanged: summary.unchanged, actorName: actor.name, startedAt: started,
          finishedAt: now))
    }
    return summary
  }

  static func organization(from row: SchoolDirectoryRow, parentId: UUID) -> Organization {
    Organization(
      id: UUID(), cdsCode: row.cdsCode, parentId: parentId,
      name: row.cdsCode.kind == .school ? row.school : row.district, countyName: row.county, districtName: row.district,
      status: row.status, ownershipCode: row.ownershipCode, ownershipType: row.ownershipType,
      schoolTypeCode: row.cdsCode.kind == .school ? row.schoolTypeCode : "",
      schoolType: row.cdsCode.kind == .school ? row.schoolType : "", isCharter: row.isCharter,
      charterNumber: row.charterNumber, fundingType: row.fundingType, gradeSpan: row.gradeSpan, openDate: row.openDate,
      closedDate: row.closedDate, street: row.street, city: row.city, zip: row.zip, phone: row.phone,
      website: row.website, administratorName: row.administratorName, administratorEmail: row.administratorEmail)
  }
}
