import CredoDomain
import CredoStore
import Foundation

/// What `credo notify run` did.
public struct NotifyRunReport: Sendable, Hashable {
  public var day: CalendarDate
  public var educatorsChecked = 0
  /// Requests the alert chain found due today (before deduplication).
  public var due = 0
  public var enqueue = NoticeEnqueueResult()
  public var delivery = DeliveryReport()
  public var seconds: Double = 0

  public var summary: String {
    "\(day.iso): \(educatorsChecked) educators with documents in the alert window; \(due) notices due, \(enqueue.requestsAnswered) new (\(enqueue.notices) recipients, \(enqueue.mailQueued) e-mails queued), \(enqueue.requestsAlreadyAnswered) already sent; delivered \(delivery.sent), retrying \(delivery.retrying), failed \(delivery.failed), waiting for mail settings \(delivery.waiting)"
      + (enqueue.unreached.isEmpty ? "" : "; \(enqueue.unreached.count) audiences with nobody on file")
      + String(format: " (%.1f s)", seconds)
  }
}

/// The daily job (`credo notify run`, and `credo serve`'s scheduler): works out the alert chain's notices due
/// today, answers them through the outbox (each once), then delivers the e-mails that are due. Safe to run as often
/// as wanted, and by two processes at once.
public struct NotifyRun: Sendable {
  let services: CredoServices
  /// Nil: the stored rules (`AlertRules.active`), read when the run starts.
  let rules: [AlertRule]?
  /// How far back after-expiration steps look: a document that lapsed longer ago than this is left to the
  /// monitoring reports (on a first run over years of records, Credo does not send years-old alerts).
  public static let lookbackDays = 365

  public init(_ services: CredoServices, rules: [AlertRule]? = nil) {
    self.services = services
    self.rules = rules
  }

  /// The notices the alert chain finds due today (nothing is written).
  public func dueToday() async throws -> (requests: [NoticeRequest], educators: Int) {
    let today = services.today.date
    var rules = self.rules ?? []
    if self.rules == nil { rules = try await AlertRules(services).active() }
    guard !rules.isEmpty else { return ([], 0) }
    let earliestOffset = rules.map(\.offsetDays).min() ?? 0
    let from = today.adding(days: -Self.lookbackDays)
    let through = today.adding(days: max(0, -earliestOffset))
    let repository = NoticeRepository(services.database.sql)
    let ids = try await repository.educatorsWithExpirations(from: from, through: through)
    guard !ids.isEmpty else { return ([], 0) }
    let catalog = try await Catalog(services).current()
    let meaning: (String) -> String? = { catalog.renewalCode($0)?.description }
    var requests: [NoticeRequest] = []
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + 1_000)])
      start += 1_000
      let documents = try await CredentialRepository(services.database.sql).current(educatorIds: chunk)
      let assigned = try await repository.assigned(chunk, on: today)
      let educators = try await EducatorRepository(services.database.sql).summaries(ids: chunk)
      let subjects = educators.map { summary in
        AlertSubject(
          educatorId: summary.educator.id, firstName: summary.educator.firstName, lastName: summary.educator.lastName,
          documents: documents[summary.educator.id] ?? [], assigned: assigned.contains(summary.educator.id))
      }
      requests += ExpirationAlerts.due(for: subjects, rules: rules, on: today, renewalMeaning: meaning)
    }
    return (requests, ids.count)
  }

  /// Computes, queues and delivers. `deliver: false` only queues (e.g. to look before sending).
  public func run(
    mail: MailSettings?, deliver: Bool = true, retry: RetryPolicy = RetryPolicy()
  ) async throws
    -> NotifyRunReport
  {
    let started = Date()
    var report = NotifyRunReport(day: services.today.date)
    let (requests, educators) = try await dueToday()
    report.educatorsChecked = educators
    report.due = requests.count
    report.enqueue = try await NoticeOutbox(services).enqueue(requests, by: .system(channel: "notify"))
    if deliver {
      report.delivery = try await MailDelivery(services, settings: mail, retry: retry).deliverDue()
    }
    report.seconds = Date().timeIntervalSince(started)
    services.logger.info("Notify run", metadata: ["summary": "\(report.summary)"])
    return report
  }
}

/// A notice as the signed-in user's list and the correspondence section show it.
public struct NoticeItem: Sendable, Hashable {
  public var notice: StoredNotice
  /// The e-mail's outbox state; nil when it was not e-mailed (in-app only, or no address on file).
  public var delivery: OutboxMessage?
}

/// Outbox counts and failed deliveries, for the dashboard.
public struct NoticeSummary: Sendable, Hashable {
  public var queued: Int
  public var sent: Int
  public var failed: Int
  public var retrying: [OutboxMessage]
  public var notices: Int
}

/// The in-app side of notices: a user's list with unread counts, marking read, an educator's correspondence, one
/// notice's letter, the outbox summary.
public struct NoticeInbox: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  public func received(
    unreadOnly: Bool, page: Int, perPage: Int = 50, by viewer: Viewer
  ) async throws -> Page<
    NoticeItem
  > {
    guard let account = viewer.account else { throw CoreError.forbidden("notices (sign in)") }
    let repository = NoticeRepository(services.database.sql)
    let notices = try await repository.received(
      userId: account.id, unreadOnly: unreadOnly, page: page, perPage: perPage)
    let deliveries = try await repository.deliveries(noticeIds: notices.items.map(\.id))
    return notices.map { NoticeItem(notice: $0, delivery: deliveries[$0.id]) }
  }

  public func unreadCount(by viewer: Viewer) async throws -> Int {
    guard let account = viewer.account else { return 0 }
    return try await NoticeRepository(services.database.sql).unreadCount(userId: account.id)
  }

  public func markRead(noticeId: UUID?, by viewer: Viewer) async throws {
    guard let account = viewer.account else { throw CoreError.forbidden("notices (sign in)") }
    try await NoticeRepository(services.database.sql).markRead(userId: account.id, noticeId: noticeId, at: services.now)
  }

  /// Every notice about an educator the viewer may read.
  public func correspondence(educatorId: UUID, by viewer: Viewer) async throws -> [NoticeItem] {
    let scope = try viewer.require(.viewRecords, "reading an educator's correspondence")
    guard try await EducatorRepository(services.database.sql).isVisible(educatorId: educatorId, scope: scope) else {
      throw CoreError.notFound("Educator")
    }
    let repository = NoticeRepository(services.database.sql)
    let notices = try await repository.correspondence(educatorId: educatorId)
    let deliveries = try await repository.deliveries(noticeIds: notices.map(\.id))
    return notices.map { NoticeItem(notice: $0, delivery: deliveries[$0.id]) }
  }

  /// One notice: its recipient reads it (and it is marked read); others need the educator (or organization) in
  /// their scope.
  public func notice(id: UUID, by viewer: Viewer) async throws -> NoticeItem {
    let repository = NoticeRepository(services.database.sql)
    guard let notice = try await repository.notice(id: id) else { throw CoreError.notFound("Notice") }
    if let account = viewer.account, notice.recipientUserId == account.id {
      if notice.readAt == nil { try await repository.markRead(userId: account.id, noticeId: id, at: services.now) }
    } else {
      let scope = try viewer.require(.viewRecords, "reading notices")
      if let educatorId = notice.educatorId {
        guard try await EducatorRepository(services.database.sql).isVisible(educatorId: educatorId, scope: scope)
        else { throw CoreError.notFound("Notice") }
      } else if let organizationId = notice.organizationId {
        guard let organization = try await OrganizationRepository(services.database.sql).find(id: organizationId),
          scope.covers(organization.place)
        else { throw CoreError.notFound("Notice") }
      } else if !viewer.isSystem {
        throw CoreError.notFound("Notice")
      }
    }
    return NoticeItem(notice: notice, delivery: try await repository.deliveries(noticeIds: [id])[id])
  }

  /// The outbox's counts and the latest troubled deliveries (for analysts and administrators on the dashboard).
  public func summary(by viewer: Viewer) async throws -> NoticeSummary {
    guard NoticeTemplates.mayEdit(viewer) else { throw CoreError.forbidden("the notice outbox summary") }
    let repository = NoticeRepository(services.database.sql)
    let counts = try await repository.outboxCounts()
    return NoticeSummary(
      queued: (counts[.queued] ?? 0) + (counts[.sending] ?? 0), sent: counts[.sent] ?? 0, failed: counts[.failed] ?? 0,
      retrying: try await repository.troubledMessages(limit: 20), notices: try await repository.noticeCount())
  }

  /// How many e-mails failed to deliver, for the dashboard: one range of the outbox's status index, where the
  /// summary above counts every message ever sent.
  public func failedDeliveries(by viewer: Viewer) async throws -> Int {
    guard NoticeTemplates.mayEdit(viewer) else { throw CoreError.forbidden("the notice outbox summary") }
    return try await NoticeRepository(services.database.sql).outboxCount(status: .failed)
  }

  /// Queues the failed messages again (after mail settings were fixed); system administrators.
  public func retryFailed(by viewer: Viewer) async throws -> Int {
    guard viewer.isSystem || viewer.roles.contains(where: { $0.role == .systemAdministrator }) else {
      throw CoreError.forbidden("retrying failed deliveries (system administrators)")
    }
    return try await NoticeRepository(services.database.sql).requeueFailed(at: services.now)
  }
}

/// `credo serve`'s own timer for the daily jobs (`CREDO_NOTIFY_AT` or `CREDO_NOTIFY_EVERY`; off by default). It runs
/// what the cron lines of the README run: the pay periods paid within the warning window (`credo pay run --due`,
/// which queues the pay-hold warnings), then the notice job (`credo notify run`, which queues the alert chain's
/// notices and delivers the outbox, the pay-hold warnings included). A job that fails is logged and tried again at the
/// next time; a pay failure does not stop the notices.
public struct NotifyScheduler: Sendable {
  let services: CredoServices
  let schedule: NotifySchedule
  let mail: MailSettings?

  public init(_ services: CredoServices, schedule: NotifySchedule, mail: MailSettings?) {
    self.services = services
    self.schedule = schedule
    self.mail = mail
  }

  /// Runs until the task is cancelled.
  public func run() async {
    while !Task.isCancelled {
      let delay = schedule.delay(from: services.now)
      services.logger.info("Next notice run", metadata: ["in_seconds": "\(Int(delay))"])
      do { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) } catch { return }
      do { _ = try await PayRelease(services).evaluateDue(by: .system(channel: "scheduler")) } catch {
        services.logger.error("Pay run failed", metadata: ["error": "\(error)"])
      }
      do { _ = try await NotifyRun(services).run(mail: mail) } catch {
        services.logger.error("Notice run failed", metadata: ["error": "\(error)"])
      }
    }
  }
}
