import CredoDomain
import Foundation
import Testing

@Suite("Which documents are valid on a date (domain guide §1.1, §7 rules 45-49)")
struct DocumentValidityTests {
  func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

  func document(
    term: CredentialTerm = .clear, issued: String = "2022-07-01", expires: String? = "2027-07-01",
    status: DocumentStatus = .active, from: String? = nil, until: String? = nil
  ) -> CredentialDocument {
    CredentialDocument(
      id: UUID(), educatorId: UUID(), documentNumber: "200012345", documentCode: "TC1", title: "Single Subject",
      term: term, issueDate: date(issued), expirationDate: expires.map(date), status: status,
      statusFrom: from.map(date), statusUntil: until.map(date),
      authorizations: [DocumentAuthorization(authorizationCode: "R1S", subjectCode: "MATH", subjectKind: .major)])
  }

  @Test("A clear credential covers every day from issue through expiration, inclusive (T5 §80001)")
  func validWindow() {
    let d = document()
    #expect(DocumentValidity.decide(d, on: date("2022-07-01")).valid)
    #expect(DocumentValidity.decide(d, on: date("2027-07-01")).valid)
    #expect(DocumentValidity.decide(d, on: date("2027-07-02")).rule == "document.expired")
    #expect(DocumentValidity.decide(d, on: date("2022-06-30")).rule == "document.not_yet_issued")
  }

  @Test("Rule 48: a preliminary credential past expiry is invalid and the explanation says it must be cleared")
  func preliminaryExpired() {
    let decision = DocumentValidity.decide(
      document(term: .preliminary, issued: "2020-08-01", expires: "2025-08-01"), on: date("2025-10-01"))
    #expect(!decision.valid && decision.rule == "document.expired")
    #expect(decision.explanation.contains("cleared"))
    #expect(decision.citation.contains("48"))
  }

  @Test("Rule 46: suspended during its period, valid outside it; revoked never (EC 44421)")
  func suspendedAndRevoked() {
    let suspended = document(status: .suspended, from: "2025-09-01", until: "2025-11-30")
    #expect(DocumentValidity.decide(suspended, on: date("2025-10-01")).rule == "document.suspended")
    #expect(DocumentValidity.decide(suspended, on: date("2025-12-01")).valid)
    #expect(DocumentValidity.decide(suspended, on: date("2025-08-31")).valid)
    #expect(DocumentValidity.decide(document(status: .revoked), on: date("2025-10-01")).rule == "document.revoked")
    #expect(!DocumentValidity.decide(document(status: .denied), on: date("2025-10-01")).valid)
    #expect(!DocumentValidity.decide(document(status: .surrendered), on: date("2025-10-01")).valid)
  }

  @Test("Rule 45: a pending application authorizes nothing until issued")
  func pending() {
    let decision = DocumentValidity.decide(document(status: .pending), on: date("2025-10-01"))
    #expect(!decision.valid && decision.rule == "document.pending")
  }

  @Test("Life documents never expire; other terms without an expiration date are flagged")
  func life() {
    #expect(
      DocumentValidity.decide(document(term: .life, issued: "1979-07-01", expires: nil), on: date("2026-10-07")).valid)
    #expect(DocumentValidity.decide(document(expires: nil), on: date("2026-10-07")).rule == "document.no_expiration")
  }

  @Test("Rule 49: a Temporary County Certificate lasts one calendar year at most (EC 44332)")
  func tcc() {
    let tcc = document(term: .temporaryCountyCertificate, issued: "2025-08-15", expires: "2026-12-31")
    #expect(DocumentValidity.decide(tcc, on: date("2026-08-14")).valid)
    #expect(DocumentValidity.decide(tcc, on: date("2026-08-15")).rule == "document.tcc_expired")
  }

  @Test("The valid subset of a portfolio, with a decision for every document")
  func portfolio() {
    let docs = [document(), document(status: .revoked), document(term: .preliminary, expires: "2024-01-01")]
    let result = DocumentValidity.valid(docs, on: date("2025-10-01"))
    #expect(result.valid.count == 1 && result.decisions.count == 3)
  }

  @Test("Re-importing an unchanged document is recognized as the same content")
  func sameContent() {
    let a = document()
    var b = a
    b.id = UUID()
    b.version = 2
    b.authorizations = b.authorizations.reversed()
    #expect(a.sameContent(as: b))
    b.expirationDate = date("2032-07-01")
    #expect(!a.sameContent(as: b))
  }
}
