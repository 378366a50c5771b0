import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// Alert rules as data (issue 5): the stored chain drives `credo notify run`; rules are edited with checks, audited,
/// and loaded whole from a file or not at all. On both databases.
@Suite("Alert rules: stored, edited, loaded from a file, and used by the notice run (docs/rules/notices.md)")
struct AlertRulesTests {
  @Test(
    "The migration writes the shipped chain (90/60/30 warnings, the expiration day, escalation) and the run reads the stored rules",
    arguments: TestBackend.available)
  func storedRulesDriveTheRun(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let county = try await demoViewer(services, "county.analyst")
      let rules = AlertRules(services)
      let stored = try await rules.list(by: county)
      #expect(Set(stored.map(\.rule)) == Set(AlertRule.defaults), "migration 010 writes AlertRule.defaults")

      let before = try await NotifyRun(services).dueToday().requests
      #expect(before.contains { $0.template == "expiration-warning" }, "the demo has documents in the warning window")

      // Switch the warning chain off: its steps stop; the other chains are unchanged.
      for item in stored where item.rule.chain == "warning" {
        var off = item.rule
        off.enabled = false
        try await rules.save(off, expectedVersion: item.version, by: county)
      }
      let withoutWarnings = try await NotifyRun(services).dueToday().requests
      #expect(!withoutWarnings.contains { $0.template == "expiration-warning" })
      #expect(
        withoutWarnings.map(\.trigger).sorted()
          == before.filter { $0.template != "expiration-warning" }.map(\.trigger).sorted())

      // A new chain: 120 days before, in-app only.
      let early = AlertRule(
        id: "early-120", chain: "early", offsetDays: -120, template: "expiration-warning", audience: [.holder],
        channels: [.inApp])
      try await rules.save(early, expectedVersion: nil, by: county)
      let withEarly = try await NotifyRun(services).dueToday().requests.filter { $0.trigger.hasSuffix(":early-120") }
      #expect(!withEarly.isEmpty, "documents expiring within 120 days get the new step")
      #expect(withEarly.allSatisfy { $0.channels == [.inApp] && $0.audience == [.holder] })
      let today = services.today.date
      for request in withEarly {
        let expires = CalendarDate(parsing: request.facts["expires"]!)!
        #expect(today <= expires && expires <= today.adding(days: 120))
      }

      // Every change is in the audit history.
      let history = try await AuditRepository(services.database.sql).history(
        entityType: "alert_rule", entityId: AlertRules.entityId("warning-60"))
      let switchedOff = history.flatMap(\.changes).filter { change in change.field == "enabled" }
        .map { "\($0.oldValue ?? "")>\($0.newValue ?? "")" }
      #expect(switchedOff == ["yes>no"])
    }
  }

  @Test(
    "Edits are checked field by field (mixed chains, unknown templates, taken ids), refused on a stale version, and kept to county analysts",
    arguments: TestBackend.available)
  func editsAreChecked(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let county = try await demoViewer(services, "county.analyst")
      let district = try await demoViewer(services, "district.a")
      let rules = AlertRules(services)
      let warning30 = try await rules.rule(id: "warning-30", by: county)

      // A district analyst reads the rules but may not change the county's chain.
      #expect(try await rules.list(by: district).count == AlertRule.defaults.count)
      var later = warning30.rule
      later.offsetDays = -45
      await #expect(throws: CoreError.self) {
        try await rules.save(later, expectedVersion: warning30.version, by: district)
      }

      // A step after expiration in the warning chain mixes the two kinds of chain.
      var mixed = warning30.rule
      mixed.offsetDays = 5
      do {
        try await rules.save(mixed, expectedVersion: warning30.version, by: county)
        Issue.record("a mixed chain was saved")
      } catch CoreError.invalid(let problems) {
        #expect(problems.map(\.field) == ["chain"])
      }
      var unknown = warning30.rule
      unknown.template = "no-such-template"
      unknown.audience = []
      do {
        try await rules.save(unknown, expectedVersion: warning30.version, by: county)
        Issue.record("an unknown template was saved")
      } catch CoreError.invalid(let problems) {
        #expect(Set(problems.map(\.field)) == ["template", "audience"])
      }
      do {
        try await rules.save(warning30.rule, expectedVersion: nil, by: county)
        Issue.record("a second warning-30 was added")
      } catch CoreError.invalid(let problems) {
        #expect(problems.map(\.field) == ["id"])
      }

      // Saved once; the same stale version again is a conflict, and the first edit stays.
      let saved = try await rules.save(later, expectedVersion: warning30.version, by: county)
      #expect(saved.version == warning30.version + 1)
      var other = warning30.rule
      other.offsetDays = -40
      await #expect(throws: CoreError.self) {
        try await rules.save(other, expectedVersion: warning30.version, by: county)
      }
      #expect(try await rules.rule(id: "warning-30", by: county).rule.offsetDays == -45)

      // Deleting needs the current version too.
      await #expect(throws: CoreError.self) {
        try await rules.delete(id: "warning-30", expectedVersion: warning30.version, by: county)
      }
      try await rules.delete(id: "warning-30", expectedVersion: saved.version, by: county)
      #expect(try await rules.list(by: county).count == AlertRule.defaults.count - 1)
    }
  }

  @Test(
    "The rules file round-trips, and a file with any problem is rejected whole with each line and field, leaving the rules as they were",
    arguments: TestBackend.available)
  func rulesFile(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let county = try await demoViewer(services, "county.analyst")
      let rules = AlertRules(services)
      let exported = try await rules.export(by: county)
      #expect(
        exported.hasPrefix("id,chain,offset_days,template,audience,channels,renewal_codes_only,escalation,enabled"))
      #expect(exported.contains("expired-0,expired,0,no-valid-document,holder;site_administrators;district_analysts"))

      // Edited: a 14-day warning, payroll told on the expiration day.
      let edited =
        exported.replacingOccurrences(
          of: "expired-0,expired,0,no-valid-document,holder;site_administrators;district_analysts",
          with: "expired-0,expired,0,no-valid-document,holder;site_administrators;district_analysts;payroll")
        + "warning-14,warning,-14,expiration-warning,holder,email,no,no,yes\n"
      let loaded = try await rules.importFile(Data(edited.utf8), fileName: "rules.csv", by: county)
      #expect(loaded.count == AlertRule.defaults.count + 1)
      #expect(try await rules.rule(id: "expired-0", by: county).rule.audience.contains(.payroll))
      #expect(try await rules.rule(id: "warning-14", by: county).rule.channels == [.email])

      let bad = """
        id,chain,offset_days,template,audience,channels,renewal_codes_only,escalation,enabled
        warning-90,warning,-90,expiration-warning,holder,email;in_app,no,no,yes
        warning-60,warning,soon,expiration-warning,holder,email,no,no,yes
        expired-0,expired,0,no-valid-document,holder;principal,email,no,no,maybe
        late-1,warning,1,expiration-warning,holder,email,no,no,yes

        """
      do {
        _ = try await rules.importFile(Data(bad.utf8), fileName: "bad.csv", by: county)
        Issue.record("a bad rules file was loaded")
      } catch CoreError.importRejected(let file, let problems, _) {
        #expect(file == "bad.csv")
        let found = Set(problems.map { "\($0.line):\($0.field)" })
        #expect(found.contains("3:offset_days"), "line 3: offset is not a number")
        #expect(found.contains("4:audience"), "line 4: principal is not an audience")
        #expect(found.contains("4:enabled"), "line 4: maybe is not yes or no")
        #expect(found.contains("5:chain"), "line 5: a step after expiration in the warning chain")
        #expect(problems.map(\.line) == problems.map(\.line).sorted(), "problems in line order")
      }
      // Nothing changed.
      #expect(try await rules.list(by: county).count == AlertRule.defaults.count + 1)
      #expect(try await rules.rule(id: "warning-14", by: county).rule.offsetDays == -14)
    }
  }
}
