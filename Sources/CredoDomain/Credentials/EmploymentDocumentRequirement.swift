/// Whether an employee's valid documents fit their employment status.
///
/// - Permanent and probationary certificated employees hold a credential (EC 44830, 44929.21); a probationary
///   employee may hold an intern credential instead (EC 44885.5). Permits and waivers do not support these
///   statuses.
/// - Provisional employees serve on an emergency permit or waiver while they qualify (EC 44911, 44300).
/// - Temporary, substitute and conditional employees need a valid document of some kind for the service
///   (EC 44830: no certificated service without one).
public enum EmploymentDocumentRequirement {
  public struct Finding: Sendable, Hashable {
    public var status: EmploymentStatus
    public var rule: String
    public var explanation: String
    public var citation: String
  }

  static let credentialTerms: Set<CredentialTerm> = [
    .preliminary, .clear, .professionalClear, .life, .levelI, .levelII,
  ]

  /// A finding when the valid documents do not support the status; nil when they do.
  public static func check(_ status: EmploymentStatus, validDocuments: [CredentialDocument]) -> Finding? {
    if validDocuments.isEmpty {
      return Finding(
        status: status, rule: "employment.no_valid_document",
        explanation:
          "A \(status.rawValue) employee holds no valid document; they may not serve in a certificated assignment.",
        citation: "EC 44830")
    }
    switch status {
    case .permanent:
      if !validDocuments.contains(where: { credentialTerms.contains($0.term) }) {
        return Finding(
          status: status, rule: "employment.permanent_without_credential",
          explanation: "A permanent employee holds only permits, waivers or intern documents, not a credential.",
          citation: "EC 44830, 44929.21")
      }
    case .probationary:
      if !validDocuments.contains(where: { credentialTerms.contains($0.term) || $0.term == .intern }) {
        return Finding(
          status: status, rule: "employment.probationary_without_credential",
          explanation: "A probationary employee holds neither a credential nor an intern credential.",
          citation: "EC 44929.21, 44885.5")
      }
    case .provisional, .temporary, .substitute, .conditional:
      break
    }
    return nil
  }
}
