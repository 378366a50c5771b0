import CredoDomain
import CredoStore
import Crypto
import Foundation
import SQLKit

/// The exceptions list a reviewer works from, with the school workloads and the cycle's dates.
public struct ExceptionList: Sendable {
  public var year: SchoolYear
  public var page: Page<ExceptionItem>
  /// Exceptions in the filter per school and review status (the whole filter, not just the page).
  public var workload: [SchoolWorkload]
  public var cycle: CycleRecord
  public var today: CalendarDate
  public var schoolNames: [String: String]
  public var teacherNames: [String: EducatorName]
}

/// A teacher as lists name them, with the record to link to.
public struct EducatorName: Sendable, Hashable {
  public var id: UUID
  public var sortName: String
}

/// One school's share of the review.
public struct SchoolWorkload: Sendable, Hashable {
  public var cdsCode: String
  public var schoolName: String
  public var byStatus: [ExceptionStatus: Int]
  public var total: Int { byStatus.values.reduce(0, +) }
  /// Still waiting on someone before the monitoring authority's decision.
  public var open: Int {
    byStatus.filter { ![.maCompleted, .submittedToCTC, .finalized].contains($0.key) }.values.reduce(0, +)
  }
}

/// Everything the exception page shows.
public struct ExceptionDetail: Sendable {
  public var year: SchoolYear
  public var outcome: StoredOutcome
  public var review: ExceptionReviewSummary
  public var state: ExceptionState
  public var history: [StoredWorkflowEvent]
  public var evidence: [EvidenceFile]
  public var cycle: CycleRecord
  public var today: CalendarDate
  public var schoolName: String
  public var teacher: EducatorName?
  /// The side the viewer acts for on this exception; nil for readers.
  public var party: WorkflowParty?
  /// The steps the viewer can take now (their forms are shown); the workflow still checks each on submit.
  public var actions: [WorkflowActionKind]
  public var deadlines: [CorrectionDeadline]
  /// Whether the finding is still raised by the latest run (false once corrected and re-monitored).
  public var isCurrent: Bool { outcome.resolvedRunId == nil }
}

/// The CalSAAS-style review of exceptions between districts and the county office (domain guide §2.2–2.3,
/// rules 70–73): lists with school workloads, one exception's page, the steps of the review (propose, send,
/// return, complete, …) checked by the pure `ExceptionWorkflow` and stored with their history, evidence files,
/// the year's cycle dates, and closing the cycle (rule 72).
///
/// Who acts for whom: a county credential analyst whose county holds the exception's LEA is its monitoring
/// authority; a district credential analyst of that LEA acts for the LEA. Everyone else with the records in scope
/// reads. (A chartering district as a charter school's monitoring authority, §2.6, is not modelled yet: the county
/// office reviews charter exceptions.)
public struct ExceptionReview: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// Evidence files larger than this are refused (a scanned letter or a transcript fits easily).
  public static let maxEvidenceBytes = 10 * 1024 * 1024
  /// File types evidence may have: documents and scans, nothing executable.
  public static let evidenceTypes: [String: String] = [
    "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "txt": "text/plain",
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ]

  // MARK: Cycle

  /// The year's cycle as the office set it, else the CalSAAS defaults (start 1 August after the year).
  public func cycle(year: SchoolYear) async throws -> CycleRecord {
    try await ExceptionRepository(services.database.sql).cycle(year: year)
      ?? CycleRecord(cycle: MonitoringCycle(academicYear: year), updatedBy: "")
  }

  /// Sets the year's cycle dates: the county office's own year-round review runs on its own dates (§2.2
  /// "MA Reported"); CalSAAS's defaults apply otherwise.
  public func setCycle(
    year: SchoolYear, monitoringStart: CalendarDate, leaWindowDays: Int, authorityWindowDays: Int,
    finalization: CalendarDate?, by viewer: Viewer
  ) async throws {
    try requireCycleOwner(viewer)
    var problems: [FieldProblem] = []
    if !(1...366).contains(leaWindowDays) {
      problems.append(FieldProblem(field: "lea_window_days", message: "Give 1 to 366 days (CalSAAS: 60)."))
    }
    if !(1...366).contains(authorityWindowDays) || authorityWindowDays < leaWindowDays {
      problems.append(
        FieldProblem(
          field: "authority_window_days",
          message: "Give 1 to 366 days, at least the LEA window (CalSAAS: 90)."))
    }
    if let finalization, finalization <= monitoringStart.adding(days: authorityWindowDays) {
      problems.append(
        FieldProblem(field: "finalization", message: "Finalization must fall after the monitoring authority's window."))
    }
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    let existing = try await cycle(year: year)
    let record = CycleRecord(
      cycle: MonitoringCycle(
        academicYear: year, monitoringStart: monitoringStart, leaWindowDays: leaWindowDays,
        monitoringAuthorityWindowDays: authorityWindowDays, finalization: finalization),
      closedOn: existing.closedOn, updatedBy: viewer.actor.name)
    let now = services.now
    try await services.database.transaction { db in
      try await ExceptionRepository(db).save(record, at: now)
      try await AuditRepository(db).record(
        [
          AuditChange(
            field: "monitoring_start", oldValue: existing.cycle.monitoringStart.iso, newValue: monitoringStart.iso),
          AuditChange(
            field: "lea_window_days", oldValue: String(existing.cycle.leaWindowDays), newValue: String(leaWindowDays)),
          AuditChange(
            field: "authority_window_days", oldValue: String(existing.cycle.monitoringAuthorityWindowDays),
            newValue: String(authorityWindowDays)),
          AuditChange(
            field: "finalization", oldValue: existing.cycle.finalization.iso, newValue: record.cycle.finalization.iso),
        ].filter { $0.oldValue != $0.newValue }, entityType: "monitoring_cycle", entityId: Self.entityId(year, "cycle"),
        action: .update, actor: viewer.actor, at: now)
    }
  }

  func requireCycleOwner(_ viewer: Viewer) throws {
    guard
      viewer.isSystem
        || viewer.roles.contains(where: { [.systemAdministrator, .countyCredentialAnalyst].contains($0.role) })
    else { throw CoreError.forbidden("setting or closing a monitoring cycle (county office)") }
  }

  /// Closes the cycle (rule 72): every exception of the year not finalized is finalized, with the monitoring
  /// authority's determination when it made one and as a misassignment otherwise. Refused before the cycle's
  /// finalization day. Returns how many exceptions became misassignments and how many were finalized in all.
  ///
  /// Each district with exceptions made misassignments by the close gets one `cycle-misassignments` notice (its
  /// analysts): the list, and the 30 days it has to correct them (rule 73). At state size that is one notice per
  /// district, not one per exception; a determination made earlier had its own `misassignment` notice. The notices are
  /// queued in the close's transaction, so a close that fails sends nothing and one that succeeds cannot lose them.
  public func closeCycle(
    year: SchoolYear, by viewer: Viewer
  ) async throws -> (
    finalized: Int, misassignments: Int, notices: Int
  ) {
    try requireCycleOwner(viewer)
    let record = try await cycle(year: year)
    let today = services.today.date
    guard record.cycle.isClosed(on: today) else {
      throw CoreError.invalid([
        FieldProblem(
          field: "finalization",
          message:
            "The \(year) cycle closes on \(record.cycle.finalization.iso); today is \(today.iso). Change the cycle's finalization date first if the office closes earlier."
        )
      ])
    }
    let now = services.now
    let open = try await ExceptionRepository(services.database.sql).openExceptions(year: year)
    var closedRecord = record
    closedRecord.closedOn = today
    closedRecord.updatedBy = viewer.actor.name
    let finalRecord = closedRecord
    try await NoticeTemplates(services).ensureDefaults()
    let (misassignments, notices) = try await services.database.transaction(bulk: true) { db in
      let repository = ExceptionRepository(db)
      var misassignments: [StoredOutcome] = []
      let histories = try await repository.histories(year: year, outcomeKeys: open.map(\.outcome.outcomeKey))
      for item in open {
        let history = (histories[item.outcome.outcomeKey] ?? []).map(\.entry)
        let state = ExceptionState(
          status: item.review.status, proposedDetermination: item.review.proposedDetermination,
          determination: item.review.determination, history: history)
        if CycleClose.becomesMisassignment(state) { misassignments.append(item.outcome) }
        let closed = CycleClose.close(state, cycle: record.cycle)
        try await repository.store(
          year: year, outcome: item.outcome, state: closed, newEntries: closed.history[history.count...],
          complaintReceivedOn: item.review.complaintReceivedOn, expectedVersion: item.review.version, userId: nil,
          at: now)
      }
      try await repository.save(finalRecord, at: now)
      try await AuditRepository(db).record(
        [
          AuditChange(field: "closed_on", oldValue: nil, newValue: today.iso),
          AuditChange(field: "finalized", oldValue: nil, newValue: String(open.count)),
          AuditChange(field: "misassignments", oldValue: nil, newValue: String(misassignments.count)),
        ], entityType: "monitoring_cycle", entityId: Self.entityId(year, "cycle"), action: .update,
        actor: viewer.actor, at: now)
      let requests = try await self.closeNotices(misassignments, year: year, closedOn: today, in: db)
      let queued = try await NoticeOutbox(self.services).enqueue(
        requests, by: .system(channel: "monitoring"), in: db)
      return (misassignments.count, queued.requestsAnswered)
    }
    return (open.count, misassignments, notices)
  }

  /// The most exceptions one cycle-close notice lists; the rest are counted and left to the exceptions report.
  static let closeNoticeListLimit = 100

  /// One notice per district for the exceptions the close made misassignments.
  func closeNotices(
    _ outcomes: [StoredOutcome], year: SchoolYear, closedOn: CalendarDate, in db: any SQLDatabase
  ) async throws -> [NoticeRequest] {
    guard !outcomes.isEmpty else { return [] }
    let organizations = OrganizationRepository(db)
    let byDistrict = Dictionary(grouping: outcomes, by: \.reportingLea)
    let districts = try await organizations.find(
      cdsCodes: Set(byDistrict.keys.compactMap { lea in DistrictCode(lea).map { CDSCode(district: $0).digits } }))
    let schools = try await organizations.find(cdsCodes: Set(outcomes.map(\.cdsCode)))
    let deadline = CorrectionDeadlines.misassignmentCorrection(identifiedOn: closedOn)
    var requests: [NoticeRequest] = []
    for (lea, items) in byDistrict.sorted(by: { $0.key < $1.key }) {
      guard let code = DistrictCode(lea) else { continue }
      let key: String = CDSCode(district: code).digits
      guard let district = districts[key] else { continue }
      let sorted = items.sorted { ($0.cdsCode, $0.seid, $0.sectionId) < ($1.cdsCode, $1.seid, $1.sectionId) }
      var lines = sorted.prefix(Self.closeNoticeListLimit).map { outcome in
        let school = schools[outcome.cdsCode]?.name ?? outcome.cdsCode
        let course = outcome.stateCourseCode.isEmpty ? outcome.assignmentCode : outcome.stateCourseCode
        let reason = outcome.rule.isEmpty ? outcome.exceptionType : outcome.rule
        return "SEID \(outcome.seid): \(course) section \(outcome.sectionId) at \(school) (\(reason))"
      }
      if sorted.count > Self.closeNoticeListLimit {
        lines.append("… and \(sorted.count - Self.closeNoticeListLimit) more: see the exceptions report for \(year).")
      }
      requests.append(
        NoticeRequest(
          template: "cycle-misassignments", organizationId: district.id, audience: [.districtAnalysts],
          trigger: "cycle:\(year):closed:misassignments",
          facts: [
            "district": district.name, "academic_year": year.description, "count": String(items.count),
            "closed_on": closedOn.iso, "correct_by": deadline.dueDate.iso, "items": lines.joined(separator: "\n"),
          ], dueOn: closedOn))
    }
    return requests
  }

  // MARK: Lists

  public func list(
    year: SchoolYear, filter: ExceptionFilter, window: ListWindow, by viewer: Viewer
  ) async throws -> ExceptionList {
    let scope = try viewer.require(.viewRecords, "reading monitoring exceptions")
    let repository = ExceptionRepository(services.database.sql)
    let page = try await repository.exceptions(year: year, filter: filter, scope: scope, window: window)
    let workload = try await repository.workload(year: year, filter: filter, scope: scope)
    let cycle = try await repository.cycle(year: year)
    let names = try await schoolNames(Set(page.items.map(\.outcome.cdsCode)).union(workload.keys))
    let teachers = try await teacherNames(Set(page.items.map(\.outcome.seid)))
    return ExceptionList(
      year: year, page: page,
      workload: workload.map {
        SchoolWorkload(cdsCode: $0.key, schoolName: names[$0.key] ?? $0.key, byStatus: $0.value)
      }
      .sorted { ($0.open, $1.schoolName) > ($1.open, $0.schoolName) },
      cycle: cycle ?? CycleRecord(cycle: MonitoringCycle(academicYear: year), updatedBy: ""),
      today: services.today.date, schoolNames: names, teacherNames: teachers)
  }

  func schoolNames(_ codes: Set<String>) async throws -> [String: String] {
    guard !codes.isEmpty else { return [:] }
    let repository = OrganizationRepository(services.database.sql)
    // One page names a few schools: look them up one by one rather than read the whole directory.
    let organizations =
      codes.count <= 20
      ? try await codes.compactMap { CDSCode($0) }.asyncCompactMap { try await repository.find(cds: $0) }
      : try await repository.all()
    var names: [String: String] = [:]
    for organization in organizations where codes.contains(organization.cdsCode.digits) {
      names[organization.cdsCode.digits] = organization.name
    }
    return names
  }

  func teacherNames(_ seids: Set<String>) async throws -> [String: EducatorName] {
    let parsed = seids.compactMap { SEID($0) }
    guard !parsed.isEmpty else { return [:] }
    let repository = EducatorRepository(services.database.sql)
    let ids = try await repository.ids(seids: parsed)
    let summaries = try await repository.summaries(ids: Array(ids.values))
    var names: [String: EducatorName] = [:]
    for summary in summaries {
      guard let seid = summary.educator.seid else { continue }
      names[seid.digits] = EducatorName(id: summary.educator.id, sortName: summary.educator.sortName)
    }
    return names
  }

  // MARK: One exception

  /// The side `viewer` acts for on an exception of `reportingLEA`, if any.
  public static func party(of viewer: Viewer, reportingLEA: String) -> WorkflowParty? {
    guard let district = DistrictCode(reportingLEA) else { return nil }
    let roles = viewer.roles
    if roles.contains(where: { $0.role == .countyCredentialAnalyst && $0.place.county == district.countyCode }) {
      return .monitoringAuthority
    }
    if roles.contains(where: { $0.role == .districtCredentialAnalyst && $0.place.district == district }) {
      return .lea
    }
    return nil
  }

  public func detail(year: SchoolYear, outcomeKey: String, by viewer: Viewer) async throws -> ExceptionDetail {
    let scope = try viewer.require(.viewRecords, "reading monitoring exceptions")
    let repository = ExceptionRepository(services.database.sql)
    guard let found = try await repository.exception(year: year, outcomeKey: outcomeKey),
      let cds = CDSCode(found.item.outcome.cdsCode), scope.covers(OrganizationPlace(cds))
    else { throw CoreError.notFound("Exception") }
    let evidence = try await repository.evidence(year: year, outcomeKey: outcomeKey)
    let cycle = try await repository.cycle(year: year)
    let item = found.item
    let record = cycle ?? CycleRecord(cycle: MonitoringCycle(academicYear: year), updatedBy: "")
    let state = ExceptionState(
      status: item.review.status, proposedDetermination: item.review.proposedDetermination,
      determination: item.review.determination, history: found.history.map(\.entry))
    let today = services.today.date
    let party = Self.party(of: viewer, reportingLEA: item.outcome.reportingLea)
    var deadlines: [CorrectionDeadline] = []
    if state.determination == .misassignment, let on = state.determinedOn {
      deadlines.append(CorrectionDeadlines.misassignmentCorrection(identifiedOn: on))
    }
    if let received = item.review.complaintReceivedOn {
      deadlines.append(CorrectionDeadlines.complaintResponse(receivedOn: received))
    }
    let names = try await schoolNames([item.outcome.cdsCode])
    let teacher = try await teacherNames([item.outcome.seid])[item.outcome.seid]
    return ExceptionDetail(
      year: year, outcome: item.outcome, review: item.review, state: state, history: found.history,
      evidence: evidence, cycle: record, today: today, schoolName: names[item.outcome.cdsCode] ?? item.outcome.cdsCode,
      teacher: teacher, party: party,
      actions: party.map { Self.actions(for: $0, state: state, cycle: record, on: today) } ?? [],
      deadlines: deadlines)
  }

  /// The steps `party` could take now: each is tried on the pure workflow with a stand-in determination and
  /// comment, so the page offers exactly what the rules allow (a missing comment or determination is the form's
  /// job, not a reason to hide the step).
  static func actions(
    for party: WorkflowParty, state: ExceptionState, cycle: CycleRecord, on date: CalendarDate
  ) -> [WorkflowActionKind] {
    guard cycle.closedOn == nil else { return [.addComment] }
    let actor = WorkflowActor(party: party, name: "check")
    let candidates: [WorkflowAction] = [
      .propose(.appropriateAssignment, comment: "check"), .sendToMonitoringAuthority(comment: "check"),
      .returnToLEA(comment: "check"), .acceptProposal(comment: "check"), .complete(.misassignment, comment: "check"),
      .override(.misassignment, comment: "check"), .submitToCTC, .reopen(comment: "check"), .addComment("check"),
    ]
    var result: [WorkflowActionKind] = []
    for action in candidates {
      var trial = state
      // Sending needs a proposal; try it as if one had been made so the button shows next to the proposal form.
      if action.kind == .sendToMonitoringAuthority, trial.proposedDetermination == nil {
        trial.proposedDetermination = .appropriateAssignment
      }
      switch ExceptionWorkflow.apply(action, to: trial, by: actor, on: date, cycle: cycle.cycle) {
      case .success: result.append(action.kind)
      case .failure(.commentRequired), .failure(.determinationRequired): result.append(action.kind)
      case .failure: continue
      }
    }
    return result
  }

  /// Takes one step of the review for `viewer`, checked by `ExceptionWorkflow`, and stores it with its history
  /// entry. `expectedVersion` is the version the viewer's page showed: a step taken meanwhile by someone else is
  /// refused with a conflict rather than silently overwritten.
  @discardableResult
  public func act(
    _ action: WorkflowAction, year: SchoolYear, outcomeKey: String, expectedVersion: Int, by viewer: Viewer
  ) async throws -> ExceptionState {
    let detail = try await detail(year: year, outcomeKey: outcomeKey, by: viewer)
    let party = try requireParty(detail, viewer)
    guard detail.cycle.closedOn == nil || action.kind == .addComment else {
      throw CoreError.invalid([
        FieldProblem(field: "action", message: "The \(year) cycle is closed; only comments can be added.")
      ])
    }
    guard detail.review.version == expectedVersion else { throw Self.changedMeanwhile }
    let actor = WorkflowActor(party: party, name: viewer.account?.displayName ?? viewer.actor.name)
    let next: ExceptionState
    switch ExceptionWorkflow.apply(action, to: detail.state, by: actor, on: detail.today, cycle: detail.cycle.cycle) {
    case .success(let state): next = state
    case .failure(let error):
      throw CoreError.invalid([FieldProblem(field: Self.field(of: error), message: error.description)])
    }
    try await store(
      detail, next, complaint: detail.review.complaintReceivedOn, viewer: viewer, what: action.kind.rawValue)
    if next.determination == .misassignment, detail.state.determination != .misassignment {
      await notifyMisassignment(detail, next)
    }
    return next
  }

  /// Queues the misassignment notice to the district (its analysts, as the certificated assignment unit): it has
  /// 30 calendar days from the determination to correct the assignment (domain rule 73, EC 44258.9). Sent after
  /// the step is stored; a failure to queue is logged, never a reason to undo the determination.
  func notifyMisassignment(_ detail: ExceptionDetail, _ next: ExceptionState) async {
    let determinedOn = next.determinedOn ?? detail.today
    do {
      guard let district = DistrictCode(detail.outcome.reportingLea),
        let organization = try await OrganizationRepository(services.database.sql).find(
          cds: CDSCode(district: district))
      else { return }
      let deadline = CorrectionDeadlines.misassignmentCorrection(identifiedOn: determinedOn)
      let request = NoticeRequest(
        template: "misassignment", organizationId: organization.id, audience: [.districtAnalysts],
        trigger: "exception:\(detail.year):\(detail.outcome.outcomeKey):misassignment:\(determinedOn.iso)",
        facts: [
          "name": detail.teacher?.sortName ?? detail.outcome.seid, "seid": detail.outcome.seid,
          "course": detail.outcome.stateCourseCode, "school": detail.schoolName,
          "academic_year": detail.year.description,
          "rule": detail.outcome.rule.isEmpty ? detail.outcome.exceptionType : detail.outcome.rule,
          "determined_on": determinedOn.iso, "correct_by": deadline.dueDate.iso, "district": organization.name,
        ], dueOn: determinedOn)
      try await NoticeOutbox(services).enqueue([request], by: .system(channel: "monitoring"))
    } catch {
      services.logger.error(
        "Could not queue the misassignment notice",
        metadata: ["outcome": "\(detail.outcome.outcomeKey)", "error": "\(error)"])
    }
  }

  /// Records the day a complaint about the assignment was received (the 15-working-day answer starts, rule 73),
  /// as a comment in the history.
  public func recordComplaint(
    year: SchoolYear, outcomeKey: String, receivedOn: CalendarDate, note: String, expectedVersion: Int,
    by viewer: Viewer
  ) async throws {
    let detail = try await detail(year: year, outcomeKey: outcomeKey, by: viewer)
    let party = try requireParty(detail, viewer)
    guard receivedOn <= detail.today else {
      throw CoreError.invalid([
        FieldProblem(field: "received_on", message: "The complaint cannot be received in the future.")
      ])
    }
    guard detail.review.version == expectedVersion else { throw Self.changedMeanwhile }
    let actor = WorkflowActor(party: party, name: viewer.account?.displayName ?? viewer.actor.name)
    let due = CorrectionDeadlines.complaintResponse(receivedOn: receivedOn).dueDate
    let comment =
      "Complaint received on \(receivedOn.iso); answer due by \(due.iso) (15 working days, rule 73)."
      + (note.isEmpty ? "" : " \(note)")
    guard
      case .success(let next) = ExceptionWorkflow.apply(
        .addComment(comment), to: detail.state, by: actor, on: detail.today, cycle: detail.cycle.cycle)
    else { throw CoreError.invalid([FieldProblem(field: "note", message: "The comment could not be recorded.")]) }
    try await store(detail, next, complaint: receivedOn, viewer: viewer, what: "complaint")
  }

  static let changedMeanwhile = CoreError.conflict(
    "Someone else updated this exception after you opened it. Reload the page to see their step, then try again.")

  func requireParty(_ detail: ExceptionDetail, _ viewer: Viewer) throws -> WorkflowParty {
    guard let party = detail.party else {
      throw CoreError.forbidden(
        "working this exception (district credential analysts of the LEA and county analysts of its county only)")
    }
    return party
  }

  func store(
    _ detail: ExceptionDetail, _ next: ExceptionState, complaint: CalendarDate?, viewer: Viewer, what: String
  ) async throws {
    let now = services.now
    do {
      try await services.database.transaction { db in
        try await ExceptionRepository(db).store(
          year: detail.year, outcome: detail.outcome, state: next,
          newEntries: next.history[detail.state.history.count...], complaintReceivedOn: complaint,
          expectedVersion: detail.review.version, userId: viewer.account?.id, at: now)
        try await AuditRepository(db).record(
          [
            AuditChange(field: "status", oldValue: detail.state.status.rawValue, newValue: next.status.rawValue),
            AuditChange(
              field: "proposed_determination", oldValue: detail.state.proposedDetermination?.rawValue,
              newValue: next.proposedDetermination?.rawValue),
            AuditChange(
              field: "determination", oldValue: detail.state.determination?.rawValue,
              newValue: next.determination?.rawValue),
            AuditChange(
              field: "complaint_received_on", oldValue: detail.review.complaintReceivedOn?.iso, newValue: complaint?.iso
            ),
            AuditChange(field: what, oldValue: nil, newValue: next.history.last?.comment ?? ""),
          ].filter { $0.oldValue != $0.newValue },
          entityType: "monitoring_exception", entityId: Self.entityId(detail.year, detail.outcome.outcomeKey),
          action: detail.review.version == 0 ? .create : .update, actor: viewer.actor, at: now)
      }
    } catch ExceptionStoreError.changedMeanwhile {
      throw Self.changedMeanwhile
    }
  }

  static func field(of error: WorkflowError) -> String {
    switch error {
    case .commentRequired: "comment"
    case .determinationRequired: "determination"
    default: "action"
    }
  }

  /// The audit trail keys records by UUID; an exception has none of its own, so it gets a stable one derived from
  /// its year and outcome key (the same exception always maps to the same id).
  public static func entityId(_ year: SchoolYear, _ key: String) -> UUID {
    let digest = Array(SHA256.hash(data: Data("\(year)|\(key)".utf8)))
    return UUID(
      uuid: (
        digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6] & 0x0F | 0x50, digest[7],
        digest[8] & 0x3F | 0x80, digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
      ))
  }

  // MARK: Evidence

  /// Attaches an evidence file (a consent form, a board minute, a transcript) to an exception; parties only.
  public func attachEvidence(
    year: SchoolYear, outcomeKey: String, fileName: String, content: Data, description: String, by viewer: Viewer
  ) async throws -> EvidenceFile {
    let detail = try await detail(year: year, outcomeKey: outcomeKey, by: viewer)
    _ = try requireParty(detail, viewer)
    let name = (fileName as NSString).lastPathComponent.trimmingCharacters(in: .whitespacesAndNewlines)
    let ext = (name as NSString).pathExtension.lowercased()
    var problems: [FieldProblem] = []
    if name.isEmpty || content.isEmpty {
      problems.append(FieldProblem(field: "file", message: "Choose a file to attach; the upload was empty."))
    } else if content.count > Self.maxEvidenceBytes {
      problems.append(
        FieldProblem(
          field: "file",
          message:
            "\(name) is \(content.count / 1_048_576) MB; evidence files may be at most 10 MB. Scan at a lower resolution or split it."
        ))
    }
    guard let contentType = Self.evidenceTypes[ext] else {
      problems.append(
        FieldProblem(
          field: "file",
          message:
            "\(name.isEmpty ? "The file" : name) is not an accepted type; attach PDF, PNG, JPEG, TXT, CSV, DOCX or XLSX."
        ))
      throw CoreError.invalid(problems)
    }
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    let file = EvidenceFile(
      id: UUID(), academicYear: year.description, outcomeKey: outcomeKey, fileName: name, contentType: contentType,
      size: content.count, sha256: SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined(),
      description: description.trimmingCharacters(in: .whitespacesAndNewlines), uploadedBy: viewer.actor.name,
      uploadedAt: services.now)
    let now = services.now
    try await services.database.transaction { db in
      try await ExceptionRepository(db).attach(file, content: content)
      try await AuditRepository(db).record(
        [
          AuditChange(
            field: "evidence", oldValue: nil, newValue: "\(name) (\(content.count) bytes, sha256 \(file.sha256))")
        ],
        entityType: "monitoring_exception", entityId: Self.entityId(year, outcomeKey), action: .update,
        actor: viewer.actor, at: now)
    }
    return file
  }

  /// An evidence file's bytes, for anyone who may read the exception.
  public func evidenceFile(id: UUID, by viewer: Viewer) async throws -> (file: EvidenceFile, content: Data) {
    guard let found = try await ExceptionRepository(services.database.sql).evidenceFile(id: id),
      let year = SchoolYear(parsing: found.file.academicYear)
    else { throw CoreError.notFound("Evidence file") }
    // Reading the exception checks the viewer's scope.
    _ = try await detail(year: year, outcomeKey: found.file.outcomeKey, by: viewer)
    return found
  }
}

extension Sequence {
  func asyncCompactMap<T>(_ transform: (Element) async throws -> T?) async rethrows -> [T] {
    var result: [T] = []
    for element in self { if let value = try await transform(element) { result.append(value) } }
    return result
  }
}
