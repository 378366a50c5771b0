import CredoDomain
import CredoStore
import Foundation

/// When a failed delivery is tried again: exponential back-off from `base` (5 minutes: 5, 10, 20, 40 minutes …),
/// capped at `maximum` (a day), and given up after `maxAttempts` (8, about two days of trying).
public struct RetryPolicy: Sendable, Hashable {
  public var base: TimeInterval
  public var maximum: TimeInterval
  public var maxAttempts: Int

  public init(base: TimeInterval = 300, maximum: TimeInterval = 86_400, maxAttempts: Int = 8) {
    self.base = base
    self.maximum = maximum
    self.maxAttempts = maxAttempts
  }

  /// The wait after the `attempts`-th failed attempt, or nil to give up.
  public func delay(afterAttempts attempts: Int) -> TimeInterval? {
    guard attempts < maxAttempts else { return nil }
    return min(maximum, base * pow(2, Double(max(0, attempts - 1))))
  }
}

/// What one delivery pass did.
public struct DeliveryReport: Sendable, Hashable {
  public var sent = 0
  /// Failed this time, queued again for later.
  public var retrying = 0
  /// Given up (a permanent refusal, or too many attempts).
  public var failed = 0
  /// Not attempted: no mail transport is configured (they wait in the outbox).
  public var waiting = 0
  public var errors: [String] = []

  public init() {}
}

/// Sends the outbox's due messages through a transport, one claimed message at a time.
public struct MailDelivery: Sendable {
  let services: CredoServices
  let transport: (any MailTransport)?
  let from: MailAddress
  let retry: RetryPolicy

  public init(
    _ services: CredoServices, settings: MailSettings?, retry: RetryPolicy = RetryPolicy()
  ) {
    self.init(
      services, transport: settings?.makeTransport(),
      from: settings?.from ?? MailAddress(address: "credo@localhost"), retry: retry)
  }

  public init(
    _ services: CredoServices, transport: (any MailTransport)?, from: MailAddress, retry: RetryPolicy = RetryPolicy()
  ) {
    self.services = services
    self.transport = transport
    self.from = from
    self.retry = retry
  }

  /// Delivers every message due now (at most `limit`). Without a transport nothing is sent: the messages stay
  /// queued (and the notices are in the recipients' in-app lists and the correspondence) until mail is configured.
  public func deliverDue(limit: Int = 10_000) async throws -> DeliveryReport {
    var report = DeliveryReport()
    let repository = NoticeRepository(services.database.sql)
    guard let transport else {
      // Counted, not read: at state size the outbox can hold tens of thousands of waiting messages.
      report.waiting = try await repository.dueCount(at: services.now)
      if report.waiting > 0 {
        services.logger.notice(
          "No mail transport configured (CREDO_SMTP_URL or CREDO_MAIL_TRANSPORT); messages wait in the outbox",
          metadata: ["queued": "\(report.waiting)"])
      }
      return report
    }
    let due = try await repository.dueMessages(at: services.now, limit: limit)
    for message in due {
      let now = services.now
      guard try await repository.claim(message.id, at: now, until: now.addingTimeInterval(600)) else { continue }
      let attempts = message.attempts + 1
      let mail = mailMessage(for: message)
      let failure: MailDeliveryError?
      do {
        try await transport.send(mail)
        failure = nil
      } catch {
        failure = error
      }
      guard let error = failure else {
        try await repository.markSent(message.id, messageId: mail.messageId, attempts: attempts, at: services.now)
        report.sent += 1
        continue
      }
      let retryAt = error.isPermanent ? nil : retry.delay(afterAttempts: attempts).map { now.addingTimeInterval($0) }
      try await repository.markFailed(message.id, error: error.description, attempts: attempts, retryAt: retryAt)
      if retryAt == nil { report.failed += 1 } else { report.retrying += 1 }
      report.errors.append("\(message.toAddress): \(error.description)")
      services.logger.warning(
        "Mail delivery failed",
        metadata: [
          "to": "\(message.toAddress)", "attempt": "\(attempts)", "error": "\(error.description)",
          "retry": "\(retryAt.map { "\($0)" } ?? "no")",
        ])
    }
    return report
  }

  func mailMessage(for message: OutboxMessage) -> MailMessage {
    var mail = MailMessage(
      from: from, to: MailAddress(name: message.notice.recipientName, address: message.toAddress),
      subject: message.notice.subject, body: message.notice.emailBody, messageId: MailMessage.newMessageId(from: from),
      date: services.now)
    mail.headers = [("X-Credo-Notice", message.notice.id.uuidString.lowercased())]
    return mail
  }
}
