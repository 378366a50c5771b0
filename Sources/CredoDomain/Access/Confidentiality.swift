/// Classes of confidential information Credo holds, and which roles may read each.
///
/// - Criminal offender record information (DOJ/FBI fingerprint results, subsequent arrest notices): only
///   the custodian of records. Penal Code 11102.2 and 11105(b); 11 CCR 703 limits access to those who need
///   it for the employment decision and makes the custodian responsible for it.
/// - Discipline (CTC actions, adverse personnel actions): credential analysts and the custodian, who act on
///   them; Education Code 44031 keeps personnel files confidential to those with a need to know.
/// - Medical (leave, accommodation, TB clearance): the custodian of records only; Civil Code 56.20
///   (Confidentiality of Medical Information Act) bars employers from using or disclosing it otherwise.
///
/// Every read of a confidential record is written to the access log, whoever reads it.
public enum ConfidentialCategory: String, Sendable, Codable, CaseIterable {
  case criminalHistory = "criminal_history"
  case discipline
  case medical

  public var label: String {
    switch self {
    case .criminalHistory: "Criminal history"
    case .discipline: "Discipline"
    case .medical: "Medical"
    }
  }

  /// The roles entitled to read this category (within their scope).
  public var entitledRoles: Set<Role> {
    switch self {
    case .criminalHistory: [.custodianOfRecords]
    case .discipline: [.custodianOfRecords, .countyCredentialAnalyst, .districtCredentialAnalyst]
    case .medical: [.custodianOfRecords]
    }
  }

  /// The scope in which a user holding `assignments` may read this category.
  public func scope(for assignments: [RoleAssignment]) -> AccessScope {
    AccessScope(
      assignments: assignments.filter { entitledRoles.contains($0.role) },
      permission: .viewRecords)
  }
}

/// How sensitive a note on an educator's file is: general notes follow the record's scope; the others are
/// confidential and follow `ConfidentialCategory`.
public enum NoteCategory: String, Sendable, Codable, CaseIterable {
  case general
  case criminalHistory = "criminal_history"
  case discipline
  case medical

  public var confidential: ConfidentialCategory? { ConfidentialCategory(rawValue: rawValue) }

  public var label: String { confidential?.label ?? "General" }
}
