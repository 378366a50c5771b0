import FluentKit
import Foundation
import SQLKit

/// Alert rules as data (issue 5): each step of the expiration alert chain (when, relative to a document's
/// expiration date; which template; which audiences; which channels; whether it escalates) is a row an office edits
/// at `/notices/rules` or loads with `credo notify rules import`. The migration writes the shipped chain once
/// (docs/rules/notices.md); from then on the rows are the office's own, so a rule it deletes stays deleted.
struct CreateAlertRules: AsyncMigration {
  var name: String { "010_CreateAlertRules" }

  /// The chain as shipped on 2026-11-23, written out rather than read from `AlertRule.defaults`, so that this
  /// migration writes the same rows whatever later versions of the code ship.
  static let shipped:
    [(
      id: String, chain: String, offset: Int, template: String, audience: String, renewal: Bool,
      escalation: Bool
    )] = [
      ("renewal-180", "renewal", -180, "renewal-requirements", "holder", true, false),
      ("warning-90", "warning", -90, "expiration-warning", "holder", false, false),
      ("warning-60", "warning", -60, "expiration-warning", "holder", false, false),
      ("warning-30", "warning", -30, "expiration-warning", "holder", false, false),
      ("expired-0", "expired", 0, "no-valid-document", "holder,site_administrators,district_analysts", false, false),
      ("escalation-30", "escalation", 30, "no-valid-document", "county_analysts,district_analysts", false, true),
    ]

  func prepare(on database: any Database) async throws {
    try await database.schema("alert_rules")
      .field("rule_id", .string, .identifier(auto: false))
      .field("chain", .string, .required)
      .field("offset_days", .int, .required)
      .field("template_key", .string, .required)
      .field("audience", .string, .required)
      .field("channels", .string, .required)
      .field("needs_renewal_codes", .bool, .required)
      .field("escalation", .bool, .required)
      .field("enabled", .bool, .required)
      .field("version", .int, .required)
      .field("updated_by", .string, .required)
      .field("updated_at", .datetime, .required)
      .create()
    let now = Date()
    var insert = database.sqlDatabase.insert(into: "alert_rules").columns(
      "rule_id", "chain", "offset_days", "template_key", "audience", "channels", "needs_renewal_codes", "escalation",
      "enabled", "version", "updated_by", "updated_at")
    for rule in Self.shipped {
      insert = insert.values(
        SQLBind(rule.id), SQLBind(rule.chain), SQLBind(rule.offset), SQLBind(rule.template), SQLBind(rule.audience),
        SQLBind("email,in_app"), SQLBind(rule.renewal), SQLBind(rule.escalation), SQLBind(true), SQLBind(1),
        SQLBind("credo"), SQLBind(now))
    }
    try await insert.run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("alert_rules").delete()
  }
}
