import CredoDomain
import Foundation
import SQLKit

/// The reads of a monitoring run, straight from the driver (`eachTextRow`): a state year names 150,000 teachers with
/// 380,000 current documents, and `Codable` row decoding (`SQLRowDecoder`, which converts every key from snake case
/// for every row) took about 100 µs per document. The queries are those of `EducatorRepository.ids(seids:)` and
/// `CredentialRepository.current(educatorIds:)`, so rows arrive in the same order.
extension EducatorRepository {
  /// The educator ids of the given SEIDs (those on file).
  public func idsBySEID(_ seids: [SEID]) async throws -> [SEID: UUID] {
    let sink = Sink<[SEID: UUID]>([:])
    for chunk in seids.chunked(into: 1_000) {
      try await db.eachTextRow(
        "SELECT id, seid FROM educators WHERE seid IN (\(db.placeholders(from: 1, count: chunk.count)))",
        chunk.map { .text($0.digits) }
      ) { row in
        guard let id = row[0].flatMap(UUID.init(storedText:)), let seid = row[1].flatMap({ SEID($0) }) else { return }
        sink.value[seid] = id
      }
    }
    return sink.value
  }
}

extension CredentialRepository {
  /// Current documents of many educators, with their authorizations (as `current(educatorIds:)`).
  public func currentDocuments(educatorIds: [UUID]) async throws -> [UUID: [CredentialDocument]] {
    let documents = Sink<[DocumentFields]>([])
    let current = db.dialect.name == "postgresql" ? "true" : "1"
    for chunk in educatorIds.chunked(into: 1_000) {
      try await db.eachTextRow(
        "SELECT \(DocumentFields.columns) FROM credential_documents WHERE educator_id IN "
          + "(\(db.placeholders(from: 1, count: chunk.count))) AND is_current = \(current)",
        chunk.map(ReadBind.uuid)
      ) { row in documents.value.append(try DocumentFields(row)) }
    }
    // Authorizations of those documents, 1,000 documents per query.
    let authorizations = Sink<[UUID: [DocumentAuthorization]]>([:])
    for chunk in documents.value.map(\.id).chunked(into: 1_000) {
      try await db.eachTextRow(
        "SELECT document_id, authorization_code, subject_code, subject_kind, language FROM credential_authorizations "
          + "WHERE document_id IN (\(db.placeholders(from: 1, count: chunk.count)))",
        chunk.map(ReadBind.uuid)
      ) { row in
        guard let document = row[0].flatMap(UUID.init(storedText:)) else { return }
        authorizations.value[document, default: []].append(
          DocumentAuthorization(
            authorizationCode: row[1] ?? "", subjectCode: row[2] ?? "",
            subjectKind: row[3].flatMap(SubjectKind.init(rawValue:)), language: row[4] ?? ""))
      }
    }
    var result: [UUID: [CredentialDocument]] = [:]
    for fields in documents.value {
      result[fields.educatorId, default: []].append(
        try fields.domain((authorizations.value[fields.id] ?? []).sorted()))
    }
    return result
  }
}

/// The columns of a `credential_documents` row a decision reads, as `CredentialDocumentRow.domain` turns them into
/// a `CredentialDocument`.
struct DocumentFields: Sendable {
  static let columns = """
    id, educator_id, document_number, CAST(version AS TEXT), document_code, title, term, issue_date, \
    expiration_date, status, status_from, status_until, employer_restriction, renewal_codes, registered_on
    """

  var id: UUID
  var educatorId: UUID
  var number: String
  var version: Int
  var code: String
  var title: String
  var term: String
  var issueDate: String
  var expirationDate: String?
  var status: String
  var statusFrom: String?
  var statusUntil: String?
  var employerRestriction: String?
  var renewalCodes: String
  var registeredOn: String?

  init(_ row: [String?]) throws {
    guard row.count == 15, let id = row[0].flatMap(UUID.init(storedText:)),
      let educatorId = row[1].flatMap(UUID.init(storedText:)), let number = row[2],
      let version = row[3].flatMap({ Int($0) })
    else { throw StoreError.failed(reason: "a credential document row has an invalid stored value") }
    self.id = id
    self.educatorId = educatorId
    self.number = number
    self.version = version
    code = row[4] ?? ""
    title = row[5] ?? ""
    term = row[6] ?? ""
    issueDate = row[7] ?? ""
    expirationDate = row[8]
    status = row[9] ?? ""
    statusFrom = row[10]
    statusUntil = row[11]
    employerRestriction = row[12]
    renewalCodes = row[13] ?? ""
    registeredOn = row[14]
  }

  func domain(_ authorizations: [DocumentAuthorization]) throws -> CredentialDocument {
    guard let issue = CalendarDate(parsing: issueDate), let term = CredentialTerm(rawValue: term),
      let status = DocumentStatus(rawValue: status)
    else {
      throw StoreError.failed(reason: "credential document \(number) v\(version) has an invalid stored value")
    }
    return CredentialDocument(
      id: id, educatorId: educatorId, documentNumber: number, version: version, documentCode: code, title: title,
      term: term, issueDate: issue, expirationDate: expirationDate.flatMap { CalendarDate(parsing: $0) },
      status: status, statusFrom: statusFrom.flatMap { CalendarDate(parsing: $0) },
      statusUntil: statusUntil.flatMap { CalendarDate(parsing: $0) },
      employerRestriction: employerRestriction.flatMap { DistrictCode($0) },
      renewalCodes: renewalCodes.split(separator: " ").map(String.init),
      registeredOn: registeredOn.flatMap { CalendarDate(parsing: $0) }, authorizations: authorizations)
  }
}

/// A value filled from a driver callback, which runs one row at a time on the connection's event loop.
final class Sink<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}

extension OrganizationRepository {
  /// The organizations with these 14-digit CDS codes (a re-evaluation of a few SEIDs needs their schools, not the
  /// state's 11,000 organizations).
  public func find(cdsCodes: [String]) async throws -> [Organization] {
    var result: [Organization] = []
    for chunk in cdsCodes.chunked(into: 500) {
      result += try await db.select().column("*").from("organizations").where("cds_code", .in, chunk)
        .all(decoding: OrganizationRow.self, with: Coding.decoder).map { try $0.domain() }
    }
    return result
  }
}
