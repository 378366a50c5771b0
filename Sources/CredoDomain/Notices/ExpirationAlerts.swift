import Foundation

/// One educator as the alert chain sees them: their current document versions and whether they are assigned today.
public struct AlertSubject: Sendable, Hashable {
  public var educatorId: UUID
  public var firstName: String
  public var lastName: String
  /// Current versions only (a renewal is a newer version of the same number, with its own expiration date).
  public var documents: [CredentialDocument]
  /// Whether an employment covers today (the educator may be expected to report to work).
  public var assigned: Bool

  public init(
    educatorId: UUID, firstName: String, lastName: String, documents: [CredentialDocument], assigned: Bool
  ) {
    self.educatorId = educatorId
    self.firstName = firstName
    self.lastName = lastName
    self.documents = documents
    self.assigned = assigned
  }
}

/// The expiration alert chain (docs/rules/notices.md): which notices are due today for a set of educators.
///
/// - Before the expiration date: CTC sends its own courtesy reminder 90 days before a document expires and a
///   renewable document may be renewed up to a year before (domain guide §1.1); Credo's warnings to the holder follow
///   the rules' offsets (90, 60, 30 days by default) and carry the document's renewal requirements.
/// - From the day after the expiration date: an educator with no valid document may not serve (EC 44830; domain rules
///   47, 48) and may not be paid (EC 45037), so the site administrators and the district's certificated assignment
///   unit are told while the educator is still assigned, and the county office after the escalation delay.
///
/// Catching up: within one chain only the latest step whose day has passed is due (a 30-day warning whose day passed
/// while the job did not run is still sent, once; a stale 90-day one is not once the 60-day one is due). Steps
/// before expiration end on the expiration date. The result is deterministic; the outbox sends each trigger once.
///
/// Stopping: a renewal is a new version of the document with a later expiration date, so its triggers (which
/// contain the expiration date) start a new chain and the old date's steps are no longer computed. A document is
/// also superseded by another current, active document of the same code or title that expires later (a preliminary
/// credential cleared by a clear one). The after-expiration steps need the educator to hold no valid document at all
/// and to be assigned: a valid document, or the end of the assignment, is someone acting, and stops escalation.
public enum ExpirationAlerts {
  /// The notices due on `today`, ordered by educator and trigger.
  ///
  /// `renewalMeaning` gives the catalog's text for a renewal code (nil when the catalog does not know it).
  public static func due(
    for subjects: [AlertSubject], rules: [AlertRule] = AlertRule.defaults, on today: CalendarDate,
    renewalMeaning: (String) -> String? = { _ in nil }
  ) -> [NoticeRequest] {
    let chains = Dictionary(grouping: rules.filter(\.enabled), by: \.chain)
    var result: [NoticeRequest] = []
    for subject in subjects {
      let valid = subject.documents.filter { DocumentValidity.outcome($0, on: today) == .valid }
      let candidates = subject.documents.filter { document in
        document.term.expires && document.expirationDate != nil && [.active, .expired].contains(document.status)
      }
      for (_, chainRules) in chains.sorted(by: { $0.key < $1.key }) {
        let before = chainRules.allSatisfy { $0.offsetDays < 0 }
        if before {
          for document in candidates where !isSuperseded(document, in: subject.documents) {
            guard let expiration = document.expirationDate, today <= expiration, document.status == .active,
              let rule = latestPassed(chainRules, expiration: expiration, today: today, document: document)
            else { continue }
            result.append(request(rule, subject, document, today: today, renewalMeaning: renewalMeaning))
          }
        } else {
          // After expiration: one notice per educator, about the document that lapsed last.
          guard subject.assigned, valid.isEmpty,
            let document = candidates.filter({ $0.expirationDate! < today }).max(by: {
              ($0.expirationDate!, $0.documentNumber) < ($1.expirationDate!, $1.documentNumber)
            }),
            let expiration = document.expirationDate,
            let rule = latestPassed(chainRules, expiration: expiration, today: today, document: document)
          else { continue }
          result.append(request(rule, subject, document, today: today, renewalMeaning: renewalMeaning))
        }
      }
    }
    return result.sorted {
      ($0.educatorId?.uuidString ?? "", $0.trigger) < ($1.educatorId?.uuidString ?? "", $1.trigger)
    }
  }

  /// The step of a chain that is due: the one with the latest day that has passed.
  static func latestPassed(
    _ rules: [AlertRule], expiration: CalendarDate, today: CalendarDate, document: CredentialDocument
  ) -> AlertRule? {
    rules.filter { rule in
      expiration.adding(days: rule.offsetDays) <= today && (!rule.needsRenewalCodes || !document.renewalCodes.isEmpty)
    }
    .max { ($0.offsetDays, $0.id) < ($1.offsetDays, $1.id) }
  }

  /// Whether another current document takes this one's place: active, of the same code or title, expiring later
  /// (or never).
  public static func isSuperseded(_ document: CredentialDocument, in documents: [CredentialDocument]) -> Bool {
    guard let expiration = document.expirationDate else { return false }
    return documents.contains { other in
      other.id != document.id && other.status == .active
        && (other.documentCode == document.documentCode && !other.documentCode.isEmpty || other.title == document.title)
        && (other.expirationDate.map { $0 > expiration } ?? !other.term.expires)
    }
  }

  /// The dedupe trigger of a step: the document number and expiration date make a renewal start a new chain.
  public static func trigger(_ rule: AlertRule, document: CredentialDocument) -> String {
    "doc:\(document.documentNumber):exp:\(document.expirationDate?.iso ?? "none"):\(rule.id)"
  }

  /// The renewal requirements of a document, one line per code, with the catalog's meaning.
  public static func renewalRequirements(_ codes: [String], meaning: (String) -> String?) -> String {
    codes.map { code in meaning(code).map { "\(code): \($0)" } ?? "\(code): see the CTC renewal code list" }
      .joined(separator: "\n")
  }

  static func request(
    _ rule: AlertRule, _ subject: AlertSubject, _ document: CredentialDocument, today: CalendarDate,
    renewalMeaning: (String) -> String?
  ) -> NoticeRequest {
    let expiration = document.expirationDate!
    let daysLeft = today.days(until: expiration)
    var facts: [String: String] = [
      "first_name": subject.firstName, "last_name": subject.lastName,
      "name": "\(subject.firstName) \(subject.lastName)".trimmingCharacters(in: .whitespaces),
      "document": document.title, "document_code": document.documentCode, "document_number": document.documentNumber,
      "term": document.term.rawValue, "expires": expiration.iso, "rule": rule.id,
      "renewal_codes": document.renewalCodes.joined(separator: " "),
      "renewal_requirements": renewalRequirements(document.renewalCodes, meaning: renewalMeaning),
    ]
    if daysLeft >= 0 {
      facts["days_left"] = String(daysLeft)
      facts["citation"] = "CTC courtesy reminder 90 days before expiration (domain guide §1.1)"
    } else {
      facts["days_expired"] = String(-daysLeft)
      facts["citation"] = "EC 44830 (no service without a valid document); EC 45037 (pay warrants)"
    }
    if rule.escalation { facts["escalated"] = "yes" }
    return NoticeRequest(
      template: rule.template, educatorId: subject.educatorId, audience: rule.audience,
      trigger: trigger(rule, document: document), facts: facts, dueOn: expiration.adding(days: rule.offsetDays),
      channels: rule.channels)
  }
}
