import CredoDomain
import CredoStore
import Foundation

/// One document read from `credentials.csv`, with the holder it names and the lines it came from.
public struct CredentialsFileDocument: Sendable, Hashable {
  public var seid: SEID
  public var localStaffId: String
  public var lastName: String
  public var firstName: String
  public var birthDate: CalendarDate?
  public var document: CredentialDocument
  public var lines: [Int]
}

/// Reads `credentials.csv` (interchange spec §3): CSV with a header row, one row per document × authorization
/// × subject. Rows sharing a `document_number` are one document and must agree on the document's fields.
/// Optional extra columns Credo also reads: `status_from`, `status_until` (a suspension's period),
/// `employer_restriction` (7-digit district code), `renewal_codes` (space-separated), `registered_on`.
public enum CredentialsFile {
  public static let requiredColumns = [
    "seid", "local_staff_id", "last_name", "first_name", "birth_date", "document_number", "document_code",
    "document_title", "term", "issue_date", "expiration_date", "status", "authorization_code", "subject_code",
    "subject_kind", "language",
  ]
  public static let maximumProblems = 200

  public static func parse(
    _ data: Data, fileName: String, timings: PhaseTimings? = nil
  ) -> ImportValidation<CredentialsFileDocument> {
    let records = DelimitedText(DelimitedText.decode(data), delimiter: ",").records
    timings?.end("read CSV")
    defer { timings?.end("validate rows") }
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
    }
    guard let header = records.first else {
      problem(1, "header", "The file is empty; expected the header row seid,local_staff_id,last_name,…")
      return .invalid(problems, truncated: false)
    }
    var index: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() { index[name.trimmingCharacters(in: .whitespaces).lowercased()] = i }
    let missing = requiredColumns.filter { index[$0] == nil }
    if !missing.isEmpty {
      problem(
        header.line, "header", "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).")
      return .invalid(problems, truncated: false)
    }
    var documents: [String: CredentialsFileDocument] = [:]
    var order: [String] = []
    let ids = RandomUUIDs()
    for record in records.dropFirst() {
      if problems.count >= maximumProblems { return .invalid(problems, truncated: true) }
      let line = record.line
      guard record.fields.count >= header.fields.count else {
        problem(line, "row", "Has \(record.fields.count) fields but the header has \(header.fields.count).")
        continue
      }
      func value(_ name: String) -> String {
        index[name].map { record.fields[$0].trimmedOfWhitespace } ?? ""
      }
      guard let row = readRow(line: line, value: value, ids: ids, problem: problem) else { continue }
      let seid = row.seid
      let document = row.document
      let number = document.documentNumber
      if var existing = documents[number] {
        var comparable = document
        comparable.id = existing.document.id
        comparable.educatorId = existing.document.educatorId
        comparable.authorizations = existing.document.authorizations
        if existing.seid != seid || comparable != existing.document {
          problem(
            line, "document_number",
            "Document \(number) also appears on line \(existing.lines[0]) with a different holder or different document fields; rows of one document must agree except for authorization, subject, kind and language."
          )
          continue
        }
        for a in document.authorizations where !existing.document.authorizations.contains(a) {
          existing.document.authorizations.append(a)
        }
        existing.lines.append(line)
        documents[number] = existing
      } else {
        order.append(number)
        documents[number] = CredentialsFileDocument(
          seid: seid, localStaffId: row.localStaffId, lastName: row.lastName, firstName: row.firstName,
          birthDate: row.birthDate, document: document, lines: [line])
      }
    }
    if records.count < 2 { problem(header.line, "row", "The file has a header but no rows.") }
    return problems.isEmpty ? .valid(order.map { documents[$0]! }) : .invalid(problems, truncated: false)
  }

  /// One row's fields, validated: the same checks for a file's rows and for the manual entry form.
  struct Row {
    var seid: SEID
    var localStaffId: String
    var lastName: String
    var firstName: String
    var birthDate: CalendarDate?
    var document: CredentialDocument
  }

  /// The holder of a row's document until the caller, which knows the educator, sets it.
  static let placeholderHolder = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

  static func readRow(
    line: Int, value: (String) -> String, ids: RandomUUIDs? = nil, problem report: (Int, String, String) -> Void
  ) -> Row? {
    var problemCount = 0
    func problem(_ line: Int, _ field: String, _ reason: String) {
      problemCount += 1
      report(line, field, reason)
    }
    func date(_ name: String, required: Bool) -> CalendarDate? {
      let text = value(name)
      if text.isEmpty {
        if required { problem(line, name, "Required; give the date as YYYY-MM-DD.") }
        return nil
      }
      guard let parsed = CalendarDate(parsing: text) else {
        problem(line, name, "'\(text)' is not a date; use YYYY-MM-DD.")
        return nil
      }
      return parsed
    }
    let before = problemCount
    let seid = SEID(value("seid"))
    if seid == nil { problem(line, "seid", "'\(value("seid"))' is not a 10-digit SEID.") }
    if value("last_name").isEmpty { problem(line, "last_name", "Required.") }
    if value("first_name").isEmpty { problem(line, "first_name", "Required.") }
    let birth = date("birth_date", required: false)
    let number = value("document_number")
    if number.isEmpty { problem(line, "document_number", "Required: the CTC document number.") }
    let code = value("document_code")
    if code.isEmpty { problem(line, "document_code", "Required: the CTC credential title code, e.g. TC1.") }
    let term = CredentialTerm(text: value("term"))
    if term == nil {
      problem(
        line, "term",
        "'\(value("term"))' is not one of \(CredentialTerm.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    let issue = date("issue_date", required: true)
    let expiration = date("expiration_date", required: term != nil && term != .life)
    if let issue, let expiration, expiration < issue {
      problem(line, "expiration_date", "Expires \(expiration), before it was issued \(issue).")
    }
    let status = DocumentStatus(rawValue: value("status").lowercased())
    if status == nil {
      problem(
        line, "status",
        "'\(value("status"))' is not one of \(DocumentStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    let kindText = value("subject_kind").lowercased()
    let kind = SubjectKind(rawValue: kindText)
    if !kindText.isEmpty, kind == nil {
      problem(line, "subject_kind", "'\(value("subject_kind"))' is not major, minor or empty.")
    }
    let from = date("status_from", required: false)
    let until = date("status_until", required: false)
    let restrictionText = value("employer_restriction")
    let restriction = DistrictCode(restrictionText)
    if !restrictionText.isEmpty, restriction == nil {
      problem(line, "employer_restriction", "'\(restrictionText)' is not a 7-digit county-district code.")
    }
    let registered = date("registered_on", required: false)
    guard problemCount == before, let seid, let term, let issue, let status else { return nil }
    var authorizations: [DocumentAuthorization] = []
    if !value("authorization_code").isEmpty {
      authorizations.append(
        DocumentAuthorization(
          authorizationCode: value("authorization_code").uppercased(),
          subjectCode: value("subject_code").uppercased(),
          subjectKind: kind, language: value("language")))
    } else if !value("subject_code").isEmpty {
      problem(line, "authorization_code", "A subject is given without the authorization it belongs to.")
      return nil
    }
    let document = CredentialDocument(
      id: ids?.next() ?? UUID(), educatorId: placeholderHolder, documentNumber: number, documentCode: code.uppercased(),
      title: value("document_title"), term: term, issueDate: issue, expirationDate: term == .life ? nil : expiration,
      status: status, statusFrom: from, statusUntil: until, employerRestriction: restriction,
      renewalCodes: value("renewal_codes").split(separator: " ").map(String.init), registeredOn: registered,
      authorizations: authorizations)
    return Row(
      seid: seid, localStaffId: value("local_staff_id"), lastName: value("last_name"), firstName: value("first_name"),
      birthDate: birth, document: document)
  }
}
