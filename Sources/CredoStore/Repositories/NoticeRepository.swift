import CredoDomain
import Foundation
import SQLKit

/// A notice template as stored: Mustache text for the subject, the e-mail body and the print-ready letter.
public struct NoticeTemplateRecord: Sendable, Hashable, Codable {
  public var templateKey: String
  public var name: String
  public var description: String
  public var subject: String
  public var emailBody: String
  public var letterBody: String
  /// Optimistic-concurrency version: 1 for the shipped default, +1 per save.
  public var version: Int
  public var updatedBy: String
  public var updatedAt: Date

  public init(
    templateKey: String, name: String, description: String, subject: String, emailBody: String, letterBody: String,
    version: Int = 1, updatedBy: String = "credo", updatedAt: Date
  ) {
    self.templateKey = templateKey
    self.name = name
    self.description = description
    self.subject = subject
    self.emailBody = emailBody
    self.letterBody = letterBody
    self.version = version
    self.updatedBy = updatedBy
    self.updatedAt = updatedAt
  }
}

/// One notice to one recipient: a row of the educator's correspondence and of the recipient's notice list.
public struct StoredNotice: Sendable, Hashable, Codable, Identifiable {
  public var id: UUID
  /// `template|educator or organization|trigger|recipient`: unique, so the same notice is never made twice.
  public var dedupeKey: String
  /// `template|educator or organization|trigger`: the request this notice answered (one request, many recipients).
  public var requestKey: String
  public var templateKey: String
  public var educatorId: UUID?
  public var organizationId: UUID?
  public var trigger: String
  /// The audience the recipient was reached through (`holder`, `site_administrators`, …).
  public var audience: String
  /// `user:<id>`, `educator:<id>` or `email:<address>`.
  public var recipientKey: String
  public var recipientUserId: UUID?
  public var recipientName: String
  /// Empty when the recipient has no e-mail address on file (in-app only).
  public var recipientEmail: String
  public var subject: String
  public var emailBody: String
  public var letterBody: String
  public var dueOn: String
  public var createdBy: String
  public var createdAt: Date
  public var readAt: Date?

  public init(
    id: UUID, dedupeKey: String, requestKey: String, templateKey: String, educatorId: UUID?, organizationId: UUID?,
    trigger: String,
    audience: String, recipientKey: String, recipientUserId: UUID?, recipientName: String, recipientEmail: String,
    subject: String, emailBody: String, letterBody: String, dueOn: String, createdBy: String, createdAt: Date,
    readAt: Date? = nil
  ) {
    self.id = id
    self.dedupeKey = dedupeKey
    self.requestKey = requestKey
    self.templateKey = templateKey
    self.educatorId = educatorId
    self.organizationId = organizationId
    self.trigger = trigger
    self.audience = audience
    self.recipientKey = recipientKey
    self.recipientUserId = recipientUserId
    self.recipientName = recipientName
    self.recipientEmail = recipientEmail
    self.subject = subject
    self.emailBody = emailBody
    self.letterBody = letterBody
    self.dueOn = dueOn
    self.createdBy = createdBy
    self.createdAt = createdAt
    self.readAt = readAt
  }
}

/// Where a queued e-mail stands.
public enum OutboxStatus: String, Sendable, Codable, CaseIterable, Hashable {
  case queued, sending, sent, failed
}

/// One e-mail in the outbox, with the notice it carries.
public struct OutboxMessage: Sendable, Hashable {
  public var id: UUID
  public var notice: StoredNotice
  public var toAddress: String
  public var status: OutboxStatus
  public var attempts: Int
  public var nextAttemptAt: Date
  public var lastError: String?
  public var messageId: String?
  public var deliveredAt: Date?
}

/// A user reached through a role at an organization.
public struct RoleRecipient: Sendable, Hashable {
  public var userId: UUID
  public var name: String
  public var email: String
}

/// The notice tables (migration 007): templates, notices (correspondence, in-app list) and the mail outbox.
public struct NoticeRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  // MARK: Templates

  public func templates() async throws -> [NoticeTemplateRecord] {
    try await db.select().column("*").from("notice_templates").orderBy("template_key")
      .all(decoding: NoticeTemplateRecord.self, with: Coding.decoder)
  }

  public func template(key: String) async throws -> NoticeTemplateRecord? {
    try await db.select().column("*").from("notice_templates").where("template_key", .equal, key)
      .first(decoding: NoticeTemplateRecord.self, with: Coding.decoder)
  }

  /// Writes the templates whose keys are not stored yet (the shipped defaults, on first use); edited ones stay.
  public func insertMissing(_ templates: [NoticeTemplateRecord]) async throws {
    guard !templates.isEmpty else { return }
    let stored = Set(
      try await db.select().column("template_key").from("notice_templates")
        .all(decodingColumn: "template_key", as: String.self))
    let missing = templates.filter { !stored.contains($0.templateKey) }
    guard !missing.isEmpty else { return }
    try await db.insert(into: "notice_templates").models(missing, with: Coding.encoder).ignoringConflicts().run()
  }

  /// Stores an edited template when the stored version is still `expectedVersion`; false when someone saved
  /// meanwhile.
  public func save(_ template: NoticeTemplateRecord, expectedVersion: Int) async throws -> Bool {
    try await db.update("notice_templates")
      .set("name", to: template.name).set("description", to: template.description)
      .set("subject", to: template.subject).set("email_body", to: template.emailBody)
      .set("letter_body", to: template.letterBody).set("version", to: expectedVersion + 1)
      .set("updated_by", to: template.updatedBy).set("updated_at", to: template.updatedAt)
      .where("template_key", .equal, template.templateKey).where("version", .equal, expectedVersion)
      .run()
    return try await self.template(key: template.templateKey)?.version == expectedVersion + 1
  }

  // MARK: Recipients

  /// The employing districts and schools of an educator on `date` (employments that cover it).
  public func places(
    educatorId: UUID, on date: CalendarDate
  ) async throws -> [(districtId: UUID, schoolId: UUID?, countyCode: String)] {
    struct Row: Decodable {
      var districtId: UUID
      var schoolId: UUID?
      var countyCode: String
    }
    return try await db.raw(
      """
      SELECT district_id, school_id, county_code FROM employments WHERE educator_id = \(bind: educatorId)
      AND start_date <= \(bind: date.iso) AND (end_date IS NULL OR end_date >= \(bind: date.iso))
      """
    ).all(decoding: Row.self, with: Coding.decoder).map { ($0.districtId, $0.schoolId, $0.countyCode) }
  }

  /// `places(educatorId:on:)` for many educators at once (1,000 per query): a run over the state answers tens of
  /// thousands of requests, and one query per educator was most of a second run's time.
  public func places(
    educatorIds: [UUID], on date: CalendarDate
  ) async throws -> [UUID: [(districtId: UUID, schoolId: UUID?, countyCode: String)]] {
    struct Row: Decodable {
      var educatorId: UUID
      var districtId: UUID
      var schoolId: UUID?
      var countyCode: String
    }
    var result: [UUID: [(districtId: UUID, schoolId: UUID?, countyCode: String)]] = [:]
    for id in educatorIds { result[id] = [] }
    for chunk in Array(Set(educatorIds)).chunked(into: 1_000) {
      let rows = try await db.raw(
        """
        SELECT educator_id, district_id, school_id, county_code FROM employments WHERE educator_id IN (\(binds: chunk))
        AND start_date <= \(bind: date.iso) AND (end_date IS NULL OR end_date >= \(bind: date.iso))
        """
      ).all(decoding: Row.self, with: Coding.decoder)
      for row in rows { result[row.educatorId, default: []].append((row.districtId, row.schoolId, row.countyCode)) }
    }
    return result
  }

  /// Active users holding `role` at one of `organizationIds`, or at any organization of `countyCodes` (county
  /// offices: county analysts and county payroll).
  public func users(
    role: Role, organizationIds: [UUID], countyCodes: [String] = []
  ) async throws -> [RoleRecipient] {
    guard !organizationIds.isEmpty || !countyCodes.isEmpty else { return [] }
    var places: [SQLQueryString] = []
    if !organizationIds.isEmpty { places.append("r.organization_id IN (\(binds: organizationIds))") }
    if !countyCodes.isEmpty {
      places.append("(o.kind = \(bind: OrganizationKind.county.rawValue) AND o.county_code IN (\(binds: countyCodes)))")
    }
    struct Row: Decodable {
      var id: UUID
      var displayName: String
      var email: String
    }
    let rows = try await db.raw(
      "SELECT DISTINCT u.id, u.display_name, u.email FROM role_assignments r JOIN users u ON u.id = r.user_id JOIN organizations o ON o.id = r.organization_id WHERE r.role = \(bind: role.rawValue) AND u.is_active = \(bind: true) AND ("
        + places.joined(separator: " OR ") + ") ORDER BY u.display_name"
    ).all(decoding: Row.self, with: Coding.decoder)
    return rows.map { RoleRecipient(userId: $0.id, name: $0.displayName, email: $0.email) }
  }

  /// Educators with a current, expiring document whose expiration date falls in [from, through].
  public func educatorsWithExpirations(from: CalendarDate, through: CalendarDate) async throws -> [UUID] {
    try await db.raw(
      """
      SELECT DISTINCT educator_id FROM credential_documents WHERE is_current = \(bind: true)
      AND expiration_date >= \(bind: from.iso) AND expiration_date <= \(bind: through.iso)
      AND status IN (\(binds: ["active", "expired"]))
      """
    ).all(decodingColumn: "educator_id", as: UUID.self)
  }

  /// Of `ids`, the educators with an employment covering `date`.
  public func assigned(_ ids: [UUID], on date: CalendarDate) async throws -> Set<UUID> {
    var result: Set<UUID> = []
    for chunk in ids.chunked(into: 1_000) {
      result.formUnion(
        try await db.raw(
          """
          SELECT DISTINCT educator_id FROM employments WHERE educator_id IN (\(binds: chunk))
          AND start_date <= \(bind: date.iso) AND (end_date IS NULL OR end_date >= \(bind: date.iso))
          """
        ).all(decodingColumn: "educator_id", as: UUID.self))
    }
    return result
  }

  // MARK: Notices

  /// Of `keys`, the request keys some notice already answered.
  public func answeredRequests(_ keys: [String]) async throws -> Set<String> {
    try await present(keys, in: "request_key")
  }

  /// Of `keys`, those already used by a notice.
  public func existingKeys(_ keys: [String]) async throws -> Set<String> {
    try await present(keys, in: "dedupe_key")
  }

  /// Of `keys`, those found in the `notices` column `column` (1,000 per query).
  private func present(_ keys: [String], in column: String) async throws -> Set<String> {
    var result: Set<String> = []
    for chunk in keys.chunked(into: 1_000) {
      result.formUnion(
        try await db.raw(
          "SELECT DISTINCT \(ident: column) FROM notices WHERE \(ident: column) IN (\(binds: chunk))"
        ).all(decodingColumn: column, as: String.self))
    }
    return result
  }

  /// Inserts a notice unless its dedupe key is taken (by an earlier or a concurrent run) and, when it was inserted
  /// and has an address, its outbox message. Returns whether this call made the notice.
  public func insert(_ notice: StoredNotice, queueMailAt: Date?) async throws -> Bool {
    try await db.insert(into: "notices").model(notice, with: Coding.encoder).ignoringConflicts().run()
    let owner = try await db.select().column("id").from("notices").where("dedupe_key", .equal, notice.dedupeKey)
      .first(decodingColumn: "id", as: UUID.self)
    guard owner == notice.id else { return false }
    if let queueMailAt, !notice.recipientEmail.isEmpty {
      try await db.raw(
        """
        INSERT INTO mail_outbox (id, notice_id, to_address, status, attempts, next_attempt_at, created_at)
        VALUES (\(bind: UUID()), \(bind: notice.id), \(bind: notice.recipientEmail), \(bind: OutboxStatus.queued.rawValue), 0, \(bind: queueMailAt), \(bind: queueMailAt))
        """
      ).run()
    }
    return true
  }

  public func notice(id: UUID) async throws -> StoredNotice? {
    try await db.select().column("*").from("notices").where("id", .equal, id)
      .first(decoding: StoredNotice.self, with: Coding.decoder)
  }

  /// Every notice about an educator (their correspondence history), newest first.
  public func correspondence(educatorId: UUID) async throws -> [StoredNotice] {
    try await db.select().column("*").from("notices").where("educator_id", .equal, educatorId)
      .orderBy("created_at", .descending).orderBy("recipient_name").limit(500)
      .all(decoding: StoredNotice.self, with: Coding.decoder)
  }

  /// Notices about an organization (a misassignment notice to a district), newest first.
  public func correspondence(organizationId: UUID) async throws -> [StoredNotice] {
    try await db.select().column("*").from("notices").where("organization_id", .equal, organizationId)
      .orderBy("created_at", .descending).limit(500)
      .all(decoding: StoredNotice.self, with: Coding.decoder)
  }

  /// A page of the notices a user received, newest first.
  public func received(userId: UUID, unreadOnly: Bool, page: Int, perPage: Int) async throws -> Page<StoredNotice> {
    let condition: SQLQueryString =
      "recipient_user_id = \(bind: userId)" + (unreadOnly ? " AND read_at IS NULL" : "")
    let total =
      try await db.raw("SELECT COUNT(*) AS n FROM notices WHERE " + condition)
      .first(decodingColumn: "n", as: Int.self) ?? 0
    let page = max(1, page)
    let items = try await db.raw(
      "SELECT * FROM notices WHERE " + condition
        + " ORDER BY created_at DESC, id LIMIT \(literal: perPage) OFFSET \(literal: (page - 1) * perPage)"
    ).all(decoding: StoredNotice.self, with: Coding.decoder)
    return Page(items: items, total: total, page: page, perPage: perPage)
  }

  public func unreadCount(userId: UUID) async throws -> Int {
    try await db.raw(
      "SELECT COUNT(*) AS n FROM notices WHERE recipient_user_id = \(bind: userId) AND read_at IS NULL"
    ).first(decodingColumn: "n", as: Int.self) ?? 0
  }

  /// Marks a user's notice (or all of them) read.
  public func markRead(userId: UUID, noticeId: UUID?, at: Date) async throws {
    var update = db.update("notices").set("read_at", to: at).where("recipient_user_id", .equal, userId)
      .where("read_at", .is, SQLLiteral.null)
    if let noticeId { update = update.where("id", .equal, noticeId) }
    try await update.run()
  }

  // MARK: Outbox

  static let outboxSelect =
    "SELECT m.id AS outbox_id, m.to_address, m.status AS outbox_status, m.attempts, m.next_attempt_at, m.last_error, m.message_id, m.delivered_at, n.* FROM mail_outbox m JOIN notices n ON n.id = m.notice_id"

  struct OutboxRow: Decodable {
    var outboxId: UUID
    var toAddress: String
    var outboxStatus: String
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var messageId: String?
    var deliveredAt: Date?
  }

  func message(_ row: any SQLRow) throws -> OutboxMessage {
    let m = try row.decode(model: OutboxRow.self, with: Coding.decoder)
    return OutboxMessage(
      id: m.outboxId, notice: try row.decode(model: StoredNotice.self, with: Coding.decoder), toAddress: m.toAddress,
      status: OutboxStatus(rawValue: m.outboxStatus) ?? .queued, attempts: m.attempts, nextAttemptAt: m.nextAttemptAt,
      lastError: m.lastError, messageId: m.messageId, deliveredAt: m.deliveredAt)
  }

  /// Messages due for an attempt at `now`: queued ones whose time has come, and ones a crashed run claimed.
  public func dueMessages(at now: Date, limit: Int) async throws -> [OutboxMessage] {
    try await db.raw(
      SQLQueryString(Self.outboxSelect)
        + " WHERE (m.status = \(bind: OutboxStatus.queued.rawValue) AND m.next_attempt_at <= \(bind: now)) OR (m.status = \(bind: OutboxStatus.sending.rawValue) AND m.claimed_until < \(bind: now)) ORDER BY m.next_attempt_at, m.id LIMIT \(literal: limit)"
    ).all().map(message)
  }

  /// How many messages `dueMessages` would find, counted without reading them (nothing to send them with).
  public func dueCount(at now: Date) async throws -> Int {
    try await db.raw(
      "SELECT COUNT(*) AS n FROM mail_outbox m WHERE (m.status = \(bind: OutboxStatus.queued.rawValue) AND m.next_attempt_at <= \(bind: now)) OR (m.status = \(bind: OutboxStatus.sending.rawValue) AND m.claimed_until < \(bind: now))"
    ).first(decodingColumn: "n", as: Int.self) ?? 0
  }

  /// Claims a message for one delivery attempt, so that two concurrent runs cannot both send it. Returns false
  /// when another run has it (or it was delivered meanwhile).
  public func claim(_ id: UUID, at now: Date, until: Date) async throws -> Bool {
    let token = UUID().uuidString
    try await db.raw(
      """
      UPDATE mail_outbox SET status = \(bind: OutboxStatus.sending.rawValue), claimed_until = \(bind: until), message_id = \(bind: token)
      WHERE id = \(bind: id) AND ((status = \(bind: OutboxStatus.queued.rawValue) AND next_attempt_at <= \(bind: now))
      OR (status = \(bind: OutboxStatus.sending.rawValue) AND claimed_until < \(bind: now)))
      """
    ).run()
    let owner = try await db.select().column("message_id").from("mail_outbox").where("id", .equal, id)
      .first(decodingColumn: "message_id", as: String?.self)
    return owner == token
  }

  public func markSent(_ id: UUID, messageId: String, attempts: Int, at: Date) async throws {
    try await db.update("mail_outbox").set("status", to: OutboxStatus.sent.rawValue).set("message_id", to: messageId)
      .set("attempts", to: attempts).set("delivered_at", to: at).set("last_error", to: SQLLiteral.null)
      .set("claimed_until", to: SQLLiteral.null).where("id", .equal, id).run()
  }

  /// Records a failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is nil.
  public func markFailed(_ id: UUID, error: String, attempts: Int, retryAt: Date?) async throws {
    var update = db.update("mail_outbox").set("attempts", to: attempts).set(
      "last_error", to: String(error.prefix(1000))
    )
    .set("claimed_until", to: SQLLiteral.null).set("message_id", to: SQLLiteral.null)
    if let retryAt {
      update = update.set("status", to: OutboxStatus.queued.rawValue).set("next_attempt_at", to: retryAt)
    } else {
      update = update.set("status", to: OutboxStatus.failed.rawValue)
    }
    try await update.where("id", .equal, id).run()
  }

  /// Puts failed messages back in the queue (after the mail settings were fixed).
  public func requeueFailed(at now: Date) async throws -> Int {
    let count =
      try await db.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = \(bind: OutboxStatus.failed.rawValue)")
      .first(decodingColumn: "n", as: Int.self) ?? 0
    try await db.update("mail_outbox").set("status", to: OutboxStatus.queued.rawValue).set("attempts", to: 0)
      .set("next_attempt_at", to: now).where("status", .equal, OutboxStatus.failed.rawValue).run()
    return count
  }

  /// The outbox messages of one notice's e-mail (for the correspondence page), keyed by notice id.
  public func deliveries(noticeIds: [UUID]) async throws -> [UUID: OutboxMessage] {
    guard !noticeIds.isEmpty else { return [:] }
    let messages = try await db.raw(
      SQLQueryString(Self.outboxSelect) + " WHERE m.notice_id IN (\(binds: Array(noticeIds.prefix(1_000))))"
    ).all().map(message)
    return Dictionary(messages.map { ($0.notice.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Outbox counts by status.
  public func outboxCounts() async throws -> [OutboxStatus: Int] {
    let rows = try await db.raw("SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY 1").all()
    var result: [OutboxStatus: Int] = [:]
    for row in rows {
      if let status = OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) {
        result[status] = try row.decode(column: "n", as: Int.self)
      }
    }
    return result
  }

  /// Messages in one state, counted on `ix_mail_outbox_due`.
  public func outboxCount(status: OutboxStatus) async throws -> Int {
    try await db.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = \(bind: status.rawValue)")
      .first(decodingColumn: "n", as: Int.self) ?? 0
  }

  /// The latest failed (or retrying) deliveries, for the outbox summary (`credo notify status`).
  public func troubledMessages(limit: Int) async throws -> [OutboxMessage] {
    try await db.raw(
      SQLQueryString(Self.outboxSelect)
        + " WHERE m.status = \(bind: OutboxStatus.failed.rawValue) OR (m.status = \(bind: OutboxStatus.queued.rawValue) AND m.attempts > 0) ORDER BY m.next_attempt_at DESC LIMIT \(literal: limit)"
    ).all().map(message)
  }

  public func noticeCount() async throws -> Int {
    try await db.raw("SELECT COUNT(*) AS n FROM notices").first(decodingColumn: "n", as: Int.self) ?? 0
  }
}
