import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Pay release and CTC action pages and API")
struct PayAndCTCWebTests {
  @Test(
    "/pay shows the next payday's holds with reasons and exports them; a principal sees none; the API lists the same",
    arguments: TestBackend.available)
  func pay(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let payroll = Browser(app)
      _ = try await payroll.signIn("payroll")
      let page = try await payroll.request(.GET, "/pay")
      #expect(page.status == .ok)
      let body = page.body.string
      #expect(body.contains("id=\"pay-holds\"") && body.contains("EC 45037") && body.contains("id=\"chart-pay-holds\""))
      let csv = try await payroll.request(.GET, "/pay?format=csv")
      #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      let lines = csv.body.string.split(separator: "\r\n")
      #expect(lines.first == Substring(PayRelease.csvHeader.joined(separator: ",")))
      #expect(lines.count > 1)
      let api = try await payroll.request(.GET, "/api/v1/pay/holds")
      #expect(api.status == .ok)
      struct Holds: Decodable {
        var total: Int
      }
      #expect(try JSONDecoder().decode(Holds.self, from: Data(api.body.string.utf8)).total == lines.count - 1)

      let principal = Browser(app)
      _ = try await principal.signIn("principal")
      let none = try await principal.request(.GET, "/api/v1/pay/holds")
      #expect(try JSONDecoder().decode(Holds.self, from: Data(none.body.string.utf8)).total == 0)

      // Evaluating a period is a CSRF-protected form.
      let period = try #require(body.firstMatch(of: /action="(\/pay\/periods\/[^"]+\/run)"/).map { String($0.1) })
      let forged = try await payroll.request(.POST, period, form: ["_csrf": "forged"])
      #expect(forged.status == .forbidden)
      let token = try await payroll.csrf(on: "/pay")
      let run = try await payroll.request(.POST, period, form: ["_csrf": token])
      #expect(run.status == .seeOther || run.status == .found)
    }
  }

  @Test(
    "/ctc-actions lists rows by state; an analyst confirms a candidate with a CSRF form; the educator page shows it",
    arguments: TestBackend.available)
  func ctc(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let analyst = Browser(app)
      _ = try await analyst.signIn("district.a")
      let list = try await analyst.request(.GET, "/ctc-actions?state=candidates")
      #expect(list.status == .ok)
      let link = try #require(
        list.body.string.firstMatch(of: /href="(\/ctc-actions\/[0-9a-f-]{36})"/).map { String($0.1) })
      let page = try await analyst.request(.GET, link)
      let educator = try #require(
        page.body.string.firstMatch(of: /name="educator_id" value="([0-9a-f-]{36})"/).map { String($0.1) })
      let principal = Browser(app)
      _ = try await principal.signIn("principal")
      let principalToken = try await principal.csrf(on: link)
      let refused = try await principal.request(
        .POST, link + "/confirm", form: ["educator_id": educator, "_csrf": principalToken])
      #expect(refused.status == .forbidden)
      let token = try await analyst.csrf(on: link)
      let confirmed = try await analyst.request(
        .POST, link + "/confirm", form: ["educator_id": educator, "_csrf": token])
      #expect(confirmed.status == .seeOther || confirmed.status == .found)
      let after = try await analyst.request(.GET, link)
      #expect(after.body.string.contains("id=\"ctc-state\">Matched and applied"))
      let record = try await analyst.request(.GET, "/educators/\(educator)")
      #expect(record.body.string.contains("id=\"ctc-actions\""))
      let csv = try await analyst.request(.GET, "/ctc-actions?format=csv")
      #expect(csv.body.string.hasPrefix(CTCActions.csvHeader.joined(separator: ",")))
      let api = try await analyst.request(.GET, "/api/v1/ctc-actions?state=applied")
      #expect(api.status == .ok && api.body.string.contains("\"state\":\"applied\""))
    }
  }
}
