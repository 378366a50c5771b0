import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// The exception review stored and worked through its steps by the roles that take them (domain guide §2.2–2.3,
/// rules 70–73), on the small demo county (monitored when it loads).
@Suite("Exception review: districts propose, the county office decides, every step kept")
struct ExceptionReviewTests {
  /// The demo's first district's exceptions, as the county analyst sees them.
  func districtAExceptions(_ services: CredoServices, _ demo: DemoLoader.Result) async throws -> [ExceptionItem] {
    let county = try await demoViewer(services, "county.analyst")
    let district = try await demoViewer(services, "district.a")
    let scope = try #require(district.roles.first { $0.role == .districtCredentialAnalyst })
    let code = scope.place.district!.digits
    let list = try await ExceptionReview(services).list(
      year: services.schoolYear, filter: ExceptionFilter(cdsPrefix: code), window: .all(sort: "school"), by: county)
    return list.page.items
  }

  @Test(
    "Lists and pages are scoped: a district sees its own exceptions, another district none of them, workloads add up",
    arguments: TestBackend.available)
  func scoping(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, demo in
      let review = ExceptionReview(services)
      let year = services.schoolYear
      let county = try await demoViewer(services, "county.analyst")
      let all = try await review.list(year: year, filter: ExceptionFilter(), window: .all(sort: "school"), by: county)
      #expect(all.page.total > 0)
      #expect(all.page.items.allSatisfy { ["exception", "vacancy"].contains($0.outcome.status) })
      #expect(all.page.items.allSatisfy { $0.review.status == .undetermined && $0.review.version == 0 })
      #expect(all.workload.map(\.total).reduce(0, +) == all.page.total)

      let mine = try await districtAExceptions(services, demo)
      #expect(!mine.isEmpty && mine.count < all.page.total)
      let districtA = try await demoViewer(services, "district.a")
      let seen = try await review.list(
        year: year, filter: ExceptionFilter(), window: .all(sort: "school"), by: districtA)
      #expect(Set(seen.page.items.map(\.outcome.outcomeKey)) == Set(mine.map(\.outcome.outcomeKey)))

      // District B can neither list nor open District A's exceptions (not found, so nothing leaks).
      let districtB = try await demoViewer(services, "district.b")
      let theirs = try await review.list(
        year: year, filter: ExceptionFilter(), window: .all(sort: "school"), by: districtB)
      #expect(Set(theirs.page.items.map(\.outcome.outcomeKey)).isDisjoint(with: mine.map(\.outcome.outcomeKey)))
      await #expect(throws: CoreError.notFound("Exception")) {
        try await review.detail(year: year, outcomeKey: mine[0].outcome.outcomeKey, by: districtB)
      }
      // The county analyst is the monitoring authority, District A's analyst the LEA (§2.6).
      let key = mine[0].outcome.outcomeKey
      #expect(try await review.detail(year: year, outcomeKey: key, by: county).party == .monitoringAuthority)
      #expect(try await review.detail(year: year, outcomeKey: key, by: districtA).party == .lea)
    }
  }

  @Test(
    "Rule 71 and §2.2: propose, send, return with a reason, send again, complete with a reason when it differs, submit; the 30-day correction starts (rule 73)",
    arguments: TestBackend.available)
  func workflow(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, demo in
      let review = ExceptionReview(services)
      let year = services.schoolYear
      let county = try await demoViewer(services, "county.analyst")
      let district = try await demoViewer(services, "district.a")
      let principal = try await demoViewer(services, "principal")
      let item = try #require(try await districtAExceptions(services, demo).first)
      let key = item.outcome.outcomeKey

      let opened = try await review.detail(year: year, outcomeKey: key, by: district)
      #expect(opened.actions.contains(.propose) && opened.actions.contains(.sendToMonitoringAuthority))
      #expect(!opened.actions.contains(.complete))
      #expect(try await review.detail(year: year, outcomeKey: key, by: county).actions.contains(.complete))

      // A reader (the principal) cannot act.
      await #expect(throws: CoreError.self) {
        try await review.act(.addComment("hello"), year: year, outcomeKey: key, expectedVersion: 0, by: principal)
      }
      // "Other" needs a reason.
      await #expect(throws: CoreError.self) {
        try await review.act(.propose(.other), year: year, outcomeKey: key, expectedVersion: 0, by: district)
      }
      // The county office cannot propose for the district.
      await #expect(throws: CoreError.self) {
        try await review.act(
          .propose(.localAssignmentOption), year: year, outcomeKey: key, expectedVersion: 0, by: county)
      }

      var state = try await review.act(
        .propose(.localAssignmentOption, comment: "EC 44263 with consent on file"), year: year, outcomeKey: key,
        expectedVersion: 0, by: district)
      #expect(state.status == .undetermined && state.proposedDetermination == .localAssignmentOption)
      state = try await review.act(
        .sendToMonitoringAuthority(), year: year, outcomeKey: key, expectedVersion: 1, by: district)
      #expect(state.status == .maReview)

      // A step from a page read before someone else's step is refused, not applied over it.
      await #expect(throws: CoreError.self) {
        try await review.act(.addComment("stale"), year: year, outcomeKey: key, expectedVersion: 1, by: county)
      }
      // Returning needs a reason for the district.
      await #expect(throws: CoreError.self) {
        try await review.act(.returnToLEA(comment: ""), year: year, outcomeKey: key, expectedVersion: 2, by: county)
      }
      state = try await review.act(
        .returnToLEA(comment: "Attach the board approval"), year: year, outcomeKey: key, expectedVersion: 2,
        by: county)
      #expect(state.status == .returnedToLEA)
      state = try await review.act(
        .sendToMonitoringAuthority(comment: "Board minutes attached"), year: year, outcomeKey: key,
        expectedVersion: 3, by: district)
      #expect(state.status == .returnedToMA)

      // Deciding differently from the district needs a reason.
      await #expect(throws: CoreError.self) {
        try await review.act(.complete(.misassignment), year: year, outcomeKey: key, expectedVersion: 4, by: county)
      }
      state = try await review.act(
        .complete(.misassignment, comment: "Approval dated after census"), year: year, outcomeKey: key,
        expectedVersion: 4, by: county)
      #expect(state.status == .maCompleted && state.determination == .misassignment)

      let decided = try await review.detail(year: year, outcomeKey: key, by: county)
      #expect(decided.review.version == 5)
      #expect(decided.history.map(\.sequence) == [1, 2, 3, 4, 5])
      #expect(
        decided.history.map(\.entry.action) == [
          .propose, .sendToMonitoringAuthority, .returnToLEA, .sendToMonitoringAuthority, .complete,
        ])
      #expect(decided.history.allSatisfy { $0.entry.date == services.today.date })
      // Rule 73: a misassignment must be corrected within 30 calendar days of the determination.
      let correction = try #require(decided.deadlines.first { $0.kind == .misassignmentCorrection })
      #expect(correction.dueDate == services.today.date.adding(days: 30))
      #expect(decided.actions.contains(.submitToCTC) && decided.actions.contains(.override))
      // The district's analysts get the misassignment notice with that deadline (rule 73), once.
      let notices = try await services.database.sql.raw(
        "SELECT recipient_user_id, email_body FROM notices WHERE template_key = 'misassignment'"
      ).all(decoding: MisassignmentNoticeRow.self)
      #expect(!notices.isEmpty && notices.allSatisfy { $0.emailBody.contains(correction.dueDate.iso) })
      #expect(notices.contains { $0.recipientUserId == district.account?.id })

      state = try await review.act(.submitToCTC, year: year, outcomeKey: key, expectedVersion: 5, by: county)
      #expect(state.status == .submittedToCTC)

      // The list filters by review status and determination; the audit trail has each step.
      let submitted = try await review.list(
        year: year, filter: ExceptionFilter(reviewStatus: .submittedToCTC, determination: .misassignment),
        window: .all(sort: "school"), by: county)
      #expect(submitted.page.items.map(\.outcome.outcomeKey) == [key])
      let audit = try await AuditRepository(services.database.sql).history(
        entityType: "monitoring_exception", entityId: ExceptionReview.entityId(year, key))
      #expect(audit.count == 6)
    }
  }

  @Test(
    "Rule 73: a complaint's answer is due in 15 working days; evidence files are typed, sized and scoped",
    arguments: TestBackend.available)
  func complaintsAndEvidence(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, demo in
      let review = ExceptionReview(services)
      let year = services.schoolYear
      let district = try await demoViewer(services, "district.a")
      let key = try #require(try await districtAExceptions(services, demo).first).outcome.outcomeKey
      // 2026-09-14 is a Monday: 15 working days later is Monday 2026-10-05.
      let monday = CalendarDate(year: 2026, month: 9, day: 14)!
      try await review.recordComplaint(
        year: year, outcomeKey: key, receivedOn: monday, note: "From the teacher", expectedVersion: 0, by: district)
      let detail = try await review.detail(year: year, outcomeKey: key, by: district)
      #expect(detail.review.complaintReceivedOn == monday)
      #expect(
        detail.deadlines.first { $0.kind == .complaintResponse }?.dueDate == CalendarDate(year: 2026, month: 10, day: 5)
      )
      #expect(detail.history.last?.entry.comment.contains("2026-10-05") == true)

      let pdf = Data("%PDF-1.4 consent".utf8)
      let file = try await review.attachEvidence(
        year: year, outcomeKey: key, fileName: "consent.pdf", content: pdf, description: "Signed consent",
        by: district)
      #expect(file.contentType == "application/pdf" && file.size == pdf.count)
      let (stored, bytes) = try await review.evidenceFile(id: file.id, by: district)
      #expect(stored.fileName == "consent.pdf" && bytes == pdf)
      await #expect(throws: CoreError.self) {
        try await review.attachEvidence(
          year: year, outcomeKey: key, fileName: "run.exe", content: Data([0x4D, 0x5A]), description: "",
          by: district)
      }
      await #expect(throws: CoreError.self) {
        try await review.attachEvidence(
          year: year, outcomeKey: key, fileName: "huge.pdf",
          content: Data(count: ExceptionReview.maxEvidenceBytes + 1), description: "", by: district)
      }
      // Another district cannot download it.
      let other = try await demoViewer(services, "district.b")
      await #expect(throws: CoreError.notFound("Exception")) {
        try await review.evidenceFile(id: file.id, by: other)
      }
      #expect(try await review.detail(year: year, outcomeKey: key, by: district).evidence.map(\.id) == [file.id])
    }
  }

  @Test(
    "Rule 72: closing the cycle finalizes decided exceptions as decided and makes undetermined ones misassignments",
    arguments: TestBackend.available)
  func closingTheCycle(_ backend: TestBackend) async throws {
    try await withDemoDatabase(backend) { services, demo in
      let review = ExceptionReview(services)
      let year = services.schoolYear
      let county = try await demoViewer(services, "county.analyst")
      let today = services.today.date
      let items = try await districtAExceptions(services, demo)
      let decidedKey = items[0].outcome.outcomeKey
      try await review.act(
        .complete(.appropriateAssignment, comment: "Verified on site"), year: year, outcomeKey: decidedKey,
        expectedVersion: 0, by: county)

      // Not before the finalization date.
      await #expect(throws: CoreError.self) { try await review.closeCycle(year: year, by: county) }
      // A district analyst may not move the cycle's dates.
      await #expect(throws: CoreError.self) {
        try await review.setCycle(
          year: year, monitoringStart: today.adding(days: -100), leaWindowDays: 30, authorityWindowDays: 60,
          finalization: today.adding(days: -1), by: try await demoViewer(services, "district.a"))
      }
      try await review.setCycle(
        year: year, monitoringStart: today.adding(days: -100), leaWindowDays: 30, authorityWindowDays: 60,
        finalization: today.adding(days: -1), by: county)

      let listed = try await review.list(
        year: year, filter: ExceptionFilter(), window: .all(sort: "school"), by: county
      ).page
      let total = listed.total
      let undeterminedDistricts = Set(
        listed.items.filter { $0.outcome.outcomeKey != decidedKey }.map(\.outcome.reportingLea))
      let closed = try await review.closeCycle(year: year, by: county)
      #expect(closed.finalized == total)
      #expect(closed.misassignments == total - 1)

      // Rule 72/73: one notice per district lists its new misassignments, with 30 days to correct them.
      #expect(closed.notices == undeterminedDistricts.count)
      let closeNotices = try await services.database.sql.raw(
        "SELECT recipient_user_id, email_body FROM notices WHERE template_key = 'cycle-misassignments'"
      ).all(decoding: MisassignmentNoticeRow.self)
      let correctBy = CorrectionDeadlines.misassignmentCorrection(identifiedOn: today).dueDate.iso
      #expect(!closeNotices.isEmpty)
      #expect(closeNotices.allSatisfy { $0.emailBody.contains(correctBy) && $0.emailBody.contains("- SEID ") })
      let districtA = try await demoViewer(services, "district.a")
      #expect(closeNotices.contains { $0.recipientUserId == districtA.account?.id })
      let requestKeys = try await services.database.sql.raw(
        "SELECT DISTINCT request_key FROM notices WHERE template_key = 'cycle-misassignments'"
      ).all().count
      #expect(requestKeys == undeterminedDistricts.count)

      let decided = try await review.detail(year: year, outcomeKey: decidedKey, by: county)
      #expect(decided.state.status == .finalized && decided.state.determination == .appropriateAssignment)
      let other = try await review.detail(year: year, outcomeKey: items[1].outcome.outcomeKey, by: county)
      #expect(other.state.status == .finalized && other.state.determination == .misassignment)
      #expect(other.history.last?.entry.action == .cycleClose)
      #expect(other.actions == [.addComment])
      #expect(try await review.cycle(year: year).closedOn == today)
      // Closing again finds nothing left to finalize.
      let again = try await review.closeCycle(year: year, by: county)
      #expect(again.finalized == 0 && again.notices == 0)
    }
  }
}

struct MisassignmentNoticeRow: Decodable {
  var recipientUserId: UUID?
  var emailBody: String
  enum CodingKeys: String, CodingKey {
    case recipientUserId = "recipient_user_id"
    case emailBody = "email_body"
  }
}
