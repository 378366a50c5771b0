import Foundation

/// The side of the review a user acts for. Which party a user is depends on the exception, not only on the role: a
/// district that authorized a charter school is that charter's monitoring authority (§2.6).
public enum WorkflowParty: String, Sendable, Codable, CaseIterable {
  /// The district (or charter school) whose assignment it is: proposes determinations.
  case lea
  /// The county office (or chartering district): decides determinations and submits them.
  case monitoringAuthority = "monitoring_authority"
  /// The Commission on Teacher Credentialing: finalizes, and closes the cycle.
  case commission

  public var label: String {
    switch self {
    case .lea: "LEA"
    case .monitoringAuthority: "Monitoring authority"
    case .commission: "CTC"
    }
  }

  /// The usual party of a role: district analysts work for the LEA, county analysts for the monitoring authority.
  /// Nil for roles that take no part in the review (administrators configure, payroll and auditors read).
  public init?(role: Role) {
    switch role {
    case .districtCredentialAnalyst: self = .lea
    case .countyCredentialAnalyst: self = .monitoringAuthority
    case .systemAdministrator, .siteAdministrator, .payroll, .custodianOfRecords, .auditor: return nil
    }
  }
}

/// Who acted: the party and the user's name as the history shows it.
public struct WorkflowActor: Sendable, Hashable, Codable {
  public var party: WorkflowParty
  public var name: String

  public init(party: WorkflowParty, name: String) {
    self.party = party
    self.name = name
  }
}

/// One step a user takes on an exception.
public enum WorkflowAction: Sendable, Hashable {
  /// The LEA records the determination it proposes.
  case propose(Determination, comment: String = "")
  /// The LEA sends its proposal to the monitoring authority (first time: MA Review; after a return: Returned to MA).
  case sendToMonitoringAuthority(comment: String = "")
  /// The monitoring authority sends the exception back to the LEA, saying what it needs.
  case returnToLEA(comment: String)
  /// The monitoring authority decides the final determination.
  case complete(Determination, comment: String = "")
  /// The monitoring authority makes the LEA's proposal the final determination.
  case acceptProposal(comment: String = "")
  /// The monitoring authority changes a determination it already completed.
  case override(Determination, comment: String)
  case submitToCTC
  case finalize
  /// The monitoring authority takes a completed or submitted exception back into review.
  case reopen(comment: String)
  case addComment(String)

  public var kind: WorkflowActionKind {
    switch self {
    case .propose: .propose
    case .sendToMonitoringAuthority: .sendToMonitoringAuthority
    case .returnToLEA: .returnToLEA
    case .complete: .complete
    case .acceptProposal: .acceptProposal
    case .override: .override
    case .submitToCTC: .submitToCTC
    case .finalize: .finalize
    case .reopen: .reopen
    case .addComment: .addComment
    }
  }

  public var comment: String {
    switch self {
    case .propose(_, let c), .sendToMonitoringAuthority(let c), .returnToLEA(let c), .complete(_, let c),
      .acceptProposal(let c), .override(_, let c), .reopen(let c), .addComment(let c):
      c.trimmingCharacters(in: .whitespacesAndNewlines)
    case .submitToCTC, .finalize: ""
    }
  }
}

/// The kind of an action, as stored in the history (stable codes).
public enum WorkflowActionKind: String, Sendable, Codable, CaseIterable {
  case propose
  case sendToMonitoringAuthority = "send_to_monitoring_authority"
  case returnToLEA = "return_to_lea"
  case complete
  case acceptProposal = "accept_proposal"
  case override
  case submitToCTC = "submit_to_ctc"
  case finalize
  case reopen
  case addComment = "add_comment"
  /// Not a user action: the cycle ended (rule 72, `CycleClose`).
  case cycleClose = "cycle_close"

  public var label: String {
    switch self {
    case .propose: "Propose determination"
    case .sendToMonitoringAuthority: "Send to monitoring authority"
    case .returnToLEA: "Return to LEA"
    case .complete: "Complete"
    case .acceptProposal: "Accept proposal"
    case .override: "Override determination"
    case .submitToCTC: "Submit to CTC"
    case .finalize: "Finalize"
    case .reopen: "Reopen"
    case .addComment: "Comment"
    case .cycleClose: "Cycle closed"
    }
  }
}

/// One line of an exception's history: who did what on which day, the status before and after, the determination
/// the step set (nil when it set none) and the comment.
public struct WorkflowHistoryEntry: Sendable, Hashable, Codable {
  public var actor: WorkflowActor
  public var date: CalendarDate
  public var action: WorkflowActionKind
  public var from: ExceptionStatus
  public var to: ExceptionStatus
  public var determination: Determination?
  public var comment: String

  public init(
    actor: WorkflowActor, date: CalendarDate, action: WorkflowActionKind, from: ExceptionStatus,
    to: ExceptionStatus, determination: Determination?, comment: String
  ) {
    self.actor = actor
    self.date = date
    self.action = action
    self.from = from
    self.to = to
    self.determination = determination
    self.comment = comment
  }
}

/// An exception's review state: status, the LEA's proposal, the monitoring authority's final determination and
/// the history that led there.
public struct ExceptionState: Sendable, Hashable, Codable {
  public var status: ExceptionStatus
  /// What the LEA proposed (kept after the monitoring authority decides, to show both).
  public var proposedDetermination: Determination?
  /// The monitoring authority's decision; nil until completed.
  public var determination: Determination?
  public var history: [WorkflowHistoryEntry]

  public init(
    status: ExceptionStatus = .undetermined, proposedDetermination: Determination? = nil,
    determination: Determination? = nil, history: [WorkflowHistoryEntry] = []
  ) {
    self.status = status
    self.proposedDetermination = proposedDetermination
    self.determination = determination
    self.history = history
  }
}

extension ExceptionState {
  /// The day the determination now in force was made by the monitoring authority (or by the cycle closing): the
  /// day the 30-day correction of a misassignment starts (rule 73). An LEA proposal is not a determination.
  public var determinedOn: CalendarDate? {
    guard determination != nil else { return nil }
    return history.last(where: { $0.determination != nil && $0.actor.party != .lea })?.date
  }
}

/// Why an action was refused, with what the caller needs to fix or explain it.
public enum WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Every history entry names who acted.
  case actorNameRequired
  case wrongParty(action: WorkflowActionKind, allowed: WorkflowParty, actual: WorkflowParty)
  /// The action is accepted only from `opens` through `closes` (nil: no end).
  case windowClosed(action: WorkflowActionKind, opens: CalendarDate, closes: CalendarDate?, on: CalendarDate)
  case commentRequired(action: WorkflowActionKind, reason: String)
  /// The action needs a determination the exception does not have yet (e.g. sending without a proposal).
  case determinationRequired(action: WorkflowActionKind)
  case invalidTransition(action: WorkflowActionKind, from: ExceptionStatus)

  public var description: String {
    switch self {
    case .actorNameRequired:
      "Every step is recorded with the name of the user who took it; no name was given."
    case .wrongParty(let action, let allowed, let actual):
      "\(action.label) is done by the \(allowed.label), not the \(actual.label)."
    case .windowClosed(let action, let opens, let closes, let on):
      if let closes {
        "\(action.label) is accepted from \(opens) through \(closes); \(on) is outside that window."
      } else {
        "\(action.label) is accepted from \(opens) on; \(on) is before that."
      }
    case .commentRequired(let action, let reason):
      "\(action.label) needs a comment: \(reason)."
    case .determinationRequired(let action):
      "\(action.label) needs a proposed determination first."
    case .invalidTransition(let action, let from):
      "\(action.label) is not possible while the exception is \(from.label)."
    }
  }
}

/// The CalSAAS exception review as a pure state machine: who may do what to an exception, in which status and
/// inside which dates, and the history every step leaves.
///
/// Source: domain guide §2.2 (LEA proposes, monitoring authority finalizes [O15][S4][S7]; statuses [S5]), §2.3 and
/// rule 71 (LEA initial determinations within 60 days of the start, afterwards only answers to returned items;
/// monitoring authority within 90 days; CTC finalizes 1 November [S9]), §2.6 (county office is the monitoring
/// authority; the County Administrator has final authority before submission to the CTC [S15]).
///
/// | action | party | from | to | window |
/// |---|---|---|---|---|
/// | propose | LEA | Undetermined · Returned to LEA | unchanged | LEA window · MA window when returned |
/// | send to MA | LEA | Undetermined · Returned to LEA | MA Review · Returned to MA | as propose |
/// | return to LEA | MA | MA Review · Returned to MA | Returned to LEA | MA window |
/// | complete | MA | Undetermined · MA Review · Returned to LEA · Returned to MA | MA Completed | MA window |
/// | accept proposal | MA | MA Review · Returned to MA | MA Completed | MA window |
/// | override | MA | MA Completed | MA Completed | MA window |
/// | submit to CTC | MA | MA Completed | Submitted to CTC | MA window |
/// | reopen | MA | MA Completed · Submitted to CTC | MA Review | MA window |
/// | finalize | CTC | Submitted to CTC | Finalized | on/after finalization |
/// | comment | anyone | any | unchanged | any day |
public enum ExceptionWorkflow {
  /// Applies one action, or says why it cannot be applied. On success the new state carries one more history
  /// entry.
  public static func apply(
    _ action: WorkflowAction, to state: ExceptionState, by actor: WorkflowActor, on date: CalendarDate,
    cycle: MonitoringCycle
  ) -> Result<ExceptionState, WorkflowError> {
    guard !actor.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      return .failure(.actorNameRequired)
    }
    let kind = action.kind
    let comment = action.comment
    if let party = party(for: kind), party != actor.party {
      return .failure(.wrongParty(action: kind, allowed: party, actual: actor.party))
    }

    var next = state
    var determination: Determination? = nil
    switch action {
    case .propose(let proposal, _):
      if let error = checkLEAStep(kind, state.status, date, cycle) { return .failure(error) }
      // "Other" says nothing by itself; the monitoring authority needs the reason to decide.
      if proposal == .other && comment.isEmpty {
        return .failure(.commentRequired(action: kind, reason: "say why the assignment is \"Other\""))
      }
      next.proposedDetermination = proposal
      determination = proposal

    case .sendToMonitoringAuthority:
      if let error = checkLEAStep(kind, state.status, date, cycle) { return .failure(error) }
      guard state.proposedDetermination != nil else { return .failure(.determinationRequired(action: kind)) }
      next.status = state.status == .undetermined ? .maReview : .returnedToMA

    case .returnToLEA:
      guard [.maReview, .returnedToMA].contains(state.status) else {
        return .failure(.invalidTransition(action: kind, from: state.status))
      }
      if let error = checkAuthorityWindow(kind, date, cycle) { return .failure(error) }
      guard !comment.isEmpty else {
        return .failure(.commentRequired(action: kind, reason: "tell the LEA what is missing or wrong"))
      }
      next.status = .returnedToLEA

    case .complete(let decided, _):
      guard [.undetermined, .maReview, .returnedToLEA, .returnedToMA].contains(state.status) else {
        return .failure(.invalidTransition(action: kind, from: state.status))
      }
      if let error = checkAuthorityWindow(kind, date, cycle) { return .failure(error) }
      if decided == .other && comment.isEmpty {
        return .failure(.commentRequired(action: kind, reason: "say why the assignment is \"Other\""))
      }
      // Deciding differently from the district is the county's right, but the district must be told why.
      if let proposal = state.proposedDetermination, proposal != decided, comment.isEmpty {
        return .failure(
          .commentRequired(
            action: kind, reason: "the determination differs from the LEA's proposal (\(proposal.label))"))
      }
      next.status = .maCompleted
      next.determination = decided
      determination = decided

    case .acceptProposal:
      guard [.maReview, .returnedToMA].contains(state.status) else {
        return .failure(.invalidTransition(action: kind, from: state.status))
      }
      if let error = checkAuthorityWindow(kind, date, cycle) { return .failure(error) }
      guard let proposal = state.proposedDetermination else { return .failure(.determinationRequired(action: kind)) }
      next.status = .maCompleted
      next.determination = proposal
      determination = proposal

    case .override(let decided, _):
      guard state.status == .maCompleted else { return .failure(.invalidTransition(action: kind, from: state.status)) }
      if let error = checkAuthorityWindow(kind, date, cycle) { return .failure(error) }
      guard !comment.isEmpty else {
        return .failure(.commentRequired(action: kind, reason: "say why the completed determination changes"))
      }
      next.determination = decided
      determination = decided

    case .submitToCTC:
      guard state.status == .maCompleted, state.determination != nil else {
        return .failure(.invalidTransition(action: kind, from: state.status))
      }
      if let error = checkAuthorityWindow(kind, date, cycle) { return .failure(error) }
      next.status = .submittedToCTC

    case .reopen:
      guard [.maCompleted, .submittedToCTC].contains(state.status) else {
        return .failure(.invalidTransition(action: kind, from: state.status))
      }
      if let error = checkAuthorityWindow(kind, date, cycle) { return .failure(error) }
      guard !comment.isEmpty else {
        return .failure(.commentRequired(action: kind, reason: "say why the determination is reconsidered"))
      }
      next.status = .maReview
      next.determination = nil

    case .finalize:
      guard state.status == .submittedToCTC else {
        return .failure(.invalidTransition(action: kind, from: state.status))
      }
      guard date >= cycle.finalization else {
        return .failure(.windowClosed(action: kind, opens: cycle.finalization, closes: nil, on: date))
      }
      next.status = .finalized

    case .addComment:
      guard !comment.isEmpty else { return .failure(.commentRequired(action: kind, reason: "the comment is empty")) }
    }

    next.history.append(
      WorkflowHistoryEntry(
        actor: actor, date: date, action: kind, from: state.status, to: next.status, determination: determination,
        comment: comment))
    return .success(next)
  }

  /// The one party allowed to take an action; nil when any party may (comments).
  public static func party(for kind: WorkflowActionKind) -> WorkflowParty? {
    switch kind {
    case .propose, .sendToMonitoringAuthority: .lea
    case .returnToLEA, .complete, .acceptProposal, .override, .submitToCTC, .reopen: .monitoringAuthority
    case .finalize, .cycleClose: .commission
    case .addComment: nil
    }
  }

  /// LEA steps: initial work only inside the LEA window; after that the LEA can only answer what the monitoring
  /// authority returned, while the authority can still act on the answer (rule 71).
  static func checkLEAStep(
    _ kind: WorkflowActionKind, _ status: ExceptionStatus, _ date: CalendarDate, _ cycle: MonitoringCycle
  ) -> WorkflowError? {
    switch status {
    case .undetermined:
      guard cycle.isLEAWindowOpen(on: date) else {
        return .windowClosed(action: kind, opens: cycle.monitoringStart, closes: cycle.leaDeadline, on: date)
      }
      return nil
    case .returnedToLEA:
      return checkAuthorityWindow(kind, date, cycle)
    default:
      return .invalidTransition(action: kind, from: status)
    }
  }

  static func checkAuthorityWindow(
    _ kind: WorkflowActionKind, _ date: CalendarDate, _ cycle: MonitoringCycle
  )
    -> WorkflowError?
  {
    guard cycle.isMonitoringAuthorityWindowOpen(on: date) else {
      return .windowClosed(
        action: kind, opens: cycle.monitoringStart, closes: cycle.monitoringAuthorityDeadline, on: date)
    }
    return nil
  }
}
