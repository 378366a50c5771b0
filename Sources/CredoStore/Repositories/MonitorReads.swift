import CredoDomain
import Foundation
import SQLKit

/// The reads of a monitoring run, decoded column by column: a state year names 150,000 teachers with 380,000
/// current documents, and `Codable` row decoding (`SQLRowDecoder`, which converts every key from snake case for
/// every row) took about 100 µs per document. The queries are those of `EducatorRepository.ids(seids:)` and
/// `CredentialRepository.current(educatorIds:)`, so rows arrive in the same order.
extension EducatorRepository {
  /// The educator ids of the given SEIDs (those on file).
  public func idsBySEID(_ seids: [SEID]) async throws -> [SEID: UUID] {
    let sink = Sink<[SEID: UUID]>([:])
    var start = 0
    while start < seids.count {
      let chunk = seids[start..<min(seids.count, start + 1_000)].map(\.digits)
      try await db.select().columns("id", "seid").from("educators").where("seid", .in, chunk).run { row in
        guard let id = try? row.decode(column: "id", as: UUID.self),
          let text = try? row.decode(column: "seid", as: String.self), let seid = SEID(text)
        else { return }
        sink.value[seid] = id
      }
      start += 1_000
    }
    return sink.value
  }
}

extension CredentialRepository {
  /// Current documents of many educators, with their authorizations (as `current(educatorIds:)`).
  public func currentDocuments(educatorIds: [UUID]) async throws -> [UUID: [CredentialDocument]] {
    let documents = Sink<[DocumentFields]>([])
    let failure = Sink<(any Error)?>(nil)
    var start = 0
    while start < educatorIds.count {
      let chunk = Array(educatorIds[start..<min(educatorIds.count, start + 1_000)])
      try await db.select().columns(DocumentFields.columns).from("credential_documents")
        .where("educator_id", .in, chunk).where("is_current", .equal, true)
        .run { row in
          do {
            documents.value.append(try DocumentFields.read(row))
          } catch {
            if failure.value == nil { failure.value = error }
          }
        }
      start += 1_000
    }
    if let error = failure.value { throw error }
    // Authorizations of those documents, 1,000 documents per query.
    let authorizations = Sink<[UUID: [DocumentAuthorization]]>([:])
    let ids = documents.value.map(\.id)
    start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
      try await db.select()
        .columns("document_id", "authorization_code", "subject_code", "subject_kind", "language")
        .from("credential_authorizations").where("document_id", .in, chunk)
        .run { row in
          guard let document = try? row.decode(column: "document_id", as: UUID.self) else { return }
          authorizations.value[document, default: []].append(
            DocumentAuthorization(
              authorizationCode: (try? row.decode(column: "authorization_code", as: String.self)) ?? "",
              subjectCode: (try? row.decode(column: "subject_code", as: String.self)) ?? "",
              subjectKind: (try? row.decode(column: "subject_kind", as: String?.self))
                .flatMap { $0.flatMap(SubjectKind.init(rawValue:)) },
              language: (try? row.decode(column: "language", as: String.self)) ?? ""))
        }
      start += 1_000
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
  static let columns = [
    "id", "educator_id", "document_number", "version", "document_code", "title", "term", "issue_date",
    "expiration_date", "status", "status_from", "status_until", "employer_restriction", "renewal_codes",
    "registered_on",
  ]

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

  static func read(_ row: any SQLRow) throws -> DocumentFields {
    func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
    func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
    return DocumentFields(
      id: try row.decode(column: "id", as: UUID.self), educatorId: try row.decode(column: "educator_id", as: UUID.self),
      number: try text("document_number"),
      version: try row.decode(column: "version", as: Int.self), code: try text("document_code"),
      title: try text("title"), term: try text("term"), issueDate: try text("issue_date"),
      expirationDate: try optional("expiration_date"), status: try text("status"),
      statusFrom: try optional("status_from"), statusUntil: try optional("status_until"),
      employerRestriction: try optional("employer_restriction"), renewalCodes: try text("renewal_codes"),
      registeredOn: try optional("registered_on"))
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
