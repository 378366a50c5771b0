import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Notice pages, the template editor and GET /api/v1/notices")
struct NoticeWebTests {
  @Test(
    "A principal's notices with the unread count, the letter, the educator's correspondence; the JSON list",
    arguments: TestBackend.available)
  func inboxAndCorrespondence(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      _ = try await NotifyRun(services).run(mail: nil)
      let principal = try await demoViewer(services, "principal")
      let unread = try await NoticeInbox(services).unreadCount(by: principal)
      let browser = Browser(app)
      _ = try await browser.signIn("principal")
      let list = try await browser.request(.GET, "/notices")
      #expect(list.status == .ok)
      let body = list.body.string
      if unread > 0 {
        #expect(body.contains("id=\"unread-count\""))
        #expect(body.contains("\(unread) unread"))
        let link = try #require(body.firstMatch(of: /href="(\/notices\/[0-9a-f-]{36})"/).map { String($0.1) })
        let page = try await browser.request(.GET, link)
        #expect(page.status == .ok && page.body.string.contains("id=\"email-body\""))
        let letter = try await browser.request(.GET, link + "/letter")
        #expect(letter.status == .ok && letter.body.string.contains("class=\"letterhead\""))
        #expect(try await NoticeInbox(services).unreadCount(by: principal) == unread - 1, "opening marks it read")
      } else {
        #expect(body.contains("id=\"no-notices\""))
      }
      let json = try await browser.request(.GET, "/api/v1/notices")
      #expect(json.status == .ok)
      #expect(json.body.string.contains("\"unread\":"))

      // An educator with notices: the Correspondence section lists them for an analyst in scope.
      let noticed = try await services.database.sql.raw(
        "SELECT educator_id FROM notices WHERE educator_id IS NOT NULL LIMIT 1"
      ).first(decodingColumn: "educator_id", as: UUID.self)
      let educator = try #require(noticed)
      let analyst = Browser(app)
      _ = try await analyst.signIn("county.analyst")
      let page = try await analyst.request(.GET, "/educators/\(educator.uuidString.lowercased())")
      #expect(page.status == .ok)
      #expect(page.body.string.contains("id=\"correspondence\""))
      #expect(page.body.string.contains("/letter\">Print</a>"))
    }
  }

  @Test("Template editing: invalid syntax refused with its line (422), preview, save; principals may not edit")
  func templateEditor() async throws {
    try await withDemoApp(.sqlite) { app, services in
      let browser = Browser(app)
      _ = try await browser.signIn("county.analyst")
      let path = "/notices/templates/no-valid-document"
      let page = try await browser.request(.GET, path)
      #expect(page.status == .ok && page.body.string.contains("id=\"preview-subject\""))
      let token = try await browser.csrf(on: path)
      let template = try await NoticeTemplates(services).template(key: "no-valid-document", by: .system())
      let refused = try await browser.request(
        .POST, path,
        form: [
          "action": "save", "subject": "{{#escalated}}Escalated", "email_body": template.emailBody,
          "letter_body": template.letterBody, "version": "1", "_csrf": token,
        ])
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.body.string.contains("id=\"subject-error\""))
      #expect(refused.body.string.contains("line 1"))
      let saved = try await browser.request(
        .POST, path,
        form: [
          "action": "save", "subject": "No valid credential: {{name}}", "email_body": template.emailBody,
          "letter_body": template.letterBody, "version": "1", "_csrf": token,
        ])
      #expect(saved.status == .seeOther || saved.status == .found)
      #expect(try await NoticeTemplates(services).template(key: "no-valid-document", by: .system()).version == 2)

      let principal = Browser(app)
      _ = try await principal.signIn("principal")
      #expect(try await principal.request(.GET, "/notices/templates").status == .forbidden)
    }
  }

  @Test(
    "Alert rules: listed with a CSV export, a new rule added by form (invalid ones refused on their field, 422), deleted; district analysts read only; JSON list"
  )
  func alertRulePages() async throws {
    try await withDemoApp(.sqlite) { app, services in
      let county = Browser(app)
      _ = try await county.signIn("county.analyst")
      let list = try await county.request(.GET, "/notices/rules")
      #expect(list.status == .ok && list.body.string.contains("id=\"alert-rules\""))
      #expect(list.body.string.contains("90 days before expiration"))
      let csv = try await county.request(.GET, "/notices/rules.csv")
      #expect(csv.status == .ok && csv.body.string.hasPrefix("id,chain,offset_days,"))

      let token = try await county.csrf(on: "/notices/rules/new")
      let form: [String: String] = [
        "id": "warning-14", "chain": "warning", "days": "14", "direction": "before", "template": "expiration-warning",
        "audience_holder": "1", "audience_payroll": "1", "channel_email": "1", "enabled": "1", "_csrf": token,
      ]
      var mixed = form
      mixed["direction"] = "after"
      let refused = try await county.request(.POST, "/notices/rules/new", form: mixed)
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.body.string.contains("id=\"chain-error\""))
      let added = try await county.request(.POST, "/notices/rules/new", form: form)
      #expect(added.status == .seeOther || added.status == .found)
      let stored = try await AlertRules(services).rule(id: "warning-14", by: .system())
      #expect(
        stored.rule.offsetDays == -14 && stored.rule.audience == [.holder, .payroll] && stored.rule.channels == [.email]
      )

      let json = try await county.request(.GET, "/api/v1/alert-rules")
      #expect(json.status == .ok && json.body.string.contains("\"id\":\"warning-14\""))

      let district = Browser(app)
      _ = try await district.signIn("district.a")
      #expect(try await district.request(.GET, "/notices/rules").status == .ok)
      #expect(try await district.request(.GET, "/notices/rules/new").status == .forbidden)

      let deleted = try await county.request(
        .POST, "/notices/rules/warning-14/delete", form: ["version": "1", "_csrf": token])
      #expect(deleted.status == .seeOther || deleted.status == .found)
      #expect(try await AlertRules(services).list(by: .system()).count == AlertRule.defaults.count)
    }
  }
}
