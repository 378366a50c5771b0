import CredoDomain
import Foundation
import Testing

@Suite("Pay release: valid documents on every day of the pay period (EC 45037, 44830, 44332; domain guide §1.9)")
struct PayCoverageTests {
  func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
  let district = DistrictCode("1964733")!
  let districtId = UUID()
  let educatorId = UUID()

  var november: PayPeriod {
    PayPeriod(
      id: UUID(), districtId: districtId, district: district, start: date("2026-11-01"), end: date("2026-11-30"),
      payday: date("2026-12-10"))
  }

  func employment(
    _ status: EmploymentStatus = .permanent, start: String = "2020-08-15", end: String? = nil,
    district other: UUID? = nil
  ) -> EmploymentRecord {
    EmploymentRecord(
      id: UUID(), educatorId: educatorId, districtId: other ?? districtId, schoolId: nil,
      place: OrganizationPlace(CDSCode(district: district)), localStaffId: "E1", status: status,
      startDate: date(start), endDate: end.map(date))
  }

  func document(
    _ number: String = "200012345", version: Int = 1, term: CredentialTerm = .clear, issued: String = "2022-07-01",
    expires: String? = "2027-07-01", status: DocumentStatus = .active, from: String? = nil, until: String? = nil,
    employer: DistrictCode? = nil
  ) -> CredentialDocument {
    CredentialDocument(
      id: UUID(), educatorId: educatorId, documentNumber: number, version: version, documentCode: "TC1",
      title: "Single Subject", term: term, issueDate: date(issued), expirationDate: expires.map(date), status: status,
      statusFrom: from.map(date), statusUntil: until.map(date), employerRestriction: employer, authorizations: [])
  }

  func decide(_ employments: [EmploymentRecord], _ documents: [CredentialDocument]) -> PayCoverage.Decision? {
    PayCoverage.decide(november, educatorId: educatorId, employments: employments, documents: documents)
  }

  @Test("A document valid all period releases pay (EC 45037)")
  func covered() throws {
    let d = try #require(decide([employment()], [document()]))
    #expect(d.status == .released && d.uncovered.isEmpty && d.employedDays == 30)
    #expect(d.explanation.contains("200012345"))
  }

  @Test("A document expiring mid-period holds pay for the days after expiry (domain rules 47, 48)")
  func expiresMidPeriod() throws {
    let d = try #require(decide([employment()], [document(expires: "2026-11-15")]))
    #expect(d.status == .held)
    #expect(d.uncovered == [DayRange(first: date("2026-11-16"), last: date("2026-11-30"))])
    #expect(d.reasons.map(\.rule) == ["pay.document.expired"])
    #expect(d.reasons[0].citation.contains("EC 45037") && d.reasons[0].citation.contains("47"))
  }

  @Test("A renewal issued on the old expiration date leaves no gap (domain guide §1.1)")
  func renewalWithoutGap() throws {
    let old = document(version: 1, issued: "2021-11-15", expires: "2026-11-15")
    let renewed = document(version: 2, issued: "2026-11-15", expires: "2031-11-15")
    let d = try #require(decide([employment()], [renewed, old]))
    #expect(d.status == .released)
    // The same renewal a day late leaves the 16th uncovered: the test can fail.
    let late = document(version: 2, issued: "2026-11-17", expires: "2031-11-17")
    let gap = try #require(decide([employment()], [late, old]))
    #expect(gap.uncovered == [DayRange(first: date("2026-11-16"), last: date("2026-11-16"))])
  }

  @Test("A suspension overlapping the period holds exactly its days (EC 44421, domain rule 46)")
  func suspensionInPeriod() throws {
    let d = try #require(
      decide([employment()], [document(status: .suspended, from: "2026-11-10", until: "2026-11-12")]))
    #expect(d.status == .held)
    #expect(d.uncovered == [DayRange(first: date("2026-11-10"), last: date("2026-11-12"))])
    #expect(d.reasons.first?.rule == "pay.document.suspended")
    let before = try #require(
      decide([employment()], [document(status: .suspended, from: "2026-10-01", until: "2026-10-31")]))
    #expect(before.status == .released)
  }

  @Test("A revocation with an effective date mid-period uncovers the days from it (domain rule 77)")
  func revocationMidPeriod() throws {
    let d = try #require(decide([employment()], [document(status: .revoked, from: "2026-11-20")]))
    #expect(d.uncovered == [DayRange(first: date("2026-11-20"), last: date("2026-11-30"))])
  }

  @Test("A Temporary County Certificate pays while valid, at most one calendar year (EC 44332, domain rule 49)")
  func temporaryCountyCertificate() throws {
    let pendingApplication = document(
      "APP-1", term: .clear, issued: "2026-09-01", expires: "2031-09-01", status: .pending)
    let tcc = document("TCC-7", term: .temporaryCountyCertificate, issued: "2026-09-01", expires: "2027-08-31")
    let valid = try #require(decide([employment(.probationary)], [pendingApplication, tcc]))
    #expect(valid.status == .released)
    // The county listed an expiry past one year; the statute ends it the day before the anniversary.
    let old = document("TCC-7", term: .temporaryCountyCertificate, issued: "2025-11-10", expires: "2026-12-31")
    let lapsed = try #require(decide([employment(.probationary)], [pendingApplication, old]))
    #expect(lapsed.status == .held)
    #expect(lapsed.uncovered == [DayRange(first: date("2026-11-10"), last: date("2026-11-30"))])
    #expect(lapsed.reasons.contains { $0.rule == "pay.document.tcc_expired" && $0.citation.contains("44332") })
    #expect(lapsed.reasons.contains { $0.rule == "pay.document.pending" })
  }

  @Test("A TCC cancelled by a CTC denial stops paying on the denial's effective date (EC 44332)")
  func tccCancelled() throws {
    let tcc = document(
      "TCC-7", term: .temporaryCountyCertificate, issued: "2026-09-01", expires: "2027-08-31", status: .denied,
      from: "2026-11-21")
    let d = try #require(decide([employment()], [tcc]))
    #expect(d.uncovered == [DayRange(first: date("2026-11-21"), last: date("2026-11-30"))])
    #expect(d.reasons.first?.rule == "pay.document.denied")
  }

  @Test("Employment ending mid-period: only the employed days count; none in the period means no decision")
  func employmentEnds() throws {
    let d = try #require(decide([employment(end: "2026-11-13")], [document(expires: "2026-11-15")]))
    #expect(d.status == .released && d.employedDays == 13)
    #expect(decide([employment(end: "2026-10-31")], [document()]) == nil)
    #expect(decide([employment(district: UUID())], [document()]) == nil)
  }

  @Test("A substitute needs a document too; a substitute permit covers them (EC 44830)")
  func substitutes() throws {
    let none = try #require(decide([employment(.substitute, start: "2026-11-02", end: "2026-11-06")], []))
    #expect(none.status == .held && none.reasons.map(\.rule) == ["pay.no_document"])
    #expect(none.uncovered == [DayRange(first: date("2026-11-02"), last: date("2026-11-06"))])
    let permit = document("SUB-30", term: .permit, issued: "2026-08-01", expires: "2027-08-01")
    let covered = try #require(decide([employment(.substitute, start: "2026-11-02", end: "2026-11-06")], [permit]))
    #expect(covered.status == .released)
  }

  @Test("A permit restricted to another employer does not pay here (T5 §80023.2)")
  func employerRestriction() throws {
    let elsewhere = document("PERMIT-1", term: .permit, employer: DistrictCode("1964212")!)
    let d = try #require(decide([employment()], [elsewhere]))
    #expect(d.status == .held && d.reasons.first?.citation.contains("80023.2") == true)
    let here = document("PERMIT-1", term: .permit, employer: district)
    #expect(decide([employment()], [here])?.status == .released)
  }

  @Test("Pay period dates are checked and monthly periods are generated")
  func periods() {
    #expect(!PayPeriod.problems(start: date("2026-11-30"), end: date("2026-11-01"), payday: date("2026-12-10")).isEmpty)
    #expect(PayPeriod.problems(start: date("2026-11-01"), end: date("2026-11-30"), payday: date("2026-12-10")).isEmpty)
    let months = PayPeriod.monthly(
      districtId: districtId, district: district, from: date("2026-11-15"), through: date("2027-02-01"),
      paydayOfNextMonth: 31, ids: { UUID() })
    #expect(months.map(\.start.iso) == ["2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01"])
    #expect(months.map(\.payday.iso) == ["2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31"])
    #expect(
      DayRange(parsing: "2026-11-10..2026-11-12") == DayRange(first: date("2026-11-10"), last: date("2026-11-12")))
  }
}
