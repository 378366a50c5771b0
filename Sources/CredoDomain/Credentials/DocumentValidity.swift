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
/// - Rule 49: a Temporary County Certificate is valid for at most one calendar year from issue (EC 44332), and is
///   cancelled when the CTC acts (a denial with its effective date in `statusFrom`).
/// - A revocation or surrender with an effective date (`statusFrom`, as CTC actions record it) takes effect that day;
///   a reinstatement closes its period (`statusUntil`, rule 81). Without a date it applies to every date.
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

  /// The outcome of the validity check alone, without explanation text: what the assignment engine uses for every
  /// document of every decision (it builds text only for the documents a finding names). `rawValue` is the rule code.
  public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    case valid = "document.valid"
    case revoked = "document.revoked"
    case denied = "document.denied"
    case surrendered = "document.surrendered"
    case pending = "document.pending"
    case suspended = "document.suspended"
    case notYetIssued = "document.not_yet_issued"
    case tccExpired = "document.tcc_expired"
    case expired = "document.expired"
    case noExpiration = "document.no_expiration"

    public var rule: String { rawValue }
  }

  /// The last day a Temporary County Certificate is valid: the day before the first anniversary of issue (a
  /// 29 February issue runs to 28 February), or its expiration date when earlier.
  static func tccLastDay(_ document: borrowing CredentialDocument) -> CalendarDate {
    let issue = document.issueDate
    let anniversary =
      CalendarDate(year: issue.year + 1, month: issue.month, day: issue.day)
      ?? CalendarDate(year: issue.year + 1, month: 3, day: 1)!
    let limit = anniversary.adding(days: -1)
    return min(document.expirationDate ?? limit, limit)
  }

  /// Whether `document` authorizes service on `date` (see the type's documentation), as an outcome code.
  public static func outcome(_ document: borrowing CredentialDocument, on date: CalendarDate) -> Outcome {
    // The status period, when one is recorded: a suspension's first and last day; the effective date of a revocation
    // or surrender applied from a CTC list (before it the document was valid; a reinstatement closes the period).
    let from = document.statusFrom.map { $0 <= date } ?? true
    let until = document.statusUntil.map { date <= $0 } ?? true
    let inPeriod = from && until
    switch document.status {
    case .revoked: if document.statusFrom == nil || inPeriod { return .revoked }
    // A denial cancels a Temporary County Certificate from its effective date (EC 44332); any other denied
    // document is an application that never authorized anything.
    case .denied:
      if document.term != .temporaryCountyCertificate || document.statusFrom == nil || inPeriod { return .denied }
    case .surrendered: if document.statusFrom == nil || inPeriod { return .surrendered }
    case .pending: return .pending
    case .suspended:
      if inPeriod { return .suspended }
    case .active, .expired:
      break
    }
    if date < document.issueDate { return .notYetIssued }
    if document.term == .temporaryCountyCertificate, date > tccLastDay(document) { return .tccExpired }
    if document.term.expires, let expiration = document.expirationDate, date > expiration { return .expired }
    if document.status == .expired { return .expired }
    if document.term.expires, document.expirationDate == nil { return .noExpiration }
    return .valid
  }

  /// The citation of `outcome` for `document` on `date` (`Decision.citation`), without writing the explanation: an
  /// exception naming an invalid document keeps its text as what it is written from (`InvalidDocumentProse`).
  static func citation(
    _ outcome: Outcome, of document: borrowing CredentialDocument, on date: CalendarDate
  ) -> String {
    switch outcome {
    case .revoked: "EC 44421, 44440; domain rule 46"
    case .denied: "EC 44346"
    case .surrendered: "EC 44423"
    case .pending: "domain rule 45"
    case .suspended: "EC 44421, 44424; domain rule 46"
    case .notYetIssued: "T5 §80001"
    case .tccExpired: "EC 44332; domain rule 49"
    case .expired: expiredByDate(document, on: date) ? "domain rules 47, 48" : "domain rule 47"
    case .noExpiration: "T5 §80001"
    case .valid: "T5 §80001"
    }
  }

  /// Whether `document` is past its expiration date on `date` (rules 47, 48), as against recorded as expired.
  static func expiredByDate(_ document: borrowing CredentialDocument, on date: CalendarDate) -> Bool {
    guard document.term.expires, let expiration = document.expirationDate else { return false }
    return date > expiration
  }

  public static func decide(_ document: CredentialDocument, on date: CalendarDate) -> Decision {
    let outcome = outcome(document, on: date)
    func decision(_ explanation: String) -> Decision {
      Decision(
        documentNumber: document.documentNumber, valid: outcome == .valid, rule: outcome.rule,
        explanation: explanation, citation: citation(outcome, of: document, on: date))
    }
    let name = "\(document.title.isEmpty ? document.documentCode : document.title) \(document.documentNumber)"
    switch outcome {
    case .revoked:
      return decision("\(name) is revoked.")
    case .denied:
      return decision("The application for \(name) was denied.")
    case .surrendered:
      return decision("\(name) was surrendered.")
    case .pending:
      return decision(
        "\(name) is a pending application; it authorizes service only once issued, and then from its issue date.")
    case .suspended:
      let period = [document.statusFrom.map { "from \($0)" }, document.statusUntil.map { "until \($0)" }]
        .compactMap { $0 }.joined(separator: " ")
      return decision(
        "\(name) is suspended\(period.isEmpty ? "" : " " + period) on \(date).")
    case .notYetIssued:
      return decision("\(name) is issued \(document.issueDate), after \(date).")
    case .tccExpired:
      return decision(
        "Temporary County Certificate \(document.documentNumber) lapsed after \(tccLastDay(document)) (one year at most)."
      )
    case .expired:
      if document.term.expires, let expiration = document.expirationDate, date > expiration {
        let preliminary =
          document.term == .preliminary ? " A preliminary credential is not renewable; it must be cleared." : ""
        return decision("\(name) expired \(expiration).\(preliminary)")
      }
      return decision("\(name) is recorded as expired.")
    case .noExpiration:
      return decision(
        "\(name) has no expiration date on file; only Life documents have none.")
    case .valid:
      let through = document.expirationDate.map { "through \($0)" } ?? "for life"
      return decision("\(name) is valid on \(date) (\(through)).")
    }
  }

  /// The documents of one educator valid on `date`, and the decision for each document.
  public static func valid(
    _ documents: [CredentialDocument], on date: CalendarDate
  ) -> (valid: [CredentialDocument], decisions: [Decision]) {
    let decisions = documents.map { decide($0, on: date) }
    return (zip(documents, decisions).filter { $0.1.valid }.map(\.0), decisions)
  }
}
