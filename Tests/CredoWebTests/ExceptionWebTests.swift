import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Exception review pages and API")
struct ExceptionWebTests {
  @Test(
    "The list filters and exports; a page shows the finding and the steps; a stale step answers 409; forms re-show errors",
    arguments: TestBackend.available)
  func pages(_ backend: TestBackend) async throws {
    try await withDemoApp(backend) { app, services in
      let browser = Browser(app)
      _ = try await browser.signIn("district.a")
      let list = try await browser.request(.GET, "/monitoring/exceptions")
      #expect(list.status == .ok)
      let body = list.body.string
      #expect(body.contains("id=\"exceptions\"") && body.contains("id=\"workload\""))
      let link = try #require(body.firstMatch(of: /class="exception-link" href="([^"]+)"/).map { String($0.1) })

      let csv = try await browser.request(.GET, "/monitoring/exceptions?type=course&format=csv")
      #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      let lines = csv.body.string.split(separator: "\r\n")
      #expect(lines.first?.hasPrefix("academic_year,cds_code,school,seid,teacher") == true)
      #expect(lines.dropFirst().allSatisfy { $0.contains(",course,") })

      let page = try await browser.request(.GET, link)
      #expect(page.status == .ok)
      #expect(page.body.string.contains("id=\"review-status\">Undetermined"))
      #expect(page.body.string.contains("id=\"step-propose\""))
      #expect(!page.body.string.contains("id=\"step-complete\""))

      // "Other" without a comment: the page comes back with the reason, nothing stored.
      let token = try await browser.csrf(on: link)
      let refused = try await browser.request(
        .POST, link + "/steps",
        form: ["action": "propose", "determination": "other", "comment": "", "version": "0", "_csrf": token])
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.body.string.contains("id=\"step-error\""))

      let saved = try await browser.request(
        .POST, link + "/steps",
        form: [
          "action": "propose", "determination": "calpads_error", "comment": "Wrong SEID", "version": "0",
          "_csrf": token,
        ])
      #expect(saved.status == .seeOther || saved.status == .found)

      // The JSON API: the same exception, and a step from a stale version is refused with 409.
      let parts = link.split(separator: "/")
      let api = "/api/v1/monitoring/exceptions/\(parts[2])/\(parts[3])"
      let shown = try await browser.request(.GET, api)
      #expect(shown.status == .ok)
      #expect(shown.body.string.contains("\"proposed_determination\":\"calpads_error\""))
      var headers = HTTPHeaders()
      headers.contentType = .json
      headers.replaceOrAdd(name: "X-CSRF-Token", value: token)
      let stale = try await app.testing().sendRequest(
        .POST, api + "/steps",
        headers: headers.merging(["Cookie": browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]),
        body: ByteBuffer(string: #"{"action":"send_to_monitoring_authority","version":0}"#))
      #expect(stale.status == .conflict)

      // The county office's cycle page; a district analyst sees no form to change it.
      let cycle = try await browser.request(.GET, "/monitoring/cycle")
      #expect(cycle.status == .ok && !cycle.body.string.contains("id=\"form-cycle\""))
    }
  }
}

extension HTTPHeaders {
  fileprivate func merging(_ more: [String: String]) -> HTTPHeaders {
    var copy = self
    for (name, value) in more { copy.replaceOrAdd(name: name, value: value) }
    return copy
  }
}
