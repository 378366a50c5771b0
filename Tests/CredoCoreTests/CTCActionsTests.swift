import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// CTC action lists imported, matched, confirmed and applied on the small demo county (whose loader imports a
/// three-row list: one SEID match, one name-and-birth-date candidate, one unmatched).
@Suite("CTC actions: SEID matches applied, candidates confirmed by analysts, the rest kept (domain rules 77-81)")
struct CTCActionsTests {
  @Test(
    "The demo list: applied by SEID with suspended documents and a notice; one candidate; one unmatched",
    arguments: TestBackend.available)
  func demoList(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let county = try await demoViewer(services, "county.analyst")
      let actions = CTCActions(services)
      let counts = try await actions.counts(by: county)
      #expect(counts[.applied] == 1 && counts[.candidates] == 1 && counts[.unmatched] == 1)
      let applied = try #require(
        try await actions.list(filter: CTCActionFilter(state: .applied), window: .all(sort: "effective"), by: county)
          .items.first)
      let educatorId = try #require(applied.educatorId)
      // Rule 46 through the documents: the suspension is a new version, in force from its effective date.
      let documents = try await CredentialRepository(services.database.sql).current(educatorId: educatorId)
      let suspended = documents.filter { $0.status == .suspended }
      #expect(!suspended.isEmpty)
      #expect(suspended.allSatisfy { $0.statusFrom == applied.entry.effective && $0.version > 1 })
      #expect(
        suspended.allSatisfy { DocumentValidity.outcome($0, on: services.today.date) == .suspended })
      let history = try await CredentialRepository(services.database.sql).history(educatorId: educatorId)
      #expect(history.contains { $0.source.contains("All Points Bulletin") })
      // Shown on the educator's record, and the audit trail names the list.
      #expect(try await actions.forEducator(educatorId, by: county).contains { $0.id == applied.id })
    }
  }

  @Test(
    "A district analyst confirms a candidate: documents revoked, checks re-run, ctc-action notice; a principal cannot",
    arguments: TestBackend.available)
  func confirm(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let analyst = try await demoViewer(services, "district.a")
      let principal = try await demoViewer(services, "principal")
      let actions = CTCActions(services)
      let waiting = try #require(
        try await actions.list(
          filter: CTCActionFilter(state: .candidates), window: .all(sort: "effective"), by: analyst
        )
        .items.first)
      let detail = try await actions.detail(id: waiting.id, by: analyst)
      #expect(detail.canDecide)
      let candidate = try #require(detail.candidates.first)
      #expect(try await actions.detail(id: waiting.id, by: principal).canDecide == false)
      await #expect(throws: CoreError.forbidden("confirming CTC actions")) {
        try await actions.confirm(actionId: waiting.id, educatorId: candidate.educator.id, by: principal)
      }
      let before = try await CredentialRepository(services.database.sql).current(educatorId: candidate.educator.id)
      let result = try await actions.confirm(actionId: waiting.id, educatorId: candidate.educator.id, by: analyst)
      #expect(result.action.state == .applied && result.action.educatorId == candidate.educator.id)
      #expect(result.action.decidedBy == "district.a")
      let after = try await CredentialRepository(services.database.sql).current(educatorId: candidate.educator.id)
      let revocable = before.filter { ![.revoked, .denied, .surrendered].contains($0.status) }
      #expect(after.filter { $0.status == .revoked }.count >= revocable.count && !revocable.isEmpty)
      #expect(result.effect.citation.contains("77"))
      let notice = try #require(result.notices.first)
      #expect(notice.template == "ctc-action" && notice.audience == [.districtAnalysts, .siteAdministrators])
      #expect(notice.trigger == "ctc:\(waiting.id.uuidString)")
      #expect(notice.facts["action"] == "Revocation" && notice.facts["effective"] == waiting.entry.effective.iso)
      // Confirming twice is refused.
      await #expect(throws: CoreError.self) {
        try await actions.confirm(actionId: waiting.id, educatorId: candidate.educator.id, by: analyst)
      }
      let audit = try await AuditRepository(services.database.sql).history(
        entityType: Educator.auditEntity, entityId: candidate.educator.id)
      #expect(audit.contains { $0.changes.contains { $0.field == "ctc action" } })
    }
  }

  @Test(
    "Rejecting the candidates leaves the row unmatched and never proposes them again",
    arguments: TestBackend.available)
  func reject(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let analyst = try await demoViewer(services, "district.a")
      let actions = CTCActions(services)
      let waiting = try #require(
        try await actions.list(
          filter: CTCActionFilter(state: .candidates), window: .all(sort: "effective"), by: analyst
        )
        .items.first)
      let rejected = try await actions.reject(actionId: waiting.id, by: analyst)
      #expect(rejected.state == .unmatched && rejected.rejectedIds == waiting.candidateIds)
      let again = try await actions.rematch(by: .system())
      #expect(again.candidates == 0)
      #expect(try await CTCActionRepository(services.database.sql).find(id: waiting.id)?.state == .unmatched)
    }
  }

  @Test(
    "A list file: rows kept once, unmatched rows matched when the educator arrives; a bad file rejected whole",
    arguments: TestBackend.available)
  func importFile(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let actions = CTCActions(services)
      let first = try await actions.importList(
        data: try fixture("ctc-actions-good.csv"), fileName: "ctc-actions-good.csv", by: .system())
      #expect(first.rows == 3 && first.new == 3 && first.unmatched == 3)
      let repeated = try await actions.importList(
        data: try fixture("ctc-actions-good.csv"), fileName: "ctc-actions-good.csv", by: .system())
      #expect(repeated.new == 0)

      // The educator arrives, spelled without the accent; the next rematch proposes them.
      let arrived = Educator(
        id: UUID(), seid: nil, firstName: "Soren", lastName: "LINDQVIST", birthDate: CalendarDate(parsing: "1985-11-02")
      )
      try await EducatorRepository(services.database.sql).insert([arrived], now: services.now)
      let rematched = try await actions.rematch(by: .system())
      #expect(rematched.candidates == 1)

      do {
        _ = try await actions.importList(
          data: try fixture("ctc-actions-bad.csv"), fileName: "ctc-actions-bad.csv", by: .system())
        Issue.record("a bad list was accepted")
      } catch CoreError.importRejected(let file, let problems, _) {
        #expect(file == "ctc-actions-bad.csv")
        #expect(problems.contains { $0.line == 2 && $0.field == "seid" })
        #expect(problems.contains { $0.line == 3 && $0.field == "action" && $0.reason.contains("rule 79") })
        #expect(problems.contains { $0.line == 4 && $0.field == "effective_date" })
      }
      let stored = try await actions.list(filter: CTCActionFilter(), window: .all(sort: "effective"), by: .system())
      #expect(!stored.items.contains { $0.entry.lastName == "Roe" })
    }
  }
}
