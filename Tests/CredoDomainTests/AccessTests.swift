import CredoDomain
import Foundation
import Testing

@Suite("Access scope, confidentiality, throttling and audit")
struct AccessTests {
  let county = OrganizationPlace(CDSCode("34000000000000")!)
  let districtA = OrganizationPlace(CDSCode("34610000000000")!)
  let schoolA = OrganizationPlace(CDSCode("34610000100007")!)
  let districtB = OrganizationPlace(CDSCode("34610170000000")!)
  let schoolB = OrganizationPlace(CDSCode("34610170100014")!)
  let otherCounty = OrganizationPlace(CDSCode("19647330000000")!)

  func assignment(_ role: Role, _ place: OrganizationPlace, _ kind: OrganizationKind) -> RoleAssignment {
    RoleAssignment(role: role, organizationId: UUID(), place: place, organizationKind: kind, organizationName: "x")
  }

  @Test("A county analyst sees every district and school of the county, nothing of another county")
  func countyScope() {
    let scope = AccessScope(
      assignments: [assignment(.countyCredentialAnalyst, county, .county)], permission: .viewRecords)
    #expect(scope.covers(districtA) && scope.covers(schoolA) && scope.covers(districtB) && scope.covers(schoolB))
    #expect(!scope.covers(otherCounty))
  }

  @Test("A district analyst sees the district and its schools, never another district's")
  func districtScope() {
    let scope = AccessScope(
      assignments: [assignment(.districtCredentialAnalyst, districtA, .district)], permission: .viewRecords)
    #expect(scope.covers(districtA) && scope.covers(schoolA))
    #expect(!scope.covers(districtB) && !scope.covers(schoolB) && !scope.covers(county))
  }

  @Test("A site administrator sees only the school")
  func schoolScope() {
    let scope = AccessScope(assignments: [assignment(.siteAdministrator, schoolA, .school)], permission: .viewRecords)
    #expect(scope.covers(schoolA))
    #expect(!scope.covers(districtA) && !scope.covers(schoolB))
    // Site administrators read but do not edit.
    #expect(
      AccessScope(assignments: [assignment(.siteAdministrator, schoolA, .school)], permission: .editRecords).isEmpty)
  }

  @Test("A system administrator sees everything; no role sees nothing")
  func extremes() {
    #expect(
      AccessScope(assignments: [assignment(.systemAdministrator, schoolA, .school)], permission: .viewRecords).covers(
        otherCounty))
    #expect(AccessScope(assignments: [], permission: .viewRecords).covers(schoolA) == false)
  }

  @Test("Roles fit the organization they are granted at")
  func grants() throws {
    try Role.siteAdministrator.validateGrant(at: .school)
    #expect(throws: RoleGrantError.self) { try Role.siteAdministrator.validateGrant(at: .county) }
    #expect(throws: RoleGrantError.self) { try Role.countyCredentialAnalyst.validateGrant(at: .district) }
  }

  @Test("Criminal history is for the custodian of records only (Penal Code 11102.2, 11105)")
  func criminalHistory() {
    let analyst = [assignment(.countyCredentialAnalyst, county, .county)]
    let custodian = [assignment(.custodianOfRecords, county, .county)]
    let admin = [assignment(.systemAdministrator, county, .county)]
    #expect(ConfidentialCategory.criminalHistory.scope(for: analyst).isEmpty)
    #expect(ConfidentialCategory.criminalHistory.scope(for: admin).isEmpty)
    #expect(ConfidentialCategory.criminalHistory.scope(for: custodian).covers(schoolA))
    #expect(ConfidentialCategory.discipline.scope(for: analyst).covers(schoolA))
    #expect(ConfidentialCategory.medical.scope(for: analyst).isEmpty)
  }

  @Test("Five failures within 15 minutes lock the account until 15 minutes after the last (NIST SP 800-63B 5.2.2)")
  func throttle() {
    let throttle = LoginThrottle()
    let now = Date(timeIntervalSince1970: 1_000_000)
    let failures = (1...5).map { LoginThrottle.Attempt(at: now.addingTimeInterval(Double(-60 * $0)), succeeded: false) }
    #expect(throttle.decide(accountAttempts: Array(failures.prefix(4)), addressAttempts: [], now: now) == .allowed)
    #expect(
      throttle.decide(accountAttempts: failures, addressAttempts: [], now: now)
        == .locked(until: now.addingTimeInterval(-60 + 900)))
    // A success after the failures clears them.
    let success = LoginThrottle.Attempt(at: now.addingTimeInterval(-30), succeeded: true)
    #expect(throttle.decide(accountAttempts: failures + [success], addressAttempts: [], now: now) == .allowed)
    // Failures older than the window do not count.
    #expect(
      throttle.decide(accountAttempts: failures, addressAttempts: [], now: now.addingTimeInterval(900)) == .allowed)
    // Many accounts from one address lock the address.
    let spray = (1...20).map { LoginThrottle.Attempt(at: now.addingTimeInterval(Double(-$0)), succeeded: false) }
    #expect(throttle.decide(accountAttempts: [], addressAttempts: spray, now: now) != .allowed)
  }

  @Test("Password rules: length, not the user name, not a common password (NIST SP 800-63B 5.1.1.2)")
  func passwords() {
    #expect(PasswordPolicy.check("short", username: "ana").contains(.tooShort(minimum: 10)))
    #expect(PasswordPolicy.check("ana.lopez.1", username: "ana.lopez.1").contains(.sameAsUsername))
    #expect(PasswordPolicy.check("password123", username: "ana").contains(.common))
    #expect(PasswordPolicy.check("correct horse battery", username: "ana").isEmpty)
  }

  @Test("The audit trail keeps exactly the fields that changed, old and new")
  func auditDiff() {
    let before = Educator(id: UUID(), seid: SEID("1234567890"), firstName: "Ana", lastName: "Lopez", birthDate: nil)
    var after = before
    after.lastName = "Lopez-Garcia"
    after.birthDate = CalendarDate(year: 1980, month: 5, day: 4)
    let changes = after.changes(from: before)
    #expect(
      changes == [
        AuditChange(field: "last_name", oldValue: "Lopez", newValue: "Lopez-Garcia"),
        AuditChange(field: "birth_date", oldValue: nil, newValue: "1980-05-04"),
      ])
    #expect(before.changes(from: before).isEmpty)
    #expect(before.changes(from: nil).map(\.field) == ["seid", "first_name", "last_name"])
  }
}
