import Foundation

/// What a confirmed CTC action does to an educator's documents: new versions with status, `statusFrom` and
/// `statusUntil` set, so `DocumentValidity` (and through it the assignment engine and the pay check) sees the action
/// on exactly its days. Nothing is overwritten; each change is a new version of the document.
///
/// | action | documents | new version |
/// |---|---|---|
/// | revocation | the listed document, else every one not already revoked, denied or surrendered (EC 44421, 44424(a), rule 77) | `revoked` from the effective date |
/// | suspension | the listed document, else every issued one (EC 44424(b) suspends all credentials; Family Code 17520) | `suspended` from the effective date through the end date (none: until a release) |
/// | denial | the listed document, else pending applications and Temporary County Certificates (EC 44345, 44346, 44332; rule 78) | `denied` from the effective date |
/// | reinstatement | the listed document, else every suspended or revoked one | the period closes the day before the effective date (rule 81: a revoked document is reinstated no earlier than a year after revocation) |
/// | public reproval | none | none: recorded and notified only |
public enum CTCActionEffect {
  public struct Outcome: Sendable, Hashable {
    /// The new versions to store (each `version` is the current one's + 1).
    public var versions: [CredentialDocument]
    public var explanation: String
    public var citation: String
    /// Things the analyst should know (a reinstatement sooner than rule 81 allows, a listed document not on file).
    public var warnings: [String]
  }

  public static func apply(
    _ action: CTCActionKind, effective: CalendarDate, end: CalendarDate?, document listed: String,
    to documents: [CredentialDocument]
  ) -> Outcome {
    var warnings: [String] = []
    let wanted = listed.trimmedOfWhitespace.uppercased()
    let named =
      wanted.isEmpty
      ? [] : documents.filter { $0.documentNumber.uppercased() == wanted || $0.documentCode.uppercased() == wanted }
    if !wanted.isEmpty, named.isEmpty {
      warnings.append("Document \(listed) on the list is not on file; the action was applied by its kind instead.")
    }
    func affected(_ otherwise: (CredentialDocument) -> Bool) -> [CredentialDocument] {
      named.isEmpty ? documents.filter(otherwise) : named
    }
    var versions: [CredentialDocument] = []
    func next(_ d: CredentialDocument, _ change: (inout CredentialDocument) -> Void) {
      var v = d
      change(&v)
      v.id = UUID()
      v.version = d.version + 1
      if !v.sameContent(as: d) { versions.append(v) }
    }
    switch action {
    case .revocation:
      for d in affected({ ![.revoked, .denied, .surrendered].contains($0.status) }) {
        next(d) {
          $0.status = .revoked
          $0.statusFrom = effective
          $0.statusUntil = nil
        }
      }
    case .suspension:
      if let end, end < effective {
        warnings.append("The suspension ends (\(end)) before it starts (\(effective)); recorded as listed.")
      }
      for d in affected({ $0.status == .active || $0.status == .expired || $0.status == .suspended }) {
        next(d) {
          $0.status = .suspended
          $0.statusFrom = effective
          $0.statusUntil = end
        }
      }
    case .denial:
      for d in affected({ $0.status == .pending || $0.term == .temporaryCountyCertificate && $0.status == .active }) {
        next(d) {
          $0.status = .denied
          $0.statusFrom = effective
          $0.statusUntil = nil
        }
      }
    case .reinstatement:
      for d in affected({ $0.status == .suspended || $0.status == .revoked }) {
        if d.status == .revoked, let revoked = d.statusFrom,
          let earliest = CalendarDate(year: revoked.year + 1, month: revoked.month, day: min(revoked.day, 28)),
          effective < earliest
        {
          warnings.append(
            "Reinstatement of \(d.documentNumber) on \(effective) is less than a year after its revocation on \(revoked) (domain rule 81); check the list."
          )
        }
        next(d) {
          if $0.statusFrom == nil { $0.statusFrom = $0.issueDate }
          $0.statusUntil = effective.adding(days: -1)
          if let from = $0.statusFrom, from > effective.adding(days: -1) {
            // Reinstated before the action took effect: the action never applied.
            $0.status = $0.expirationDate.map { effective > $0 } == true ? .expired : .active
            $0.statusFrom = nil
            $0.statusUntil = nil
          }
        }
      }
    case .publicReproval:
      break
    }
    let names = versions.map(\.documentNumber).joined(separator: ", ")
    let explanation: String
    switch action {
    case .publicReproval:
      explanation = "Public reproval on \(effective): no document changes; recorded and notified."
    default:
      explanation =
        versions.isEmpty
        ? "\(action.label) on \(effective): no document on file needed a change."
        : "\(action.label) from \(effective)\(end.map { " through \($0)" } ?? ""): \(names)."
    }
    return Outcome(versions: versions, explanation: explanation, citation: action.citation, warnings: warnings)
  }
}
