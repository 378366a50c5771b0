import Foundation

/// Who a notice is for. The outbox resolves each audience to people (and their e-mail addresses) when the notice is
/// queued, from the educator's employments and the organizations' role assignments.
public enum NoticeAudience: String, Sendable, Codable, CaseIterable, Hashable {
  /// The document holder, at the e-mail address on their educator record.
  case holder
  /// The site administrator of each school where the educator is assigned (employment or CALPADS assignment).
  case siteAdministrators = "site_administrators"
  /// The credential analysts of each district that employs the educator (or of the district the notice concerns).
  case districtAnalysts = "district_analysts"
  /// The county office's credential analysts (the monitoring authority, EC 44258.9).
  case countyAnalysts = "county_analysts"
  /// Payroll of each employing district: who holds or releases pay (EC 45037).
  case payroll
}

/// A notice some use case wants sent: the expiration alert chain, the "may not report to work" notice, a CTC
/// action applied to a record, a pay-hold warning, a misassignment notice to a district. Use cases produce these;
/// the notice outbox renders the template, resolves the audience, keeps the notice in the educator's
/// correspondence and delivers it (SMTP or sendmail) once.
public struct NoticeRequest: Sendable, Hashable, Codable {
  /// The template's key (e.g. `expiration-warning`, `no-valid-document`, `ctc-action`, `pay-hold`,
  /// `misassignment`).
  public var template: String
  /// The educator the notice concerns, when it concerns one.
  public var educatorId: UUID?
  /// The organization the notice concerns when it is not (only) about an educator: the district of a
  /// misassignment notice, the district whose payroll a pay-hold warning goes to.
  public var organizationId: UUID?
  public var audience: [NoticeAudience]
  /// What makes this notice unique: the same template, educator and trigger is never sent twice (e.g.
  /// `doc:<document id>:exp:<expiration date>:-30` for the 30-days-before alert of one expiration date, so a renewed
  /// document's new date starts a new chain).
  public var trigger: String
  /// Values the template reads (`{{name}}`, `{{document}}`, `{{expires}}`, …).
  public var facts: [String: String]
  /// The day the notice became due (for the correspondence history and escalation).
  public var dueOn: CalendarDate
  /// How it reaches people; nil means both e-mail and the in-app notice list (added with a default: existing
  /// callers need not name it).
  public var channels: [NoticeChannel]?

  public init(
    template: String, educatorId: UUID? = nil, organizationId: UUID? = nil, audience: [NoticeAudience],
    trigger: String, facts: [String: String] = [:], dueOn: CalendarDate, channels: [NoticeChannel]? = nil
  ) {
    self.template = template
    self.educatorId = educatorId
    self.organizationId = organizationId
    self.audience = audience
    self.trigger = trigger
    self.facts = facts
    self.dueOn = dueOn
    self.channels = channels
  }

  /// `template|educator or organization|trigger`: what "the same notice" means for deduplication.
  public var requestKey: String {
    "\(template)|\((educatorId ?? organizationId)?.uuidString ?? "-")|\(trigger)"
  }
}
