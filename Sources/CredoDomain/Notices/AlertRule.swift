import Foundation

/// How a notice reaches its recipients.
public enum NoticeChannel: String, Sendable, Codable, CaseIterable, Hashable {
  /// An e-mail through the configured transport (SMTP or sendmail), queued in the outbox.
  case email
  /// The notice list of a signed-in user (`/notices`), and always the educator's correspondence history.
  case inApp = "in_app"
}

/// One step of the expiration alert chain, as data: when it fires relative to a document's expiration date, which
/// template it uses and who gets it.
///
/// Rules with the same `chain` form one chain: when several of its days have passed (the job did not run for a
/// few days), only the latest passed step is sent, once; an earlier, staler step is not. Steps before the
/// expiration date (`offsetDays < 0`) end at the expiration date; steps on or after it need the educator to be
/// still assigned with no valid document (EC 44830: no service without a valid document), which is also "nobody
/// acted", so escalation steps are ordinary rules with a later offset.
public struct AlertRule: Sendable, Hashable, Codable, Identifiable {
  /// Stable name, part of the dedupe trigger (`warning-90`).
  public var id: String
  /// Steps of one chain replace each other when caught up; different chains are independent.
  public var chain: String
  /// Days relative to the expiration date: -90 is ninety days before, 0 the day it expires, 30 a month after.
  public var offsetDays: Int
  public var template: String
  public var audience: [NoticeAudience]
  public var channels: [NoticeChannel]
  /// Only for documents that carry renewal codes (the renewal-requirements notice of a preliminary credential).
  public var needsRenewalCodes: Bool
  /// Whether the step escalates (recorded in the facts as `escalated`, so the template can say nobody acted).
  public var escalation: Bool
  /// A switched-off rule is kept (with its history of edits) but sends nothing.
  public var enabled: Bool

  public init(
    id: String, chain: String, offsetDays: Int, template: String, audience: [NoticeAudience],
    channels: [NoticeChannel] = [.email, .inApp], needsRenewalCodes: Bool = false, escalation: Bool = false,
    enabled: Bool = true
  ) {
    self.id = id
    self.chain = chain
    self.offsetDays = offsetDays
    self.template = template
    self.audience = audience
    self.channels = channels
    self.needsRenewalCodes = needsRenewalCodes
    self.escalation = escalation
    self.enabled = enabled
  }

  /// Whether the step fires before the expiration date (a warning) or on/after it (the document has lapsed).
  public var beforeExpiration: Bool { offsetDays < 0 }

  /// When the step fires, in words: "90 days before expiration", "on the expiration date", "30 days after".
  public var whenText: String {
    switch offsetDays {
    case 0: "on the expiration date"
    case ..<0: "\(-offsetDays) day\(offsetDays == -1 ? "" : "s") before expiration"
    default: "\(offsetDays) day\(offsetDays == 1 ? "" : "s") after expiration"
    }
  }

  /// The default chain (docs/rules/notices.md):
  /// - 180 days before: the renewal requirements of a document with renewal codes, to the holder (a renewable
  ///   document may be renewed up to one year before it expires, domain guide §1.1);
  /// - 90, 60 and 30 days before: the expiration warning to the holder (CTC's own courtesy reminder is at 90 days,
  ///   domain guide §1.1);
  /// - the expiration day: "may not report to work" to the holder, the site administrator of each school and the
  ///   district's certificated assignment unit (its credential analysts), while the educator is still assigned
  ///   (EC 44830);
  /// - 30 days after, still assigned and nobody acted: escalation to the county office's analysts and the district
  ///   (EC 44258.9 monitoring; EC 45037 pay warrants).
  public static let defaults: [AlertRule] = [
    AlertRule(
      id: "renewal-180", chain: "renewal", offsetDays: -180, template: "renewal-requirements", audience: [.holder],
      needsRenewalCodes: true),
    AlertRule(
      id: "warning-90", chain: "warning", offsetDays: -90, template: "expiration-warning", audience: [.holder]),
    AlertRule(
      id: "warning-60", chain: "warning", offsetDays: -60, template: "expiration-warning", audience: [.holder]),
    AlertRule(
      id: "warning-30", chain: "warning", offsetDays: -30, template: "expiration-warning", audience: [.holder]),
    AlertRule(
      id: "expired-0", chain: "expired", offsetDays: 0, template: "no-valid-document",
      audience: [.holder, .siteAdministrators, .districtAnalysts]),
    AlertRule(
      id: "escalation-30", chain: "escalation", offsetDays: 30, template: "no-valid-document",
      audience: [.countyAnalysts, .districtAnalysts], escalation: true),
  ]
}

/// Why a set of alert rules cannot be used.
public enum AlertRuleProblem: Error, Sendable, Equatable, CustomStringConvertible {
  case duplicateId(String)
  case invalidId(String)
  case invalidChain(String)
  case emptyAudience(String)
  case emptyChannels(String)
  case offsetOutOfRange(String, Int)
  /// A chain mixes steps before and after expiration; the two kinds end and start on different conditions.
  case mixedChain(String)
  /// Renewal requirements are sent before a document lapses; after it, the document can no longer be renewed
  /// on time and the "no valid document" steps apply.
  case renewalAfterExpiration(String)

  /// The rule (id) the problem is about.
  public var ruleId: String {
    switch self {
    case .duplicateId(let id), .invalidId(let id), .invalidChain(let id), .emptyAudience(let id),
      .emptyChannels(let id), .offsetOutOfRange(let id, _), .mixedChain(let id), .renewalAfterExpiration(let id):
      id
    }
  }

  /// The field a form or a file names for it.
  public var field: String {
    switch self {
    case .duplicateId, .invalidId: "id"
    case .invalidChain, .mixedChain: "chain"
    case .emptyAudience: "audience"
    case .emptyChannels: "channels"
    case .offsetOutOfRange, .renewalAfterExpiration: "offset_days"
    }
  }

  public var description: String {
    switch self {
    case .duplicateId(let id): "Alert rule \(id) is listed twice; give each rule its own id."
    case .invalidId(let id):
      "Alert rule id “\(id)” is not usable; use 1 to 40 lower-case letters, digits and hyphens (e.g. warning-45)."
    case .invalidChain(let id):
      "Alert rule \(id) has no usable chain name; use 1 to 40 lower-case letters, digits and hyphens."
    case .emptyAudience(let id): "Alert rule \(id) has no audience; name at least one recipient group."
    case .emptyChannels(let id): "Alert rule \(id) has no channel; choose e-mail, in-app or both."
    case .offsetOutOfRange(let id, let days):
      "Alert rule \(id) fires \(days) days from expiration; use -730 to 730 days."
    case .mixedChain(let id):
      "Alert rule \(id) is in a chain that mixes steps before and after expiration; put steps before expiration and steps on or after it in separate chains."
    case .renewalAfterExpiration(let id):
      "Alert rule \(id) sends renewal requirements on or after expiration; renewal-requirement steps must fire before the expiration date."
    }
  }

  /// Checks a set of rules; returns every problem. Switched-off rules are checked too, so that switching one on
  /// cannot make the set unusable.
  public static func check(_ rules: [AlertRule]) -> [AlertRuleProblem] {
    var seen: Set<String> = []
    var problems: [AlertRuleProblem] = []
    for rule in rules {
      if !seen.insert(rule.id).inserted { problems.append(.duplicateId(rule.id)) }
      if !isName(rule.id) { problems.append(.invalidId(rule.id)) }
      if !isName(rule.chain) { problems.append(.invalidChain(rule.id)) }
      if rule.audience.isEmpty { problems.append(.emptyAudience(rule.id)) }
      if rule.channels.isEmpty { problems.append(.emptyChannels(rule.id)) }
      if !(-730...730).contains(rule.offsetDays) { problems.append(.offsetOutOfRange(rule.id, rule.offsetDays)) }
      if rule.needsRenewalCodes && !rule.beforeExpiration { problems.append(.renewalAfterExpiration(rule.id)) }
    }
    // The first-listed step of a chain sets its kind; each step of the other kind is the one to move.
    var kinds: [String: Bool] = [:]
    for rule in rules {
      let kind = kinds[rule.chain, default: rule.beforeExpiration]
      kinds[rule.chain] = kind
      if kind != rule.beforeExpiration { problems.append(.mixedChain(rule.id)) }
    }
    return problems
  }

  /// Ids and chain names: short, lower-case, safe in a dedupe key and a URL.
  static func isName(_ text: String) -> Bool {
    (1...40).contains(text.utf8.count)
      && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
  }
}
