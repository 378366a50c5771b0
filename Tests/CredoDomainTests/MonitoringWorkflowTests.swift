import CredoDomain
import Foundation
import Testing

@Suite("CalSAAS exception workflow, cycle and deadlines")
struct MonitoringWorkflowTests {
  func date(_ iso: String) -> CalendarDate { CalendarDate(parsing: iso)! }

  let cycle = MonitoringCycle(academicYear: SchoolYear(startYear: 2024))
  let district = WorkflowActor(party: .lea, name: "Dana District")
  let county = WorkflowActor(party: .monitoringAuthority, name: "Casey County")
  let ctc = WorkflowActor(party: .commission, name: "CTC")

  /// Applies steps in order, failing the test at the first refusal.
  func run(
    _ steps: [(WorkflowAction, WorkflowActor, String)], from state: ExceptionState = ExceptionState()
  ) throws -> ExceptionState {
    var current = state
    for (action, actor, day) in steps {
      current = try ExceptionWorkflow.apply(action, to: current, by: actor, on: date(day), cycle: cycle).get()
    }
    return current
  }

  func error(
    _ action: WorkflowAction, _ state: ExceptionState, _ actor: WorkflowActor, _ day: String
  ) -> WorkflowError? {
    if case .failure(let e) = ExceptionWorkflow.apply(action, to: state, by: actor, on: date(day), cycle: cycle) {
      return e
    }
    return nil
  }

  // MARK: Cycle dates

  @Test(
    "Rule 70: census day is the first Wednesday of October of the academic year's start [S11][S6]",
    arguments: [(2020, "2020-10-07"), (2024, "2024-10-02"), (2025, "2025-10-01"), (2026, "2026-10-07")])
  func censusDate(_ startYear: Int, _ iso: String) {
    let census = MonitoringCycle.censusDate(for: SchoolYear(startYear: startYear))
    #expect(census.iso == iso)
    #expect(census.weekday == 3)
  }

  @Test("Rule 71: monitoring starts 1 August, LEA deadline +60 days, MA deadline +90, final 1 November [S9]")
  func cycleDates() {
    #expect(cycle.monitoringStart.iso == "2025-08-01")
    #expect(cycle.leaDeadline.iso == "2025-09-30")
    #expect(cycle.monitoringAuthorityDeadline.iso == "2025-10-30")
    #expect(cycle.finalization.iso == "2025-11-01")
    #expect(cycle.censusDate.iso == "2024-10-02")
    #expect(!cycle.isLEAWindowOpen(on: date("2025-07-31")))
    #expect(cycle.isLEAWindowOpen(on: date("2025-08-01")))
    #expect(cycle.isLEAWindowOpen(on: date("2025-09-30")))
    #expect(!cycle.isLEAWindowOpen(on: date("2025-10-01")))
    #expect(cycle.isMonitoringAuthorityWindowOpen(on: date("2025-10-30")))
    #expect(!cycle.isMonitoringAuthorityWindowOpen(on: date("2025-10-31")))
    #expect(!cycle.isClosed(on: date("2025-10-31")))
    #expect(cycle.isClosed(on: date("2025-11-01")))
  }

  @Test("Rule 71: a county office's own cycle takes its own start; finalization follows the MA deadline")
  func countyCycle() {
    let own = MonitoringCycle(academicYear: SchoolYear(startYear: 2025), monitoringStart: date("2026-01-15"))
    #expect(own.leaDeadline.iso == "2026-03-16")
    #expect(own.monitoringAuthorityDeadline.iso == "2026-04-15")
    #expect(own.finalization.iso == "2026-11-01")
    let late = MonitoringCycle(academicYear: SchoolYear(startYear: 2025), monitoringStart: date("2026-09-01"))
    #expect(late.finalization.iso == "2026-12-01")
  }

  // MARK: The review

  @Test("Rule 71: the district proposes and sends; the county accepts, submits; the CTC finalizes [S9][O15]")
  func happyPath() throws {
    let state = try run([
      (.propose(.localAssignmentOption, comment: "EC 44263 board resolution 2024-08-12"), district, "2025-08-10"),
      (.sendToMonitoringAuthority(), district, "2025-08-11"),
      (.acceptProposal(), county, "2025-09-15"),
      (.submitToCTC, county, "2025-10-20"),
      (.finalize, ctc, "2025-11-01"),
    ])
    #expect(state.status == .finalized)
    #expect(state.determination == .localAssignmentOption)
    #expect(state.history.map(\.to) == [.undetermined, .maReview, .maCompleted, .submittedToCTC, .finalized])
    #expect(
      state.history.map(\.actor.name) == ["Dana District", "Dana District", "Casey County", "Casey County", "CTC"])
    #expect(state.history[0].determination == .localAssignmentOption)
    #expect(state.history[0].comment == "EC 44263 board resolution 2024-08-12")
    #expect(state.history[1].from == .undetermined)
    #expect(state.history[2].date.iso == "2025-09-15")
  }

  @Test("Rule 71: after the 60 days the district can only answer what the county returned [S9]")
  func leaWindow() throws {
    let late = error(.propose(.appropriateAssignment), ExceptionState(), district, "2025-10-01")
    #expect(
      late
        == .windowClosed(
          action: .propose, opens: date("2025-08-01"), closes: date("2025-09-30"), on: date("2025-10-01")))
    let early = error(.propose(.appropriateAssignment), ExceptionState(), district, "2025-07-31")
    #expect(early != nil)

    let returned = try run([
      (.propose(.appropriateAssignment), district, "2025-09-01"),
      (.sendToMonitoringAuthority(), district, "2025-09-02"),
      (.returnToLEA(comment: "Upload the SMA for chemistry"), county, "2025-09-20"),
    ])
    #expect(returned.status == .returnedToLEA)
    // Past the LEA window, answering a returned exception is still allowed while the county can act.
    let answered = try run(
      [
        (.propose(.appropriateAssignment, comment: "SMA chemistry attached"), district, "2025-10-10"),
        (.sendToMonitoringAuthority(), district, "2025-10-10"),
      ], from: returned)
    #expect(answered.status == .returnedToMA)
    #expect(error(.propose(.appropriateAssignment), returned, district, "2025-10-31") != nil)
  }

  @Test("Districts propose, the county decides: each side is refused the other's steps [S4][S15]")
  func parties() throws {
    let inReview = try run([
      (.propose(.coreSetting), district, "2025-08-05"), (.sendToMonitoringAuthority(), district, "2025-08-05"),
    ])
    #expect(
      error(.acceptProposal(), inReview, district, "2025-08-06")
        == .wrongParty(action: .acceptProposal, allowed: .monitoringAuthority, actual: .lea))
    #expect(
      error(.propose(.coreSetting), ExceptionState(), county, "2025-08-06")
        == .wrongParty(action: .propose, allowed: .lea, actual: .monitoringAuthority))
    let completed = try run([(.acceptProposal(), county, "2025-08-07")], from: inReview)
    #expect(
      error(.finalize, try run([(.submitToCTC, county, "2025-08-08")], from: completed), county, "2025-11-02")
        == .wrongParty(action: .finalize, allowed: .commission, actual: .monitoringAuthority))
    #expect(
      error(.addComment("ok"), completed, WorkflowActor(party: .lea, name: "  "), "2025-08-08") == .actorNameRequired)
    #expect(WorkflowParty(role: .districtCredentialAnalyst) == .lea)
    #expect(WorkflowParty(role: .countyCredentialAnalyst) == .monitoringAuthority)
    #expect(WorkflowParty(role: .payroll) == nil)
  }

  @Test("Returning to the LEA, overriding and reopening need a comment; so does deciding against the proposal")
  func comments() throws {
    let inReview = try run([
      (.propose(.appropriateAssignment), district, "2025-08-05"),
      (.sendToMonitoringAuthority(), district, "2025-08-05"),
    ])
    #expect(error(.returnToLEA(comment: "  "), inReview, county, "2025-08-06") != nil)
    if case .commentRequired(let action, _) = error(.returnToLEA(comment: ""), inReview, county, "2025-08-06") {
      #expect(action == .returnToLEA)
    } else {
      Issue.record("expected commentRequired")
    }
    #expect(error(.complete(.misassignment), inReview, county, "2025-08-06") != nil)
    let decided = try run(
      [(.complete(.misassignment, comment: "No chemistry authorization on file"), county, "2025-08-06")],
      from: inReview)
    #expect(decided.determination == .misassignment)
    #expect(decided.proposedDetermination == .appropriateAssignment)
    #expect(error(.override(.appropriateAssignment, comment: ""), decided, county, "2025-08-07") != nil)
    let overridden = try run(
      [(.override(.shortTermWaiver, comment: "STW issued 2024-09-01 found"), county, "2025-08-07")], from: decided)
    #expect(overridden.determination == .shortTermWaiver)
    #expect(overridden.status == .maCompleted)
    #expect(error(.reopen(comment: ""), overridden, county, "2025-08-08") != nil)
    let reopened = try run([(.reopen(comment: "District disputes"), county, "2025-08-08")], from: overridden)
    #expect(reopened.status == .maReview)
    #expect(reopened.determination == nil)
    #expect(error(.propose(.other), ExceptionState(), district, "2025-08-05") != nil)
  }

  @Test("Steps out of order are refused with the status they were tried from [S5]")
  func invalidTransitions() throws {
    #expect(
      error(.submitToCTC, ExceptionState(), county, "2025-08-05")
        == .invalidTransition(action: .submitToCTC, from: .undetermined))
    #expect(
      error(.sendToMonitoringAuthority(), ExceptionState(), district, "2025-08-05")
        == .determinationRequired(action: .sendToMonitoringAuthority))
    #expect(
      error(.acceptProposal(), ExceptionState(), county, "2025-08-05")
        == .invalidTransition(action: .acceptProposal, from: .undetermined))
    let finalized = ExceptionState(status: .finalized, determination: .vacancy)
    #expect(
      error(.reopen(comment: "late"), finalized, county, "2025-08-05")
        == .invalidTransition(action: .reopen, from: .finalized))
    let submitted = ExceptionState(status: .submittedToCTC, determination: .vacancy)
    #expect(
      error(.finalize, submitted, ctc, "2025-10-31")
        == .windowClosed(action: .finalize, opens: date("2025-11-01"), closes: nil, on: date("2025-10-31")))
    #expect(error(.complete(.vacancy), ExceptionState(), county, "2025-10-31") != nil)
    // The county may decide an exception the district never worked, inside its own window.
    let direct = try run([(.complete(.vacancy), county, "2025-10-30")])
    #expect(direct.status == .maCompleted)
  }

  @Test("Comments are recorded in the history and change nothing else")
  func commentsRecorded() throws {
    let state = try run([(.addComment("Called HR, waiting for the permit"), district, "2025-12-01")])
    #expect(state.status == .undetermined)
    #expect(state.history.count == 1)
    #expect(state.history[0].action == .addComment)
    #expect(state.history[0].comment == "Called HR, waiting for the permit")
    #expect(error(.addComment(" "), state, district, "2025-12-01") != nil)
  }

  @Test("Statuses and determinations have stable snake_case codes and CalSAAS labels [S5][O15]")
  func vocabulary() {
    #expect(
      ExceptionStatus.allCases.map(\.rawValue) == [
        "undetermined", "ma_review", "returned_to_lea", "returned_to_ma", "ma_completed", "submitted_to_ctc",
        "finalized",
      ])
    #expect(ExceptionStatus.returnedToMA.label == "Returned to MA")
    #expect(Determination.allCases.count == 9)
    #expect(Determination.alternateSPED.rawValue == "alternate_sped")
    #expect(Determination.calpadsError.label == "CALPADS Error")
    #expect(Determination.shortTermWaiver.label == "Short-Term Waiver")
  }

  // MARK: Cycle close

  @Test("Rule 72: an exception still undetermined at cycle end becomes a misassignment [S4]")
  func cycleCloseUndetermined() {
    let closed = CycleClose.close(ExceptionState(), cycle: cycle)
    #expect(closed.status == .finalized)
    #expect(closed.determination == .misassignment)
    #expect(closed.history.last?.action == .cycleClose)
    #expect(closed.history.last?.date.iso == "2025-11-01")
    #expect(closed.history.last?.actor.party == .commission)
  }

  @Test("Rule 72: an LEA proposal the county never decided is no determination; a completed one is kept [S4]")
  func cycleCloseProposalsAndCompleted() throws {
    let proposed = try run([
      (.propose(.appropriateAssignment), district, "2025-08-05"),
      (.sendToMonitoringAuthority(), district, "2025-08-05"),
    ])
    #expect(CycleClose.becomesMisassignment(proposed))
    #expect(CycleClose.close(proposed, cycle: cycle).determination == .misassignment)
    let completed = try run([(.acceptProposal(), county, "2025-08-06")], from: proposed)
    #expect(!CycleClose.becomesMisassignment(completed))
    let closed = CycleClose.close(completed, cycle: cycle)
    #expect(closed.determination == .appropriateAssignment)
    #expect(closed.status == .finalized)
    let finalized = ExceptionState(status: .finalized, determination: .vacancy)
    #expect(CycleClose.close(finalized, cycle: cycle) == finalized)
  }

  // MARK: Deadlines

  @Test("Rule 73: a misassignment is corrected within 30 calendar days [S15][S16]")
  func misassignmentCorrection() {
    let deadline = CorrectionDeadlines.misassignmentCorrection(identifiedOn: date("2026-03-01"))
    #expect(deadline.dueDate.iso == "2026-03-31")
    #expect(!deadline.isOverdue(on: date("2026-03-31")))
    #expect(deadline.isOverdue(on: date("2026-04-01")))
    #expect(!deadline.isOverdue(on: date("2026-05-01"), resolvedOn: date("2026-03-30")))
    #expect(deadline.isOverdue(on: date("2026-05-01"), resolvedOn: date("2026-04-02")))
    #expect(deadline.daysRemaining(on: date("2026-03-21")) == 10)
  }

  @Test("Rule 73: an educator complaint is answered within 15 working days, skipping weekends and holidays [S15]")
  func complaintResponse() {
    // Monday 2 March 2026: 15 working days later is Monday 23 March.
    let plain = CorrectionDeadlines.complaintResponse(receivedOn: date("2026-03-02"))
    #expect(plain.dueDate.iso == "2026-03-23")
    // Cesar Chavez Day (Tuesday 31 March 2026) and spring break Monday 6 April push it.
    let received = date("2026-03-20")
    #expect(CorrectionDeadlines.complaintResponse(receivedOn: received).dueDate.iso == "2026-04-10")
    let withHolidays = CorrectionDeadlines.complaintResponse(
      receivedOn: received, holidays: [date("2026-03-31"), date("2026-04-06")])
    #expect(withHolidays.dueDate.iso == "2026-04-14")
    #expect(!withHolidays.isOverdue(on: date("2026-04-14")))
    #expect(withHolidays.isOverdue(on: date("2026-04-15")))
    // Received on a Saturday: the first working day counted is Monday.
    #expect(CorrectionDeadlines.complaintResponse(receivedOn: date("2026-03-07")).dueDate.iso == "2026-03-27")
    #expect(!CorrectionDeadlines.isWorkingDay(date("2026-03-08")))
  }
}
