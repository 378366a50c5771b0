import CredoDomain
import Foundation
import SQLKit

struct CredentialDocumentRow: Codable, Sendable, BulkRow {
  var id: UUID
  var educatorId: UUID
  var documentNumber: String
  var version: Int
  var isCurrent: Bool
  var documentCode: String
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
  var source: String
  var recordedBy: String
  var recordedAt: Date

  static let columnCount = 19
  static let columns = [
    "id", "educator_id", "document_number", "version", "is_current", "document_code", "title", "term", "issue_date",
    "expiration_date", "status", "status_from", "status_until", "employer_restriction", "renewal_codes",
    "registered_on", "source", "recorded_by", "recorded_at",
  ]
  var values: [BulkValue] {
    [
      .uuid(id), .uuid(educatorId), .text(documentNumber), .int(version), .bool(isCurrent), .text(documentCode),
      .text(title), .text(term), .text(issueDate), .of(expirationDate), .text(status), .of(statusFrom),
      .of(statusUntil), .of(employerRestriction), .text(renewalCodes), .of(registeredOn), .text(source),
      .text(recordedBy), .date(recordedAt),
    ]
  }

  init(_ d: CredentialDocument, isCurrent: Bool, source: String, recordedBy: String, at: Date) {
    id = d.id
    educatorId = d.educatorId
    documentNumber = d.documentNumber
    version = d.version
    self.isCurrent = isCurrent
    documentCode = d.documentCode
    title = d.title
    term = d.term.rawValue
    issueDate = d.issueDate.iso
    expirationDate = d.expirationDate?.iso
    status = d.status.rawValue
    statusFrom = d.statusFrom?.iso
    statusUntil = d.statusUntil?.iso
    employerRestriction = d.employerRestriction?.digits
    renewalCodes = d.renewalCodes.joined(separator: " ")
    registeredOn = d.registeredOn?.iso
    self.source = source
    self.recordedBy = recordedBy
    recordedAt = at
  }

  func domain(_ authorizations: [DocumentAuthorization]) throws -> CredentialDocument {
    guard let issue = CalendarDate(parsing: issueDate), let term = CredentialTerm(rawValue: term),
      let status = DocumentStatus(rawValue: status)
    else {
      throw StoreError.failed(reason: "credential document \(documentNumber) v\(version) has an invalid stored value")
    }
    return CredentialDocument(
      id: id, educatorId: educatorId, documentNumber: documentNumber, version: version, documentCode: documentCode,
      title: title, term: term, issueDate: issue, expirationDate: expirationDate.flatMap { CalendarDate(parsing: $0) },
      status: status, statusFrom: statusFrom.flatMap { CalendarDate(parsing: $0) },
      statusUntil: statusUntil.flatMap { CalendarDate(parsing: $0) },
      employerRestriction: employerRestriction.flatMap { DistrictCode($0) },
      renewalCodes: renewalCodes.split(separator: " ").map(String.init),
      registeredOn: registeredOn.flatMap { CalendarDate(parsing: $0) }, authorizations: authorizations)
  }
}

struct CredentialAuthorizationRow: Codable, Sendable, BulkRow {
  var id: UUID
  var documentId: UUID
  var authorizationCode: String
  var subjectCode: String
  var subjectKind: String?
  var language: String

  static let columnCount = 6
  static let columns = ["id", "document_id", "authorization_code", "subject_code", "subject_kind", "language"]
  var values: [BulkValue] {
    [.uuid(id), .uuid(documentId), .text(authorizationCode), .text(subjectCode), .of(subjectKind), .text(language)]
  }
}

/// A document version with who recorded it, for the history timeline.
public struct DocumentVersion: Sendable, Hashable {
  public var document: CredentialDocument
  public var isCurrent: Bool
  public var source: String
  public var recordedBy: String
  public var recordedAt: Date
}

/// A current document with its holder, as analysts' lists show it.
public struct HeldDocument: Sendable, Hashable {
  public var document: CredentialDocument
  public var educator: Educator
}

/// CTC documents and their versions.
public struct CredentialRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  /// Adds new versions: the previous current version of each document number stops being current.
  ///
  /// A document's first version (version 1) has no previous one: callers number a version after the current
  /// one on file (`current.version + 1`), so only later versions look for a version to retire.
  public func insertVersions(
    _ documents: [CredentialDocument], source: String, recordedBy: String, at: Date, timings: PhaseTimings? = nil
  ) async throws {
    guard !documents.isEmpty else { return }
    let replacing = documents.filter { $0.version > 1 }.map(\.documentNumber)
    var start = 0
    while start < replacing.count {
      let chunk = Array(replacing[start..<min(replacing.count, start + 1_000)])
      try await db.update("credential_documents").set("is_current", to: false)
        .where("document_number", .in, chunk).where("is_current", .equal, true).run()
      start += 1_000
    }
    timings?.end("retire previous versions")
    try await db.insertBulk(
      documents.map { CredentialDocumentRow($0, isCurrent: true, source: source, recordedBy: recordedBy, at: at) },
      into: "credential_documents")
    timings?.end("write documents")
    let ids = RandomUUIDs()
    let authorizations = documents.flatMap { document in
      document.authorizations.map {
        CredentialAuthorizationRow(
          id: ids.next(), documentId: document.id, authorizationCode: $0.authorizationCode, subjectCode: $0.subjectCode,
          subjectKind: $0.subjectKind?.rawValue, language: $0.language)
      }
    }
    try await db.insertBulk(authorizations, into: "credential_authorizations")
    timings?.end("write authorizations")
  }

  /// The current versions of the given document numbers.
  public func current(numbers: [String]) async throws -> [String: CredentialDocument] {
    var result: [String: CredentialDocument] = [:]
    var start = 0
    while start < numbers.count {
      let chunk = Array(numbers[start..<min(numbers.count, start + 1_000)])
      let rows = try await db.select().column("*").from("credential_documents")
        .where("document_number", .in, chunk).where("is_current", .equal, true)
        .all(decoding: CredentialDocumentRow.self, with: Coding.decoder)
      for document in try await attach(rows) { result[document.documentNumber] = document }
      start += 1_000
    }
    return result
  }

  /// An educator's current documents, newest issue first.
  public func current(educatorId: UUID) async throws -> [CredentialDocument] {
    let rows = try await db.select().column("*").from("credential_documents")
      .where("educator_id", .equal, educatorId).where("is_current", .equal, true)
      .orderBy("issue_date", .descending).all(decoding: CredentialDocumentRow.self, with: Coding.decoder)
    return try await attach(rows)
  }

  /// Current documents of many educators (for lists and reverse searches).
  public func current(educatorIds: [UUID]) async throws -> [UUID: [CredentialDocument]] {
    var result: [UUID: [CredentialDocument]] = [:]
    var start = 0
    while start < educatorIds.count {
      let chunk = Array(educatorIds[start..<min(educatorIds.count, start + 1_000)])
      let rows = try await db.select().column("*").from("credential_documents")
        .where("educator_id", .in, chunk).where("is_current", .equal, true)
        .all(decoding: CredentialDocumentRow.self, with: Coding.decoder)
      for document in try await attach(rows) { result[document.educatorId, default: []].append(document) }
      start += 1_000
    }
    return result
  }

  /// Every stored version (current and earlier) of the documents of many educators: what the pay check reads, since
  /// a renewal's predecessor covers the days before the renewal's issue date.
  public func allVersions(educatorIds: [UUID]) async throws -> [UUID: [CredentialDocument]] {
    var result: [UUID: [CredentialDocument]] = [:]
    var start = 0
    while start < educatorIds.count {
      let chunk = Array(educatorIds[start..<min(educatorIds.count, start + 1_000)])
      let rows = try await db.select().column("*").from("credential_documents")
        .where("educator_id", .in, chunk).orderBy("version", .descending)
        .all(decoding: CredentialDocumentRow.self, with: Coding.decoder)
      for document in try await attach(rows) { result[document.educatorId, default: []].append(document) }
      start += 1_000
    }
    return result
  }

  /// Every version of an educator's documents, newest first: the timeline.
  public func history(educatorId: UUID) async throws -> [DocumentVersion] {
    let rows = try await db.select().column("*").from("credential_documents")
      .where("educator_id", .equal, educatorId)
      .orderBy("recorded_at", .descending).orderBy("version", .descending)
      .all(decoding: CredentialDocumentRow.self, with: Coding.decoder)
    let documents = try await attach(rows)
    return zip(rows, documents).map {
      DocumentVersion(
        document: $1, isCurrent: $0.isCurrent, source: $0.source, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt)
    }
  }

  public func countCurrent() async throws -> Int {
    try await db.raw("SELECT COUNT(*) AS n FROM credential_documents WHERE is_current = \(bind: true)")
      .first(decodingColumn: "n", as: Int.self) ?? 0
  }

  /// Current documents of educators in scope whose expiration date falls in [from, through], soonest first.
  public func expiring(
    from: CalendarDate, through: CalendarDate, scope: AccessScope, window: ListWindow
  ) async throws
    -> Page<HeldDocument>
  {
    // Scoped lists are driven by the scope's holders, not the state's range of dates (see `rangeColumn`).
    let expiration = ScopeFilter.rangeColumn("d.expiration_date", scope: scope, dialect: db.dialect)
    return try await held(
      expiration + " >= \(bind: from.iso) AND " + expiration
        + " <= \(bind: through.iso) AND d.status IN (\(binds: ["active", "expired"]))",
      scope: scope, window: window, order: "d.expiration_date ASC, d.document_number ASC")
  }

  /// Current active documents in scope not registered with the county office, with no forwarding on record.
  public func unregistered(scope: AccessScope, window: ListWindow) async throws -> Page<HeldDocument> {
    try await held(
      "d.registered_on IS NULL AND d.status = \(bind: "active") AND NOT EXISTS (SELECT 1 FROM registration_forwards r WHERE r.document_number = d.document_number)",
      scope: scope, window: window, order: "d.issue_date DESC, d.document_number ASC")
  }

  public func recordForwarding(documentNumber: String, on date: CalendarDate, by: String, at: Date) async throws {
    struct Row: Codable {
      var id: UUID
      var documentNumber: String
      var forwardedOn: String
      var forwardedBy: String
      var recordedAt: Date
    }
    try await db.insert(into: "registration_forwards").model(
      Row(id: UUID(), documentNumber: documentNumber, forwardedOn: date.iso, forwardedBy: by, recordedAt: at),
      with: Coding.encoder
    ).run()
  }

  /// Educators in scope holding a current document that carries one of `authorizationCodes`, is one of
  /// `documentCodes`, or whose title starts with one of `titlePrefixes`: the candidates for a course.
  public func holders(
    authorizationCodes: [String], documentCodes: [String] = [], titlePrefixes: [String] = [], scope: AccessScope,
    limit: Int = 5_000
  ) async throws -> [UUID] {
    var matches: [SQLQueryString] = []
    if !authorizationCodes.isEmpty {
      matches.append(
        "EXISTS (SELECT 1 FROM credential_authorizations a WHERE a.document_id = d.id AND a.authorization_code IN (\(binds: authorizationCodes)))"
      )
    }
    if !documentCodes.isEmpty { matches.append("d.document_code IN (\(binds: documentCodes))") }
    for title in titlePrefixes where !title.isEmpty {
      matches.append("LOWER(d.title) LIKE \(bind: title.lowercased().replacingOccurrences(of: "%", with: "") + "%")")
    }
    guard !matches.isEmpty else { return [] }
    var conditions: [SQLQueryString] = ["d.is_current = \(bind: true)", "(" + matches.joined(separator: " OR ") + ")"]
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "d.educator_id") { conditions.append(scoped) }
    return try await db.raw(
      "SELECT DISTINCT d.educator_id AS id FROM credential_documents d WHERE " + conditions.joined(separator: " AND ")
        + " LIMIT \(literal: limit)"
    ).all(decodingColumn: "id", as: UUID.self)
  }

  private func held(
    _ condition: SQLQueryString, scope: AccessScope, window: ListWindow, order: String
  ) async throws
    -> Page<HeldDocument>
  {
    var conditions: [SQLQueryString] = ["d.is_current = \(bind: true)", condition]
    if let scoped = ScopeFilter.educatorCondition(scope, educatorColumn: "d.educator_id") { conditions.append(scoped) }
    let whereClause = " WHERE " + conditions.joined(separator: " AND ")
    let total =
      try await db.raw("SELECT COUNT(*) AS n FROM credential_documents d" + whereClause)
      .first(decodingColumn: "n", as: Int.self) ?? 0
    let rows = try await db.raw(
      "SELECT d.* FROM credential_documents d" + whereClause + " ORDER BY \(unsafeRaw: order)" + window.limitClause
    ).all(decoding: CredentialDocumentRow.self, with: Coding.decoder)
    let documents = try await attach(rows)
    // One query for the page's holders, not one per row.
    let holders = Dictionary(
      uniqueKeysWithValues: try await EducatorRepository(db).summaries(ids: Array(Set(documents.map(\.educatorId))))
        .map { ($0.educator.id, $0.educator) })
    let items = documents.compactMap { document in
      holders[document.educatorId].map { HeldDocument(document: document, educator: $0) }
    }
    return Page(
      items: items, total: total, page: window.page, perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }

  private func attach(_ rows: [CredentialDocumentRow]) async throws -> [CredentialDocument] {
    guard !rows.isEmpty else { return [] }
    var byDocument: [UUID: [DocumentAuthorization]] = [:]
    var start = 0
    while start < rows.count {
      let chunk = Array(rows[start..<min(rows.count, start + 1_000)]).map(\.id)
      let authorizations = try await db.select().column("*").from("credential_authorizations")
        .where("document_id", .in, chunk).all(decoding: CredentialAuthorizationRow.self, with: Coding.decoder)
      for a in authorizations {
        byDocument[a.documentId, default: []].append(
          DocumentAuthorization(
            authorizationCode: a.authorizationCode, subjectCode: a.subjectCode,
            subjectKind: a.subjectKind.flatMap(SubjectKind.init(rawValue:)), language: a.language))
      }
      start += 1_000
    }
    return try rows.map { try $0.domain((byDocument[$0.id] ?? []).sorted()) }
  }
}
