import CredoDomain
import CredoStore
import Foundation

/// Decides a monitoring run's assignments and writes what differs from what is on file, batch by batch, inside the
/// run's transaction: new findings are inserted, changed ones replace the stored row (keeping when they were first
/// found), and findings on file that no assignment raised any more are marked resolved at the end. An unchanged
/// finding costs no write, and its basis and explanation are not written out: findings are compared by a fingerprint
/// of what their text is written from (`StoredOutcome.fingerprint`), and the text is written only for the rows
/// inserted or replaced (and for `keep`).
///
/// A stored row whose fingerprint is of another scheme (written before fingerprint scheme 2, or before a change of
/// `FindingFingerprint.scheme`) is compared by its text instead, once: unchanged, it gets the current fingerprint in
/// place (`MonitoringRepository.setFingerprints`) and counts as neither new nor changed.
struct FindingWriter {
  let year: SchoolYear
  let runId: UUID
  let onFile: [String: StoredFindingState]
  let repository: MonitoringRepository
  /// Keep every current finding for the result (tests and small runs).
  let keep: Bool
  let timings: PhaseTimings?

  private(set) var counts: [AssignmentStatus: Int] = [:]
  private(set) var newCount = 0
  private(set) var changedCount = 0
  private(set) var resolvedCount = 0
  private(set) var kept: [StoredOutcome] = []
  private var seen: Set<OutcomeKeyDigest> = []
  private var batch: [StoredOutcome] = []
  /// Keys of stored rows the batch replaces (changed findings, and resolved ones raised again).
  private var replacing: [String] = []
  /// Unchanged findings whose stored fingerprint is of another scheme, with the current one.
  private var refingerprinting: [(key: String, fingerprint: String)] = []
  private var writeSeconds = 0.0

  init(
    year: SchoolYear, runId: UUID, onFile: [String: StoredFindingState], repository: MonitoringRepository,
    keep: Bool, timings: PhaseTimings?
  ) {
    self.year = year
    self.runId = runId
    self.onFile = onFile
    self.repository = repository
    self.keep = keep
    self.timings = timings
  }

  /// Decides every section and non-classroom code of `inputs`, writing differences as batches fill.
  mutating func decide(
    _ inputs: MonitorInputs, engine: AssignmentEngine, asOf: CalendarDate, progress: @Sendable (String) -> Void
  ) async throws {
    let began = Date()
    let assembly = SectionAssembly(inputs)
    let yearText = year.description
    let total = assembly.count
    // Each teacher's documents are prepared once for all of their sections.
    var prepared: [String: PreparedTeacher] = [:]
    var teacherSections: (seid: String, sections: [CourseSection]) = ("", [])
    for i in 0..<total {
      let section = inputs.sections[i]
      let assignment = assembly.assignment(i, teacherSections: &teacherSections)
      var teacher: PreparedTeacher? = nil
      if assignment.teacher != nil {
        teacher = prepared[section.seid]
        if teacher == nil {
          teacher = engine.prepare(assignment.teacher!, asOf: asOf)
          prepared[section.seid] = teacher
        }
      }
      let decision = engine.decide(assignment, prepared: teacher, asOf: asOf, text: .outcome)
      counts[decision.status, default: 0] += 1
      let share = assembly.classroomShare(i)
      let assignmentKey = [
        "S", section.cdsCode, section.seid, section.localCourseId, section.sectionId, section.academicTermCode,
      ].joined(separator: "|")
      let place = Monitor.Place(
        year: yearText, assignmentKey: assignmentKey, cds: section.cdsCode, lea: section.reportingLEA,
        seid: section.seid, localStaffId: section.localStaffId, localCourseId: section.localCourseId,
        sectionId: section.sectionId, term: section.academicTermCode, course: section.stateCourseCode, code: "",
        fte: share)
      for finding in decision.findings { try await add(finding, decision: decision, place: place) }
      if (i + 1) % 500_000 == 0 { progress("Decided \((i + 1).grouped) of \(total.grouped) sections…") }
    }
    for record in inputs.assignments {
      for code in record.assignmentCodes {
        let decision = engine.decide(
          ServiceAssignment(
            record: record, assignmentCode: code, school: inputs.school(record.cdsCode),
            teacher: inputs.teachers[record.seid]),
          asOf: asOf, text: .outcome)
        counts[decision.status, default: 0] += 1
        let assignmentKey = ["N", record.cdsCode, record.seid, record.jobClassificationCode, code].joined(
          separator: "|")
        let place = Monitor.Place(
          year: yearText, assignmentKey: assignmentKey, cds: record.cdsCode, lea: record.reportingLEA,
          seid: record.seid, localStaffId: record.localStaffId, localCourseId: "", sectionId: "", term: "",
          course: "", code: code, fte: 0)
        for finding in decision.findings { try await add(finding, decision: decision, place: place) }
      }
    }
    try await flush()
    let seconds = Date().timeIntervalSince(began)
    timings?.add("decide", seconds: seconds - writeSeconds)
    timings?.add("write new and changed findings", seconds: writeSeconds)
    timings?.restart()
    progress(
      "Decided \(counts.values.reduce(0, +).grouped) assignments: \((counts[.authorized] ?? 0).grouped) authorized, \((counts[.exception] ?? 0).grouped) with exceptions, \((counts[.vacancy] ?? 0).grouped) vacancies, \((counts[.notMonitored] ?? 0).grouped) not monitored."
    )
  }

  /// Compares `finding` with what is on file by its fingerprint, and writes its row (text and all) only when it is
  /// new or changed.
  private mutating func add(
    _ finding: AssignmentFinding, decision: AssignmentDecision, place: Monitor.Place
  ) async throws {
    let key = Monitor.outcomeKey(finding, assignmentKey: place.assignmentKey)
    let fingerprint = Monitor.fingerprint(finding, decision: decision, place: place)
    var row: StoredOutcome? = nil
    func made() -> StoredOutcome {
      Monitor.stored(
        finding, decision: decision, place: place, outcomeKey: key,
        fingerprint: StoredOutcome.fingerprintText(fingerprint), runId: runId)
    }
    if keep {
      row = made()
      kept.append(row!)
    }
    guard seen.insert(OutcomeKeyDigest(key)).inserted else { return }
    var firstRunId = runId
    if let existing = onFile[key] {
      if !existing.resolved {
        if existing.byText {
          // Stored under another fingerprint scheme: compared by the text, once.
          if row == nil { row = made() }
          if existing.digest == row!.textDigest {
            refingerprinting.append((key, row!.fingerprint))
            if refingerprinting.count >= Monitor.batchSize { try await flush() }
            return
          }
        } else if existing.digest == StoredOutcome.digest(fingerprint) {
          return
        }
        firstRunId = existing.firstRunId
        changedCount += 1
      } else {
        newCount += 1
      }
      replacing.append(key)
    } else {
      newCount += 1
    }
    var outcome = row ?? made()
    outcome.firstRunId = firstRunId
    batch.append(outcome)
    if batch.count >= Monitor.batchSize { try await flush() }
  }

  private mutating func flush() async throws {
    guard !batch.isEmpty || !refingerprinting.isEmpty else { return }
    let began = Date()
    if !batch.isEmpty { try await repository.write(year: year, findings: batch, replacing: replacing) }
    if !refingerprinting.isEmpty { try await repository.setFingerprints(year: year, refingerprinting) }
    writeSeconds += Date().timeIntervalSince(began)
    batch.removeAll(keepingCapacity: true)
    replacing.removeAll(keepingCapacity: true)
    refingerprinting.removeAll(keepingCapacity: true)
  }

  /// Marks resolved the findings on file that this run did not raise.
  mutating func finish() async throws {
    let resolved = onFile.filter { !$0.value.resolved && !seen.contains(OutcomeKeyDigest($0.key)) }.map(\.key).sorted()
    try await repository.resolve(year: year, keys: resolved, runId: runId)
    resolvedCount = resolved.count
    timings?.end("mark resolved findings")
  }
}

extension Int {
  /// With thousands separators ("2,500,000"), the same in every locale.
  var grouped: String {
    let digits = String(magnitude)
    var result = ""
    for (i, character) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return self < 0 ? "-" + result : result
  }
}
