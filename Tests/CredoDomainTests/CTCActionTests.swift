import CredoDomain
import Foundation
import Testing

@Suite("CTC actions: matching list rows and applying them to documents (domain guide §5.3, rules 77-81)")
struct CTCActionTests {
  func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
  let educatorId = UUID()

  func entry(
    seid: String? = nil, last: String = "García-López", first: String = "María", birth: String? = "1980-04-02",
    action: CTCActionKind = .suspension, effective: String = "2026-11-10", end: String? = nil, document: String = ""
  ) -> CTCActionEntry {
    CTCActionEntry(
      line: 2, source: .apb, lastName: last, firstName: first, seid: seid.flatMap { SEID($0) },
      birthDate: birth.map(date), action: action, effective: date(effective), end: end.map(date), document: document)
  }

  func document(
    _ number: String = "200012345", term: CredentialTerm = .clear, status: DocumentStatus = .active,
    from: String? = nil, until: String? = nil
  ) -> CredentialDocument {
    CredentialDocument(
      id: UUID(), educatorId: educatorId, documentNumber: number, documentCode: "TC1", title: "Single Subject",
      term: term, issueDate: date("2022-07-01"), expirationDate: date("2027-07-01"), status: status,
      statusFrom: from.map(date), statusUntil: until.map(date), authorizations: [])
  }

  @Test("SEID matches exactly; otherwise name and birth date (folded) give candidates; else no match")
  func matching() {
    let maria = Educator(
      id: UUID(), seid: SEID("1234567890"), firstName: "Maria Elena", lastName: "Garcia Lopez",
      birthDate: date("1980-04-02"))
    let other = Educator(id: UUID(), seid: nil, firstName: "Maria", lastName: "Garcia", birthDate: date("1980-04-02"))
    #expect(CTCMatch.match(entry(seid: "1234567890", last: "Nobody"), educators: [maria, other]) == .seid(maria.id))
    #expect(CTCMatch.match(entry(), educators: [maria, other]) == .candidates([maria.id]))
    #expect(CTCMatch.match(entry(), educators: [maria], rejected: [maria.id]) == CTCMatch.none)
    #expect(CTCMatch.match(entry(birth: "1980-04-03"), educators: [maria]) == CTCMatch.none)
    #expect(CTCMatch.match(entry(birth: nil), educators: [maria]) == CTCMatch.none)
    #expect(CTCNameKey.key("  O'Neil-SMITH ") == "oneil smith")
  }

  @Test("Private admonitions are never imported; the others are read in their usual spellings (rule 79)")
  func kinds() {
    #expect(CTCActionKind.isPrivateAdmonition("Private Admonition"))
    #expect(CTCActionKind(text: "Private admonition") == nil)
    #expect(CTCActionKind(text: "Revoked") == .revocation)
    #expect(CTCActionKind(text: "release") == .reinstatement)
    #expect(CTCActionSource(text: "license-match") == .licenseMatch)
  }

  @Test(
    "Revocation makes every document revoked from its effective date; a revoked document covers nothing after (rules 46, 77)"
  )
  func revocation() throws {
    let outcome = CTCActionEffect.apply(
      .revocation, effective: date("2026-11-10"), end: nil, document: "",
      to: [document(), document("300099999", term: .life)])
    #expect(outcome.versions.count == 2)
    #expect(
      outcome.versions.allSatisfy { $0.status == .revoked && $0.statusFrom == date("2026-11-10") && $0.version == 2 })
    let revoked = try #require(outcome.versions.first)
    #expect(DocumentValidity.outcome(revoked, on: date("2026-11-09")) == .valid)
    #expect(DocumentValidity.outcome(revoked, on: date("2026-11-10")) == .revoked)
    #expect(outcome.citation.contains("77"))
  }

  @Test("Suspension (all credentials, EC 44424(b); at most a year for abandonment, rule 80) covers its period only")
  func suspension() throws {
    let outcome = CTCActionEffect.apply(
      .suspension, effective: date("2026-11-10"), end: date("2027-05-09"), document: "", to: [document()])
    let s = try #require(outcome.versions.first)
    #expect(s.status == .suspended && s.statusUntil == date("2027-05-09"))
    #expect(DocumentValidity.outcome(s, on: date("2026-12-01")) == .suspended)
    #expect(DocumentValidity.outcome(s, on: date("2027-05-10")) == .valid)
    #expect(outcome.citation.contains("80"))
  }

  @Test("A listed document limits the action to it; a listed document not on file is a warning")
  func listedDocument() {
    let docs = [document("A1"), document("B2")]
    let only = CTCActionEffect.apply(.suspension, effective: date("2026-11-10"), end: nil, document: "b2", to: docs)
    #expect(only.versions.map(\.documentNumber) == ["B2"])
    let missing = CTCActionEffect.apply(.suspension, effective: date("2026-11-10"), end: nil, document: "Z9", to: docs)
    #expect(missing.versions.count == 2 && !missing.warnings.isEmpty)
  }

  @Test("Denial affects pending applications and cancels Temporary County Certificates (EC 44346, 44332; rule 78)")
  func denial() {
    let docs = [
      document("CLEAR-1"), document("APP-2", status: .pending),
      document("TCC-3", term: .temporaryCountyCertificate),
    ]
    let outcome = CTCActionEffect.apply(.denial, effective: date("2026-11-10"), end: nil, document: "", to: docs)
    #expect(outcome.versions.map(\.documentNumber).sorted() == ["APP-2", "TCC-3"])
    #expect(outcome.versions.allSatisfy { $0.status == .denied })
  }

  @Test(
    "Reinstatement ends a suspension the day before it takes effect; early reinstatement of a revocation warns (rule 81)"
  )
  func reinstatement() throws {
    let suspended = document(status: .suspended, from: "2026-09-01")
    let outcome = CTCActionEffect.apply(
      .reinstatement, effective: date("2026-11-20"), end: nil, document: "", to: [suspended])
    let r = try #require(outcome.versions.first)
    #expect(r.statusUntil == date("2026-11-19"))
    #expect(DocumentValidity.outcome(r, on: date("2026-11-19")) == .suspended)
    #expect(DocumentValidity.outcome(r, on: date("2026-11-20")) == .valid)
    let revoked = document(status: .revoked, from: "2026-06-01")
    let early = CTCActionEffect.apply(
      .reinstatement, effective: date("2026-11-20"), end: nil, document: "", to: [revoked])
    #expect(early.warnings.contains { $0.contains("rule 81") })
    let late = CTCActionEffect.apply(
      .reinstatement, effective: date("2027-07-01"), end: nil, document: "", to: [revoked])
    #expect(late.warnings.isEmpty)
  }

  @Test("Public reproval changes no document")
  func reproval() {
    let outcome = CTCActionEffect.apply(
      .publicReproval, effective: date("2026-11-10"), end: nil, document: "", to: [document()])
    #expect(outcome.versions.isEmpty)
  }
}
