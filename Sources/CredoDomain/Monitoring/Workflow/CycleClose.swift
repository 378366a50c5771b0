import Foundation

/// What happens to every exception when a monitoring cycle closes.
///
/// Source: domain guide §2.2 and rule 72: "An exception with no determination by cycle end is automatically a
/// misassignment" [S4]; the CTC finalizes results on 1 November (rule 71 [S9]).
///
/// Reading (UNCONFIRMED beyond the sentence above): "a determination" is the monitoring authority's, because the
/// LEA only proposes (§2.2). So an exception the authority completed or submitted keeps its determination and is
/// finalized with it; one that only carries an LEA proposal, or nothing, becomes a misassignment; a finalized one
/// is left as it is.
public enum CycleClose {
  /// The actor the closing step is recorded under.
  public static let actor = WorkflowActor(party: .commission, name: "Cycle close")

  /// The state of `state` after the cycle closes, dated the cycle's finalization day.
  public static func close(_ state: ExceptionState, cycle: MonitoringCycle) -> ExceptionState {
    guard state.status != .finalized else { return state }
    var next = state
    let comment: String
    if let decided = state.determination {
      comment = "Finalized with the monitoring authority's determination when the cycle closed."
      next.determination = decided
    } else {
      comment =
        "No determination by the end of the cycle: automatically a misassignment (domain rule 72 [S4])."
        + (state.proposedDetermination.map { " The LEA's proposal (\($0.label)) was never decided." } ?? "")
      next.determination = .misassignment
    }
    next.status = .finalized
    next.history.append(
      WorkflowHistoryEntry(
        actor: actor, date: cycle.finalization, action: .cycleClose, from: state.status, to: .finalized,
        determination: next.determination, comment: comment))
    return next
  }

  /// True when closing the cycle would make the exception a misassignment: the question an analyst asks a few
  /// days before 1 November.
  public static func becomesMisassignment(_ state: ExceptionState) -> Bool {
    state.status != .finalized && state.determination == nil
  }
}
