import CredoDomain
import Foundation
import SQLKit

/// An alert rule as stored: the rule, and who changed it last (optimistic concurrency by version).
public struct StoredAlertRule: Sendable, Hashable {
  public var rule: AlertRule
  /// 1 when written, +1 per save.
  public var version: Int
  public var updatedBy: String
  public var updatedAt: Date

  public init(rule: AlertRule, version: Int = 1, updatedBy: String, updatedAt: Date) {
    self.rule = rule
    self.version = version
    self.updatedBy = updatedBy
    self.updatedAt = updatedAt
  }
}

/// The alert chain's rules (`alert_rules`, migration 010). Audiences and channels are stored as comma-separated
/// raw values (`holder,site_administrators`), which is also how the rules file writes them.
public struct AlertRuleRepository: Sendable {
  let db: any SQLDatabase

  public init(_ db: any SQLDatabase) { self.db = db }

  struct Row: Codable {
    var ruleId: String
    var chain: String
    var offsetDays: Int
    var templateKey: String
    var audience: String
    var channels: String
    var needsRenewalCodes: Bool
    var escalation: Bool
    var enabled: Bool
    var version: Int
    var updatedBy: String
    var updatedAt: Date

    init(_ stored: StoredAlertRule) {
      let rule = stored.rule
      ruleId = rule.id
      chain = rule.chain
      offsetDays = rule.offsetDays
      templateKey = rule.template
      audience = rule.audience.map(\.rawValue).joined(separator: ",")
      channels = rule.channels.map(\.rawValue).joined(separator: ",")
      needsRenewalCodes = rule.needsRenewalCodes
      escalation = rule.escalation
      enabled = rule.enabled
      version = stored.version
      updatedBy = stored.updatedBy
      updatedAt = stored.updatedAt
    }

    /// Unknown audience or channel values (written by a newer version, or by hand) are dropped rather than
    /// failing the whole chain; `AlertRuleProblem.check` then reports a rule left with none.
    var stored: StoredAlertRule {
      StoredAlertRule(
        rule: AlertRule(
          id: ruleId, chain: chain, offsetDays: offsetDays, template: templateKey,
          audience: audience.split(separator: ",").compactMap { NoticeAudience(rawValue: String($0)) },
          channels: channels.split(separator: ",").compactMap { NoticeChannel(rawValue: String($0)) },
          needsRenewalCodes: needsRenewalCodes, escalation: escalation, enabled: enabled),
        version: version, updatedBy: updatedBy, updatedAt: updatedAt)
    }
  }

  /// Every rule, by chain and day.
  public func all() async throws -> [StoredAlertRule] {
    try await db.select().column("*").from("alert_rules")
      .orderBy("chain").orderBy("offset_days").orderBy("rule_id")
      .all(decoding: Row.self, with: Coding.decoder).map(\.stored)
  }

  public func rule(id: String) async throws -> StoredAlertRule? {
    try await db.select().column("*").from("alert_rules").where("rule_id", .equal, id)
      .first(decoding: Row.self, with: Coding.decoder)?.stored
  }

  /// Adds a rule; false when one with that id exists.
  public func insert(_ rule: StoredAlertRule) async throws -> Bool {
    guard try await self.rule(id: rule.rule.id) == nil else { return false }
    try await db.insert(into: "alert_rules").model(Row(rule), with: Coding.encoder).run()
    return true
  }

  /// Stores an edited rule when the stored version is still `expectedVersion`; false when someone saved meanwhile
  /// (or deleted it).
  public func save(_ rule: StoredAlertRule, expectedVersion: Int) async throws -> Bool {
    let row = Row(rule)
    try await db.update("alert_rules")
      .set("chain", to: row.chain).set("offset_days", to: row.offsetDays).set("template_key", to: row.templateKey)
      .set("audience", to: row.audience).set("channels", to: row.channels)
      .set("needs_renewal_codes", to: row.needsRenewalCodes).set("escalation", to: row.escalation)
      .set("enabled", to: row.enabled).set("version", to: expectedVersion + 1)
      .set("updated_by", to: row.updatedBy).set("updated_at", to: row.updatedAt)
      .where("rule_id", .equal, row.ruleId).where("version", .equal, expectedVersion)
      .run()
    return try await self.rule(id: row.ruleId)?.version == expectedVersion + 1
  }

  /// Deletes a rule when the stored version is still `expectedVersion`; false otherwise.
  public func delete(id: String, expectedVersion: Int) async throws -> Bool {
    guard try await rule(id: id)?.version == expectedVersion else { return false }
    try await db.delete(from: "alert_rules").where("rule_id", .equal, id).where("version", .equal, expectedVersion)
      .run()
    return try await rule(id: id) == nil
  }

  /// Replaces the whole set (a rules file loaded with `credo notify rules import`); run it in a transaction.
  public func replaceAll(_ rules: [StoredAlertRule]) async throws {
    try await db.delete(from: "alert_rules").run()
    guard !rules.isEmpty else { return }
    try await db.insert(into: "alert_rules").models(rules.map(Row.init), with: Coding.encoder).run()
  }
}
