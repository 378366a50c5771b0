import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// The notice outbox and the daily job on the small demo county, on both databases.
@Suite("Notices: the alert chain queued once, audiences resolved, correspondence kept, templates edited")
struct NoticeOutboxTests {
  @Test(
    "notify run over the demo: due notices made once (EC 44830 notices reach site administrators and district analysts); a second run makes none",
    arguments: TestBackend.available)
  func dailyRunIsIdempotent(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      // The demo's own pay runs and CTC list already queued their pay-hold and ctc-action notices.
      let repository = NoticeRepository(services.database.sql)
      let before = try await repository.noticeCount()
      let waitingBefore = try await repository.outboxCounts()[.queued] ?? 0
      let first = try await NotifyRun(services).run(mail: nil)
      #expect(first.due > 0, "the demo has documents in the alert window")
      #expect(first.enqueue.requestsAnswered == first.due)
      #expect(first.enqueue.notices >= first.due)
      // No mail settings: the e-mails wait in the outbox, nothing is attempted.
      #expect(first.delivery.sent == 0 && first.delivery.waiting == waitingBefore + first.enqueue.mailQueued)
      let stored = try await repository.noticeCount()
      #expect(stored == before + first.enqueue.notices)

      let second = try await NotifyRun(services).run(mail: nil)
      #expect(second.due == first.due)
      #expect(second.enqueue.requestsAnswered == 0 && second.enqueue.notices == 0)
      #expect(second.enqueue.requestsAlreadyAnswered == first.due)
      #expect(try await repository.noticeCount() == stored)

      // Every EC 44830 notice to a site administrator or district analyst went to a user holding that role at one
      // of the educator's schools or districts.
      let (requests, _) = try await NotifyRun(services).dueToday()
      let expired = requests.filter { $0.template == "no-valid-document" && $0.facts["escalated"] == nil }
      #expect(!expired.isEmpty, "the demo has expired documents of assigned educators")
      let principal = try await demoViewer(services, "principal")
      let principalSchools = Set(principal.roles.filter { $0.role == .siteAdministrator }.map(\.organizationId))
      for request in expired {
        let notices = try await repository.correspondence(educatorId: request.educatorId!)
          .filter { $0.requestKey == request.requestKey }
        #expect(notices.contains { $0.audience == "holder" && $0.recipientKey.hasPrefix("educator:") })
        let places = try await repository.places(educatorId: request.educatorId!, on: services.today.date)
        let atPrincipalSchool = places.contains { $0.schoolId.map(principalSchools.contains) ?? false }
        #expect(
          notices.contains { $0.recipientUserId == principal.account!.id } == atPrincipalSchool,
          "the principal hears of exactly the educators at their school")
        #expect(notices.allSatisfy { $0.subject.contains(request.facts["name"]!) })
      }
      // The principal's in-app list and unread count.
      let inbox = NoticeInbox(services)
      let unread = try await inbox.unreadCount(by: principal)
      let received = try await inbox.received(unreadOnly: true, page: 1, by: principal)
      #expect(received.total == unread)
      if let first = received.items.first {
        _ = try await inbox.notice(id: first.notice.id, by: principal)
        #expect(try await inbox.unreadCount(by: principal) == unread - 1)
      }
    }
  }

  @Test(
    "Requests from other use cases (CTC action, pay hold, misassignment): rendered with their facts, sent once per trigger, unknown templates refused",
    arguments: TestBackend.available)
  func requestsFromOtherUseCases(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let districtA = try await demoViewer(services, "district.a")
      let districtId = try #require(districtA.roles.first { $0.role == .districtCredentialAnalyst }?.organizationId)
      let educator = try #require(
        try await EducatorRepository(services.database.sql).list(
          EducatorFilter(), scope: districtA.scope(for: .viewRecords), window: ListWindow(sort: "name", perPage: 1)
        ).items.first?.educator)
      let outbox = NoticeOutbox(services)
      let today = services.today.date
      let requests = [
        NoticeRequest(
          template: "ctc-action", educatorId: educator.id, audience: [.holder, .districtAnalysts],
          trigger: "ctc:suspension:1",
          facts: [
            "name": "Pat Doe", "action": "Suspension", "document": "Clear Single Subject",
            "effective": "2026-09-01", "until": "2026-12-01",
          ], dueOn: today),
        NoticeRequest(
          template: "pay-hold", educatorId: educator.id, audience: [.payroll], trigger: "pay:2026-09",
          facts: [
            "name": "Pat Doe", "period": "2026-09-01 to 2026-09-30", "payday": "2026-09-30",
            "reason": "no valid credential on file",
          ], dueOn: today),
        NoticeRequest(
          template: "misassignment", organizationId: districtId, audience: [.districtAnalysts],
          trigger: "exception:test:1", facts: ["name": "Pat Doe", "correct_by": "2026-10-15"], dueOn: today),
      ]
      let result = try await outbox.enqueue(requests, by: .system())
      #expect(result.requestsAnswered == 3)
      let again = try await outbox.enqueue(requests, by: .system())
      #expect(again.requestsAnswered == 0 && again.requestsAlreadyAnswered == 3 && again.notices == 0)

      let letters = try await NoticeRepository(services.database.sql).correspondence(educatorId: educator.id)
      let ctc = try #require(letters.first { $0.templateKey == "ctc-action" && $0.audience == "holder" })
      #expect(ctc.subject == "CTC action on Pat Doe's Clear Single Subject: Suspension")
      #expect(ctc.emailBody.contains("effective 2026-09-01 until 2026-12-01"))
      #expect(ctc.letterBody.contains("<strong>Suspension</strong>"))
      let districtNotice = try #require(
        letters.first { $0.templateKey == "ctc-action" && $0.audience == "district_analysts" })
      #expect(districtNotice.recipientUserId == districtA.account?.id || districtNotice.recipientUserId != nil)
      #expect(letters.contains { $0.templateKey == "pay-hold" && $0.audience == "payroll" })
      let misassignment = try await NoticeRepository(services.database.sql).correspondence(organizationId: districtId)
      #expect(
        misassignment.contains { $0.recipientUserId == districtA.account?.id && $0.emailBody.contains("2026-10-15") })

      await #expect(throws: CoreError.notFound("Notice template nope")) {
        try await outbox.enqueue(
          [NoticeRequest(template: "nope", educatorId: educator.id, audience: [.holder], trigger: "x", dueOn: today)],
          by: .system())
      }
    }
  }

  @Test(
    "Templates: invalid Mustache refused with its line, saves versioned and audited, stale edits and non-analysts refused",
    arguments: TestBackend.available)
  func editingTemplates(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, _ in
      let templates = NoticeTemplates(services)
      let analyst = try await demoViewer(services, "county.analyst")
      let original = try await templates.template(key: "expiration-warning", by: analyst)
      #expect(original.version == 1)
      do {
        _ = try await templates.save(
          key: "expiration-warning", subject: "Hello", emailBody: "line one\n{{#escalated}}\nnever closed",
          letterBody: original.letterBody, expectedVersion: 1, by: analyst)
        Issue.record("an unclosed section was accepted")
      } catch CoreError.invalid(let problems) {
        #expect(problems.map(\.field) == ["email_body"])
        #expect(problems.first?.message.contains("line 3") == true)
      }
      let saved = try await templates.save(
        key: "expiration-warning", subject: "Renew {{document}} by {{expires}}", emailBody: original.emailBody,
        letterBody: original.letterBody, expectedVersion: 1, by: analyst)
      #expect(saved.version == 2)
      #expect(
        try await templates.template(key: "expiration-warning", by: analyst).subject
          == "Renew {{document}} by {{expires}}")
      await #expect(throws: CoreError.self) {
        try await templates.save(
          key: "expiration-warning", subject: "x", emailBody: "y", letterBody: "z", expectedVersion: 1, by: analyst)
      }
      let principal = try await demoViewer(services, "principal")
      await #expect(throws: CoreError.self) { try await templates.list(by: principal) }
      // Notices made after the edit use it.
      _ = try await NotifyRun(services).run(mail: nil)
      let warnings = try await services.database.sql.raw(
        "SELECT subject FROM notices WHERE template_key = 'expiration-warning'"
      ).all(decodingColumn: "subject", as: String.self)
      #expect(!warnings.isEmpty && warnings.allSatisfy { $0.hasPrefix("Renew ") })
      // The preview renders sample values.
      let preview = try templates.preview(saved).get()
      #expect(preview.subject == "Renew Single Subject Teaching Credential by 2027-02-21")
    }
  }
}
