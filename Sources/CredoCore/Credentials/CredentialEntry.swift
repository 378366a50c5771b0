import CredoDomain
import CredoStore
import Foundation

/// Fields of the document form: the columns of `credentials.csv` for one document, with its authorizations
/// as lines of "CODE [SUBJECT] [major|minor] [language]".
public struct DocumentForm: Sendable, Hashable {
  public var values: [String: String]
  public var authorizations: String

  public init(values: [String: String] = [:], authorizations: String = "") {
    self.values = values
    self.authorizations = authorizations
  }

  public init(_ d: CredentialDocument) {
    values = [
      "document_number": d.documentNumber, "document_code": d.documentCode, "document_title": d.title,
      "term": d.term.rawValue, "issue_date": d.issueDate.iso, "expiration_date": d.expirationDate?.iso ?? "",
      "status": d.status.rawValue, "status_from": d.statusFrom?.iso ?? "", "status_until": d.statusUntil?.iso ?? "",
      "employer_restriction": d.employerRestriction?.digits ?? "",
      "renewal_codes": d.renewalCodes.joined(separator: " "),
      "registered_on": d.registeredOn?.iso ?? "",
    ]
    authorizations = d.authorizations.map {
      [$0.authorizationCode, $0.subjectCode, $0.subjectKind?.rawValue ?? "", $0.language].filter { !$0.isEmpty }
        .joined(separator: " ")
    }.joined(separator: "\n")
  }
}

/// Entering or correcting one document by hand, validated exactly as a `credentials.csv` row is. Saving a
/// document that exists adds a version; nothing is overwritten.
public struct CredentialEntry: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  @discardableResult
  public func save(educatorId: UUID, form: DocumentForm, by viewer: Viewer) async throws -> CredentialDocument {
    let scope = try viewer.require(.editRecords, "editing credentials")
    let educators = EducatorRepository(services.database.sql)
    guard let educator = try await educators.find(id: educatorId),
      try await educators.isVisible(educatorId: educatorId, scope: scope)
    else { throw CoreError.notFound("Educator") }
    var problems: [FieldProblem] = []
    guard let seid = educator.seid else {
      throw CoreError.invalid([
        FieldProblem(field: "seid", message: "Record the educator's SEID before their documents.")
      ])
    }
    // Authorizations: one per line.
    var authorizations: [DocumentAuthorization] = []
    for (i, line) in form.authorizations.split(whereSeparator: \.isNewline).enumerated() {
      let words = line.split(separator: " ").map(String.init)
      guard let code = words.first else { continue }
      var rest = Array(words.dropFirst())
      var subject = ""
      var kind: SubjectKind? = nil
      if let first = rest.first, SubjectKind(rawValue: first.lowercased()) == nil, first.count <= 5,
        first == first.uppercased()
      {
        subject = first
        rest.removeFirst()
      }
      if let first = rest.first, let k = SubjectKind(rawValue: first.lowercased()) {
        kind = k
        rest.removeFirst()
      }
      if code.count > 6 || code != code.uppercased() {
        problems.append(
          FieldProblem(field: "authorizations", message: "Line \(i + 1): '\(code)' is not a CTC authorization code."))
      }
      authorizations.append(
        DocumentAuthorization(
          authorizationCode: code, subjectCode: subject, subjectKind: kind, language: rest.joined(separator: " ")))
    }
    var values = form.values
    values["seid"] = seid.digits
    values["last_name"] = educator.lastName
    values["first_name"] = educator.firstName
    values["birth_date"] = educator.birthDate?.iso ?? ""
    let row = CredentialsFile.readRow(line: 1, value: { values[$0]?.trimmingCharacters(in: .whitespaces) ?? "" }) {
      _, field, reason in problems.append(FieldProblem(field: field, message: reason))
    }
    guard problems.isEmpty, var document = row?.document else { throw CoreError.invalid(problems) }
    document.educatorId = educatorId
    document.authorizations = authorizations
    let current = try await CredentialRepository(services.database.sql).current(numbers: [document.documentNumber])[
      document.documentNumber]
    var action = AuditRepository.Action.create
    var changes = [
      AuditChange(
        field: "document \(document.documentNumber)", oldValue: nil,
        newValue:
          "\(document.documentCode) \(document.term.rawValue) \(document.issueDate)–\(document.expirationDate?.iso ?? "life"), \(document.status.rawValue)"
      )
    ]
    if let current {
      guard current.educatorId == educatorId else {
        throw CoreError.invalid([
          FieldProblem(
            field: "document_number", message: "Document \(document.documentNumber) belongs to another educator.")
        ])
      }
      if document.sameContent(as: current) { return current }
      document.version = current.version + 1
      action = .update
      changes = document.changes(from: current).map { CredentialImport.prefixed($0, document.documentNumber) }
    }
    let now = services.now
    let final = document
    let auditChanges = changes
    let auditAction = action
    try await services.database.transaction { db in
      try await CredentialRepository(db).insertVersions(
        [final], source: "entered by hand", recordedBy: viewer.actor.name, at: now)
      try await AuditRepository(db).record(
        auditChanges, entityType: Educator.auditEntity, entityId: educatorId, action: auditAction, actor: viewer.actor,
        at: now)
    }
    return final
  }
}
