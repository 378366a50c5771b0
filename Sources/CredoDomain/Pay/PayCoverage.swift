import Foundation

/// Whether a certificated employee may be paid for a pay period: hold or release (domain guide §1.9).
///
/// - EC 45037: no warrant is drawn for a certificated employee who does not hold a valid certification document
///   for the service; county offices stop the warrant. EC 44830: no certificated service without a valid document.
/// - Every day the employee is employed in the district during the period must be covered by some valid document
///   on that day (`DocumentValidity`, so a suspension in the middle of the period uncovers exactly its days, domain
///   rule 46; an expiry mid-period uncovers the days after it, rules 47–48; a pending application covers nothing,
///   rule 45).
/// - A Temporary County Certificate pays an employee whose application is pending, for at most one calendar year
///   from issue, and stops when the CTC acts on the application (EC 44332; rule 49).
/// - A renewal filed in the year before expiry is issued on the old expiration date (domain guide §1.1), so the two
///   versions of a document meet without a gap: a day before the current version's issue date is covered by the
///   earlier version of the same document when that version was valid then.
/// - A permit restricted to another employer (T5 §80023.2, §80026) does not cover service in this district.
/// - Substitutes are paid for days of service too; Credo does not know which days they served, so their employment
///   days are checked like anyone's (a day-to-day substitute's employment should span their assignments).
public enum PayCoverage {
  /// What the check decided for one employee.
  public enum Status: String, Sendable, Codable, CaseIterable, Hashable {
    case released, held

    public var label: String { self == .held ? "Held" : "Released" }
  }

  /// One reason for a hold: which days, and why, with the statute.
  public struct Reason: Sendable, Hashable, Codable {
    /// A stable code: `pay.no_document`, or `pay.` + the document outcome (`pay.document.expired`, …).
    public var rule: String
    public var days: DayRange
    public var explanation: String
    public var citation: String

    public init(rule: String, days: DayRange, explanation: String, citation: String) {
      self.rule = rule
      self.days = days
      self.explanation = explanation
      self.citation = citation
    }
  }

  public struct Decision: Sendable, Hashable, Codable {
    public var educatorId: UUID
    public var status: Status
    /// The days of the period the employee was employed in the district.
    public var employedDays: Int
    /// The employed days no valid document covers, as ranges.
    public var uncovered: [DayRange]
    public var reasons: [Reason]
    /// What released the pay (the covering documents), or a summary of the hold.
    public var explanation: String
    public var citation: String

    public init(
      educatorId: UUID, status: Status, employedDays: Int, uncovered: [DayRange], reasons: [Reason],
      explanation: String, citation: String
    ) {
      self.educatorId = educatorId
      self.status = status
      self.employedDays = employedDays
      self.uncovered = uncovered
      self.reasons = reasons
      self.explanation = explanation
      self.citation = citation
    }

    public var uncoveredDayCount: Int { uncovered.reduce(0) { $0 + $1.dayCount } }
  }

  public static let citation = "EC 45037, 44830"

  /// Decides one employee's pay for `period`. `employments` are the employee's employment records (any district:
  /// only those of the period's district count); `documents` every stored version of their documents (the current
  /// and the earlier ones, so a renewal's predecessor covers the days before the renewal's issue date).
  /// Nil when the employee was not employed in the district during the period.
  public static func decide(
    _ period: PayPeriod, educatorId: UUID, employments: [EmploymentRecord], documents: [CredentialDocument]
  ) -> Decision? {
    let inDistrict = employments.filter { $0.districtId == period.districtId }
    let employedDays = period.days.filter { day in inDistrict.contains { $0.isCurrent(on: day) } }
    guard !employedDays.isEmpty else { return nil }

    let byNumber = Dictionary(
      grouping: documents.filter { $0.employerRestriction.map { $0 == period.district } ?? true }
    ) {
      $0.documentNumber
    }.mapValues { $0.sorted { $0.version > $1.version } }
    let restricted = documents.filter { d in d.employerRestriction.map { $0 != period.district } ?? false }

    var covering: Set<String> = []
    var uncoveredDays: [CalendarDate] = []
    for day in employedDays {
      if let number = coveringDocument(byNumber, on: day) {
        covering.insert(number)
      } else {
        uncoveredDays.append(day)
      }
    }
    let uncovered = DayRange.ranges(of: uncoveredDays)
    guard !uncovered.isEmpty else {
      let names = byNumber.values.compactMap(\.first).filter { covering.contains($0.documentNumber) }
        .sorted { $0.documentNumber < $1.documentNumber }
        .map { "\($0.title.isEmpty ? $0.documentCode : $0.title) \($0.documentNumber)" }
      return Decision(
        educatorId: educatorId, status: .released, employedDays: employedDays.count, uncovered: [], reasons: [],
        explanation:
          "Valid documents cover every day employed from \(employedDays.first!) to \(employedDays.last!): \(names.joined(separator: ", ")).",
        citation: citation)
    }
    var reasons: [Reason] = []
    for range in uncovered {
      // Explain each range by what the documents were on its first day; a range ends where that changes, so one
      // day speaks for the range's documents (days are only grouped while none covers).
      let current = byNumber.values.compactMap(\.first).sorted { $0.documentNumber < $1.documentNumber }
      if current.isEmpty {
        let restriction =
          restricted.isEmpty
          ? "" : " (\(restricted.map(\.documentNumber).joined(separator: ", ")) is valid only for another employer)"
        reasons.append(
          Reason(
            rule: "pay.no_document", days: range,
            explanation: "No valid document on file for this district\(restriction).",
            citation: restricted.isEmpty ? citation : "\(citation); T5 §80023.2"))
        continue
      }
      for document in current {
        let decision = DocumentValidity.decide(document, on: range.first)
        reasons.append(
          Reason(
            rule: "pay.\(decision.rule)", days: range, explanation: decision.explanation,
            citation: "\(citation); \(decision.citation)"))
      }
    }
    let days = uncovered.reduce(0) { $0 + $1.dayCount }
    return Decision(
      educatorId: educatorId, status: .held, employedDays: employedDays.count, uncovered: uncovered,
      reasons: reasons,
      explanation:
        "\(days) of \(employedDays.count) employed days (\(uncovered.map(\.description).joined(separator: ", "))) have no valid document: hold the warrant until one is on file.",
      citation: citation)
  }

  /// The number of a document valid on `day`: its current version, or for a day before the current version's issue
  /// date, an earlier version (a renewal's predecessor) when the current version carries no adverse action.
  static func coveringDocument(_ byNumber: [String: [CredentialDocument]], on day: CalendarDate) -> String? {
    for (number, versions) in byNumber.sorted(by: { $0.key < $1.key }) {
      guard let current = versions.first else { continue }
      if DocumentValidity.outcome(current, on: day) == .valid { return number }
      guard day < current.issueDate, current.status == .active || current.status == .expired else { continue }
      if versions.dropFirst().contains(where: {
        $0.issueDate < current.issueDate && DocumentValidity.outcome($0, on: day) == .valid
      }) {
        return number
      }
    }
    return nil
  }
}
