import CredoDomain
import CredoStore
import Foundation

/// The alert chain's rules as an office keeps them (issue 5, "alert rules are data"): listed for credential
/// analysts, edited, added, switched off or deleted by the county office's analysts and system administrators
/// (the rules apply to every district of the installation), and loaded or saved whole as a CSV file
/// (`credo notify rules export|import`, docs/INTERCHANGE-EXTENSIONS.md). Every change is audited; a change applies
/// to notices made from then on (a step already sent for a document is not sent again: its dedupe key holds the
/// rule's id).
public struct AlertRules: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  static let editors: Set<Role> = [.systemAdministrator, .countyCredentialAnalyst]

  public static func mayEdit(_ viewer: Viewer) -> Bool {
    viewer.isSystem || viewer.roles.contains { editors.contains($0.role) }
  }

  public static func mayView(_ viewer: Viewer) -> Bool { mayEdit(viewer) || NoticeTemplates.mayEdit(viewer) }

  func require(_ viewer: Viewer, edit: Bool) throws {
    guard edit ? Self.mayEdit(viewer) : Self.mayView(viewer) else {
      throw CoreError.forbidden(
        edit
          ? "changing alert rules (county credential analysts and system administrators)"
          : "alert rules (credential analysts and system administrators)")
    }
  }

  /// The rules `credo notify run` uses: the switched-on ones.
  public func active() async throws -> [AlertRule] {
    try await AlertRuleRepository(services.database.sql).all().map(\.rule).filter(\.enabled)
  }

  public func list(by viewer: Viewer) async throws -> [StoredAlertRule] {
    try require(viewer, edit: false)
    return try await AlertRuleRepository(services.database.sql).all()
  }

  public func rule(id: String, by viewer: Viewer) async throws -> StoredAlertRule {
    try require(viewer, edit: false)
    guard let stored = try await AlertRuleRepository(services.database.sql).rule(id: id) else {
      throw CoreError.notFound("Alert rule \(id)")
    }
    return stored
  }

  /// The template keys a rule may name (the stored templates, shipped defaults included).
  public func templateKeys() async throws -> [String] {
    try await NoticeTemplates(services).ensureDefaults()
    return try await NoticeRepository(services.database.sql).templates().map(\.templateKey)
  }

  /// Problems with a rule in the company of the others, field by field (form field names).
  func problems(_ rule: AlertRule, others: [AlertRule], templates: Set<String>) -> [FieldProblem] {
    // Only what this rule brings: a problem the other rules already have is not this form's to fix.
    let already = Set(AlertRuleProblem.check(others).map(\.description))
    var problems = AlertRuleProblem.check(others + [rule]).filter { !already.contains($0.description) }
      .map { FieldProblem(field: $0.field, message: $0.description) }
    if !templates.contains(rule.template) {
      problems.append(
        FieldProblem(
          field: "template",
          message:
            "There is no notice template “\(rule.template)”; choose one of \(templates.sorted().joined(separator: ", "))."
        ))
    }
    return problems
  }

  /// Adds a rule (`expectedVersion` nil) or saves an edited one; refuses invalid rules field by field and edits
  /// made meanwhile by someone else.
  @discardableResult
  public func save(_ rule: AlertRule, expectedVersion: Int?, by viewer: Viewer) async throws -> StoredAlertRule {
    try require(viewer, edit: true)
    let repository = AlertRuleRepository(services.database.sql)
    let all = try await repository.all()
    let existing = all.first { $0.rule.id == rule.id }
    if expectedVersion == nil, existing != nil {
      throw CoreError.invalid([
        FieldProblem(field: "id", message: "A rule named \(rule.id) exists already; choose another id or edit it.")
      ])
    }
    if let expectedVersion, existing?.version != expectedVersion {
      throw CoreError.conflict(
        existing == nil
          ? "Alert rule \(rule.id) was deleted after you opened it."
          : "Someone else saved alert rule \(rule.id) after you opened it. Reload it and edit again.")
    }
    let problems = problems(
      rule, others: all.map(\.rule).filter { $0.id != rule.id }, templates: Set(try await templateKeys()))
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    let stored = StoredAlertRule(
      rule: rule, version: (expectedVersion ?? 0) + 1, updatedBy: viewer.actor.name, updatedAt: services.now)
    let now = services.now
    let changes = Self.changes(from: existing?.rule, to: rule)
    let saved = try await services.database.transaction { db in
      let repository = AlertRuleRepository(db)
      let ok =
        if let expectedVersion {
          try await repository.save(stored, expectedVersion: expectedVersion)
        } else {
          try await repository.insert(stored)
        }
      guard ok else { return false }
      try await AuditRepository(db).record(
        changes, entityType: "alert_rule", entityId: Self.entityId(rule.id),
        action: expectedVersion == nil ? .create : .update, actor: viewer.actor, at: now)
      return true
    }
    guard saved else {
      throw CoreError.conflict("Someone else changed alert rule \(rule.id) meanwhile. Reload it and edit again.")
    }
    return stored
  }

  public func delete(id: String, expectedVersion: Int, by viewer: Viewer) async throws {
    try require(viewer, edit: true)
    let existing = try await rule(id: id, by: viewer)
    let now = services.now
    let deleted = try await services.database.transaction { db in
      guard try await AlertRuleRepository(db).delete(id: id, expectedVersion: expectedVersion) else { return false }
      try await AuditRepository(db).record(
        Self.changes(from: existing.rule, to: nil), entityType: "alert_rule", entityId: Self.entityId(id),
        action: .delete, actor: viewer.actor, at: now)
      return true
    }
    guard deleted else {
      throw CoreError.conflict("Someone else changed alert rule \(id) meanwhile. Reload the list and try again.")
    }
  }

  /// The rules as a file (`credo notify rules export`), loadable with `importFile`.
  public func export(by viewer: Viewer) async throws -> String {
    var csv = CSVWriter(header: AlertRulesFile.columns)
    for stored in try await list(by: viewer) { csv.append(AlertRulesFile.row(stored.rule), guardFormulas: false) }
    return csv.text
  }

  /// Replaces every rule with a file's (all or nothing): a file with any problem is rejected whole with each problem
  /// (line, field, what to do), and nothing changes.
  public func importFile(_ data: Data, fileName: String, by viewer: Viewer) async throws -> [AlertRule] {
    try require(viewer, edit: true)
    let templates = Set(try await templateKeys())
    let rules: [AlertRule]
    switch AlertRulesFile.parse(data, fileName: fileName, templates: templates) {
    case .valid(let parsed): rules = parsed
    case .invalid(let problems, let truncated):
      throw CoreError.importRejected(file: fileName, problems: problems, truncated: truncated)
    }
    let before = try await AlertRuleRepository(services.database.sql).all().map(\.rule)
    let now = services.now
    let actor = viewer.actor
    try await services.database.transaction { db in
      try await AlertRuleRepository(db).replaceAll(
        rules.map { StoredAlertRule(rule: $0, updatedBy: actor.name, updatedAt: now) })
      var items: [(String, UUID, AuditRepository.Action, [AuditChange])] = []
      for old in before where !rules.contains(where: { $0.id == old.id }) {
        items.append(("alert_rule", Self.entityId(old.id), .delete, Self.changes(from: old, to: nil)))
      }
      for rule in rules {
        let old = before.first { $0.id == rule.id }
        items.append(
          ("alert_rule", Self.entityId(rule.id), old == nil ? .create : .update, Self.changes(from: old, to: rule)))
      }
      try await AuditRepository(db).record(items, actor: actor, at: now)
    }
    return rules
  }

  /// One audit change per field that differs (`nil` is "no rule").
  static func changes(from old: AlertRule?, to new: AlertRule?) -> [AuditChange] {
    func fields(_ rule: AlertRule?) -> [(String, String?)] {
      guard let rule else { return AlertRulesFile.columns.map { ($0, nil) } }
      return Array(zip(AlertRulesFile.columns, AlertRulesFile.row(rule).map { Optional($0) }))
    }
    return zip(fields(old), fields(new)).compactMap { old, new in
      old.1 == new.1 ? nil : AuditChange(field: old.0, oldValue: old.1, newValue: new.1)
    }
  }

  /// A stable audit id for a rule id (its history: `AuditRepository.history(entityType: "alert_rule", …)`).
  public static func entityId(_ id: String) -> UUID {
    ExceptionReview.entityId(SchoolYear(startYear: 2000), "alert-rule:\(id)")
  }
}

/// The alert rules file (docs/INTERCHANGE-EXTENSIONS.md, "Alert rules"): CSV with a header row, one rule per row;
/// `audience` and `channels` list their values separated by `;`; booleans are `yes` or `no`.
public enum AlertRulesFile {
  public static let columns = [
    "id", "chain", "offset_days", "template", "audience", "channels", "renewal_codes_only", "escalation", "enabled",
  ]

  static func row(_ rule: AlertRule) -> [String] {
    [
      rule.id, rule.chain, String(rule.offsetDays), rule.template, rule.audience.map(\.rawValue).joined(separator: ";"),
      rule.channels.map(\.rawValue).joined(separator: ";"), rule.needsRenewalCodes ? "yes" : "no",
      rule.escalation ? "yes" : "no", rule.enabled ? "yes" : "no",
    ]
  }

  /// Reads and checks a whole file: each row's fields, then the set (duplicate ids, chains mixing steps before and
  /// after expiration), each problem with its line.
  public static func parse(_ data: Data, fileName: String, templates: Set<String>) -> ImportValidation<AlertRule> {
    let records = DelimitedText(DelimitedText.decode(data), delimiter: ",").records
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
    }
    guard let header = records.first else {
      problem(1, "header", "The file is empty; expected the header row \(columns.joined(separator: ",")).")
      return .invalid(problems, truncated: false)
    }
    var index: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() { index[name.trimmedOfWhitespace.lowercased()] = i }
    let missing = columns.filter { index[$0] == nil && $0 != "enabled" }
    if !missing.isEmpty {
      problem(
        header.line, "header",
        "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); export the current rules with `credo notify rules export` for the layout."
      )
      return .invalid(problems, truncated: false)
    }
    var rules: [AlertRule] = []
    var lines: [String: Int] = [:]
    for record in records.dropFirst() {
      if record.fields.allSatisfy({ $0.trimmedOfWhitespace.isEmpty }) { continue }
      let line = record.line
      func value(_ name: String) -> String {
        guard let i = index[name], i < record.fields.count else { return "" }
        return record.fields[i].trimmedOfWhitespace
      }
      func flag(_ name: String, default fallback: Bool) -> Bool {
        switch value(name).lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        case "": return fallback
        default:
          problem(line, name, "Write yes or no, not “\(value(name))”.")
          return fallback
        }
      }
      func list<Value: RawRepresentable<String> & CaseIterable>(_ name: String, _: Value.Type) -> [Value] {
        var values: [Value] = []
        for part in value(name).split(separator: ";").map({ $0.trimmedOfWhitespace.lowercased() }) where !part.isEmpty {
          if let value = Value(rawValue: part) {
            values.append(value)
          } else {
            problem(
              line, name,
              "“\(part)” is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", ")); separate values with ;."
            )
          }
        }
        return values
      }
      guard let offset = Int(value("offset_days")) else {
        problem(
          line, "offset_days",
          "Write the days from expiration as a whole number (-90 is 90 days before, 0 the day, 30 after), not “\(value("offset_days"))”."
        )
        continue
      }
      let template = value("template")
      if !templates.contains(template) {
        problem(
          line, "template",
          "There is no notice template “\(template)”; use one of \(templates.sorted().joined(separator: ", ")).")
      }
      let rule = AlertRule(
        id: value("id"), chain: value("chain"), offsetDays: offset, template: template,
        audience: list("audience", NoticeAudience.self), channels: list("channels", NoticeChannel.self),
        needsRenewalCodes: flag("renewal_codes_only", default: false), escalation: flag("escalation", default: false),
        enabled: flag("enabled", default: true))
      lines[rule.id] = lines[rule.id] ?? line
      rules.append(rule)
    }
    for issue in AlertRuleProblem.check(rules) {
      problem(lines[issue.ruleId] ?? header.line, issue.field, issue.description)
    }
    if rules.isEmpty && problems.isEmpty {
      problem(
        header.line, "rows",
        "The file has no rules; an empty chain would send no notices at all. Switch rules off with enabled = no instead."
      )
    }
    return problems.isEmpty
      ? .valid(rules) : .invalid(problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) }, truncated: false)
  }
}
