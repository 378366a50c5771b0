import Foundation

/// Where a CalSAAS exception stands in its review.
///
/// Source: domain guide §2.2, exception statuses [S5]. The raw values are stable codes stored in databases and
/// written to exports; `label` is the wording CalSAAS users know.
public enum ExceptionStatus: String, Sendable, Codable, CaseIterable, Comparable {
  /// Generated and not yet worked, or worked by the LEA but not yet sent to the monitoring authority.
  case undetermined
  /// The LEA sent its proposed determination; the monitoring authority is reviewing it.
  case maReview = "ma_review"
  /// The monitoring authority sent it back to the LEA with a comment.
  case returnedToLEA = "returned_to_lea"
  /// The LEA answered a returned exception.
  case returnedToMA = "returned_to_ma"
  /// The monitoring authority decided the final determination.
  case maCompleted = "ma_completed"
  /// The monitoring authority submitted its determination to the CTC.
  case submittedToCTC = "submitted_to_ctc"
  /// The CTC finalized the result; nothing changes after this.
  case finalized

  public var label: String {
    switch self {
    case .undetermined: "Undetermined"
    case .maReview: "MA Review"
    case .returnedToLEA: "Returned to LEA"
    case .returnedToMA: "Returned to MA"
    case .maCompleted: "MA Completed"
    case .submittedToCTC: "Submitted to CTC"
    case .finalized: "Finalized"
    }
  }

  public static func < (a: ExceptionStatus, b: ExceptionStatus) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// What an exception turned out to be. The LEA proposes one; the monitoring authority decides.
///
/// Source: domain guide §2.2, determinations [O15][S4][S7]. Only `misassignment` and `vacancy` count against the
/// LEA in the CTC's published results (§2.4); the others explain why the assignment is legal or why the data was
/// wrong.
public enum Determination: String, Sendable, Codable, CaseIterable, Comparable {
  case appropriateAssignment = "appropriate_assignment"
  case coreSetting = "core_setting"
  case localAssignmentOption = "local_assignment_option"
  case calpadsError = "calpads_error"
  case alternateSPED = "alternate_sped"
  case shortTermWaiver = "short_term_waiver"
  case other
  case misassignment
  case vacancy

  public var label: String {
    switch self {
    case .appropriateAssignment: "Appropriate Assignment"
    case .coreSetting: "Core Setting"
    case .localAssignmentOption: "Local Assignment Option"
    case .calpadsError: "CALPADS Error"
    case .alternateSPED: "Alternate SPED"
    case .shortTermWaiver: "Short-Term Waiver"
    case .other: "Other"
    case .misassignment: "Misassignment"
    case .vacancy: "Vacancy"
    }
  }

  /// True for the outcomes the CTC publishes against the LEA (§2.4).
  public var isAdverse: Bool { self == .misassignment || self == .vacancy }

  public static func < (a: Determination, b: Determination) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
