import Foundation

/// An adverse (or restoring) action the Commission published about a credential holder (domain guide §5.3).
///
/// - Revocation: mandatory on final conviction of an EC 44424(a) offense (rule 77); a revoked holder may petition
///   for reinstatement no earlier than one year after (rule 81).
/// - Suspension: all credentials pending final disposition of a nolo plea (EC 44424(b), rule 77); at most one year
///   for abandonment of contract, never revocation (EC 44420, rule 80); a child-support license match suspends
///   until DCSS issues a release (Family Code 17520).
/// - Denial: of an application (EC 44345, 44346; rule 78); it also cancels a Temporary County Certificate issued
///   while that application was pending (EC 44332).
/// - Public reproval: published, changes no document.
/// - Private admonitions are confidential except to the employer and never published in the All Points Bulletin
///   (rule 79): a list carrying one is not a public list, and Credo refuses the row.
public enum CTCActionKind: String, Sendable, Codable, CaseIterable, Hashable {
  case denial, suspension, revocation, reinstatement
  case publicReproval = "public_reproval"

  public var label: String {
    switch self {
    case .denial: "Denial"
    case .suspension: "Suspension"
    case .revocation: "Revocation"
    case .reinstatement: "Reinstatement"
    case .publicReproval: "Public reproval"
    }
  }

  /// Reads the spellings lists use (`Revoked`, `suspension`, `release` of a license match, `public reproval`).
  public init?(text: String) {
    let key = text.trimmedOfWhitespace.lowercased().replacingOccurrences(of: "-", with: " ")
      .replacingOccurrences(of: "_", with: " ")
    switch key {
    case "denial", "denied", "deny": self = .denial
    case "suspension", "suspended", "suspend": self = .suspension
    case "revocation", "revoked", "revoke": self = .revocation
    case "reinstatement", "reinstated", "reinstate", "release", "released": self = .reinstatement
    case "public reproval", "reproval", "publicly reproved": self = .publicReproval
    default: return nil
    }
  }

  /// Whether `text` names a private admonition, which must never be imported (rule 79).
  public static func isPrivateAdmonition(_ text: String) -> Bool {
    text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
      .contains("private admonition")
  }

  public var citation: String {
    switch self {
    case .denial: "EC 44345, 44346, 44332; domain rule 78"
    case .suspension: "EC 44421, 44424(b), 44420; Family Code 17520; domain rules 77, 80"
    case .revocation: "EC 44421, 44424(a); domain rule 77"
    case .reinstatement: "EC 44421; domain rule 81"
    case .publicReproval: "EC 44421; domain rule 79"
    }
  }
}

/// Which CTC list a row came from.
public enum CTCActionSource: String, Sendable, Codable, CaseIterable, Hashable {
  /// The All Points Bulletin: every adverse action except private admonitions (rule 79).
  case apb
  /// The child-support license match (Family Code 17520).
  case licenseMatch = "license_match"

  public var label: String { self == .apb ? "All Points Bulletin" : "License match" }

  public init?(text: String) {
    switch text.trimmedOfWhitespace.lowercased().replacingOccurrences(of: "-", with: "_")
      .replacingOccurrences(of: " ", with: "_")
    {
    case "apb", "all_points_bulletin": self = .apb
    case "license_match", "licensematch", "lm", "state_license_match": self = .licenseMatch
    default: return nil
    }
  }
}

/// One row of a CTC action list, as read.
public struct CTCActionEntry: Sendable, Hashable, Codable {
  public var line: Int
  public var source: CTCActionSource
  public var lastName: String
  public var firstName: String
  public var seid: SEID?
  public var birthDate: CalendarDate?
  public var action: CTCActionKind
  public var effective: CalendarDate
  public var end: CalendarDate?
  /// The document the action concerns, when the list names one (number or CTC title code).
  public var document: String

  public init(
    line: Int, source: CTCActionSource, lastName: String, firstName: String, seid: SEID?, birthDate: CalendarDate?,
    action: CTCActionKind, effective: CalendarDate, end: CalendarDate?, document: String
  ) {
    self.line = line
    self.source = source
    self.lastName = lastName
    self.firstName = firstName
    self.seid = seid
    self.birthDate = birthDate
    self.action = action
    self.effective = effective
    self.end = end
    self.document = document
  }

  /// "Last, First".
  public var sortName: String { firstName.isEmpty ? lastName : "\(lastName), \(firstName)" }

  /// What makes a row the same action when a list is imported again (daily lists repeat earlier rows).
  public var fingerprint: String {
    [
      source.rawValue, seid?.digits ?? "", CTCNameKey.key(lastName), CTCNameKey.key(firstName),
      birthDate?.iso ?? "", action.rawValue, effective.iso, end?.iso ?? "", document.uppercased(),
    ].joined(separator: "|")
  }
}

/// The folded form names are matched in: case, accents, hyphens, apostrophes and repeated spaces do not matter
/// ("García-López" = "garcia lopez", "O'Neil" = "oneil").
public enum CTCNameKey {
  public static func key(_ name: String) -> String {
    let folded = name.folding(
      options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX")
    ).lowercased()
    var result = ""
    for scalar in folded.unicodeScalars {
      if CharacterSet.alphanumerics.contains(scalar) {
        result.unicodeScalars.append(scalar)
      } else if scalar == "-" || CharacterSet.whitespaces.contains(scalar) {
        if !result.isEmpty, result.last != " " { result.append(" ") }
      }
      // Apostrophes, periods and other punctuation vanish.
    }
    return result.trimmingCharacters(in: .whitespaces)
  }
}

/// How a list row was matched to an educator.
public enum CTCMatch: Sendable, Hashable {
  /// The SEID is on file: the row concerns that educator.
  case seid(UUID)
  /// No SEID match; these educators have the same name and birth date, for an analyst to confirm or reject.
  case candidates([UUID])
  case none

  /// Matches one row: SEID exactly; otherwise name and birth date, folded (`CTCNameKey`), excluding educators an
  /// analyst already rejected for this row. A first name matches when one is the other's first word (lists print
  /// "Maria" for "Maria Elena").
  public static func match(_ entry: CTCActionEntry, educators: [Educator], rejected: Set<UUID> = []) -> CTCMatch {
    if let seid = entry.seid, let educator = educators.first(where: { $0.seid == seid }) {
      return .seid(educator.id)
    }
    guard let birth = entry.birthDate else { return .none }
    let last = CTCNameKey.key(entry.lastName)
    let first = CTCNameKey.key(entry.firstName)
    let found = educators.filter { educator in
      guard educator.birthDate == birth, !rejected.contains(educator.id),
        CTCNameKey.key(educator.lastName) == last
      else { return false }
      let theirs = CTCNameKey.key(educator.firstName)
      return theirs == first || theirs.split(separator: " ").first.map(String.init) == first
        || first.split(separator: " ").first.map(String.init) == theirs
    }.map(\.id)
    return found.isEmpty ? .none : .candidates(found.sorted { $0.uuidString < $1.uuidString })
  }
}

/// Where a list row stands.
public enum CTCActionState: String, Sendable, Codable, CaseIterable, Hashable {
  /// Name and birth date match one or more educators: an analyst confirms one or rejects them.
  case candidates
  /// No educator matches (kept, shown, and matched again when new educators arrive).
  case unmatched
  /// Matched (by SEID, or a confirmed candidate) and applied to the educator's documents.
  case applied

  public var label: String {
    switch self {
    case .candidates: "Candidates to confirm"
    case .unmatched: "Unmatched"
    case .applied: "Matched and applied"
    }
  }
}
