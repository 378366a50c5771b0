/// Whether a document authorizes service on a given date, and why: the check every later rule starts from.
///
/// Sources (domain guide §1.1 and §7 E, rules 45–49):
/// - Rule 46: a credential suspended or revoked on the date does not authorize, whatever it would otherwise
///   cover (EC 44421, 44424, 44440). Denied and surrendered documents never do.
/// - Rules 47, 48: an expired document does not authorize; service between expiry and a renewal's issue date
///   is unauthorized unless a Request for Validation of Service Without a Credential is filed (CTC CL-856).
///   A preliminary credential past its expiry is not renewable.
/// - Rule 45: an application pending on the date authorizes nothing yet; if it is later granted with an issue
///   date on or before the date, the granted document covers it (it is then a version with that issue date).
/// - Rule 49: a Temporary County Certificate is valid for at most one calendar year from issue (EC 44332).
/// - A document covers the whole of its issue and expiration days (calendar dates, not instants).
public enum DocumentValidity {
  public struct Decision: Sendable, Hashable, Codable {
    public var documentNumber: String
    public var valid: Bool
    /// A stable machine code: `document.valid`, `document.expired`, …
    public var rule: String
    public var explanation: String
    public var citation: String
  }

  public static func decide(_ document: CredentialDocument, on date: CalendarDate) -> Decision {
    func decision(_ valid: Bool, _ rule: String, _ explanation: String, _ citation: String) -> Decision {
      Decision(
        documentNumber: document.documentNumber, valid: valid, rule: rule, explanation: explanation, citation: citation)
    }
    let name = "\(document.title.isEmpty ? document.documentCode : document.title) \(document.documentNumber)"
    switch document.status {
    case .revoked:
      return decision(false, "document.revoked", "\(name) is revoked.", "EC 44421, 44440; domain rule 46")
    case .denied:
      return decision(false, "document.denied", "The application for \(name) was denied.", "EC 44346")
    case .surrendered:
      return decision(false, "document.surrendered", "\(name) was surrendered.", "EC 44423")
    case .pending:
      return decision(
        false, "document.pending",
        "\(name) is a pending application; it authorizes service only once issued, and then from its issue date.",
        "domain rule 45")
    case .suspended:
      let from = document.statusFrom.map { $0 <= date } ?? true
      let until = document.statusUntil.map { date <= $0 } ?? true
      if from && until {
        let period = [document.statusFrom.map { "from \($0)" }, document.statusUntil.map { "until \($0)" }]
          .compactMap { $0 }.joined(separator: " ")
        return decision(
          false, "document.suspended", "\(name) is suspended\(period.isEmpty ? "" : " " + period) on \(date).",
          "EC 44421, 44424; domain rule 46")
      }
    case .active, .expired:
      break
    }
    if date < document.issueDate {
      return decision(
        false, "document.not_yet_issued", "\(name) is issued \(document.issueDate), after \(date).", "T5 §80001")
    }
    if document.term == .temporaryCountyCertificate {
      // Valid through the day before the first anniversary of issue (a 29 February issue runs to 28 February).
      let issue = document.issueDate
      let anniversary =
        CalendarDate(year: issue.year + 1, month: issue.month, day: issue.day)
        ?? CalendarDate(year: issue.year + 1, month: 3, day: 1)!
      let limit = anniversary.adding(days: -1)
      let end = min(document.expirationDate ?? limit, limit)
      if date > end {
        return decision(
          false, "document.tcc_expired",
          "Temporary County Certificate \(document.documentNumber) lapsed after \(end) (one year at most).",
          "EC 44332; domain rule 49")
      }
    }
    if document.term.expires, let expiration = document.expirationDate, date > expiration {
      let preliminary =
        document.term == .preliminary ? " A preliminary credential is not renewable; it must be cleared." : ""
      return decision(
        false, "document.expired", "\(name) expired \(expiration).\(preliminary)", "domain rules 47, 48")
    }
    if document.status == .expired {
      return decision(false, "document.expired", "\(name) is recorded as expired.", "domain rule 47")
    }
    if document.term.expires, document.expirationDate == nil {
      return decision(
        false, "document.no_expiration", "\(name) has no expiration date on file; only Life documents have none.",
        "T5 §80001")
    }
    let through = document.expirationDate.map { "through \($0)" } ?? "for life"
    return decision(true, "document.valid", "\(name) is valid on \(date) (\(through)).", "T5 §80001")
  }

  /// The documents of one educator valid on `date`, and the decision for each document.
  public static func valid(
    _ documents: [CredentialDocument], on date: CalendarDate
  ) -> (valid: [CredentialDocument], decisions: [Decision]) {
    let decisions = documents.map { decide($0, on: date) }
    return (zip(documents, decisions).filter { $0.1.valid }.map(\.0), decisions)
  }
}
