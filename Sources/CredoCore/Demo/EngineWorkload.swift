import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// The demo data set's assignments, generated in memory (no database) and built the way `Monitor` builds them, for
/// `credo bench engine`: the assignment engine's throughput on realistic inputs (teachers with their documents,
/// rosters with grades, English learners and disabilities, co-teachers, core blocks, service codes).
public struct EngineWorkload: Sendable {
  public let year: SchoolYear
  public let asOf: CalendarDate
  public let engine: AssignmentEngine
  /// Every teacher-section of the data set (or the first `limit`), assembled once.
  public let sections: [SectionAssignment]
  public let services: [ServiceAssignment]
  /// Teacher-sections in the data set, whether or not all were assembled.
  public let totalSections: Int
  /// For each assembled section, its teacher's number (one per SEID on file, in order of first section), -1 when the
  /// teacher is not on file: a run's prepared teachers are then found by index, as a run that numbers its teachers
  /// when it loads them would, rather than by hashing the SEID.
  let teacherNumbers: [Int32]
  let teacherCount: Int

  /// Generates the `size` data set and its CALPADS submission, as `credo demo` would write them.
  public static func demo(size: DemoSize, today: CalendarDate, limit: Int? = nil) -> EngineWorkload {
    let year = SchoolYear(containing: today)
    let data = DemoDataSet.generate(size: size, today: today)
    let submission = DemoCalpads.generate(data, year: year, terms: DemoCalpads.terms(for: size))
    let inputs = MonitorInputs.demo(data, submission)
    let assembly = SectionAssembly(inputs)
    let count = min(limit ?? assembly.count, assembly.count)
    var sections: [SectionAssignment] = []
    sections.reserveCapacity(count)
    var teacherSections: (seid: String, sections: [CourseSection]) = ("", [])
    var numbers: [String: Int32] = [:]
    var teacherNumbers: [Int32] = []
    teacherNumbers.reserveCapacity(count)
    for i in 0..<count {
      let assignment = assembly.assignment(i, teacherSections: &teacherSections)
      if assignment.teacher != nil {
        let next = Int32(numbers.count)
        teacherNumbers.append(numbers[assignment.section.seid, default: next])
        if numbers[assignment.section.seid] == nil { numbers[assignment.section.seid] = next }
      } else {
        teacherNumbers.append(-1)
      }
      sections.append(assignment)
    }
    var services: [ServiceAssignment] = []
    for record in inputs.assignments {
      for code in record.assignmentCodes {
        services.append(
          ServiceAssignment(
            record: record, assignmentCode: code, school: inputs.school(record.cdsCode),
            teacher: inputs.teachers[record.seid]))
      }
    }
    return EngineWorkload(
      year: year, asOf: MonitoringCycle.censusDate(for: year),
      engine: AssignmentEngine(catalog: BundledCatalog.catalog),
      sections: sections, services: services, totalSections: assembly.count, teacherNumbers: teacherNumbers,
      teacherCount: numbers.count)
  }

  /// Decides every assembled assignment once at `text`, as a monitoring run does: each teacher's documents are
  /// prepared once (`AssignmentEngine.prepare`) for all of their sections in the round. With `render`, every
  /// finding's basis and explanation are also written out (read), as a run does for the findings it stores; without
  /// it they stay as the decision holds them (`AssignmentFinding`: the frequent findings keep what their text is
  /// written from). With `fingerprint`, every finding's fingerprint is computed as a run computes it to compare the
  /// finding with what is on file (`StoredOutcome.fingerprint`, without writing the text; the FTE share as 0).
  /// Returns how many were decided, their findings and the bytes of text read, or a sum of the fingerprints' low
  /// bytes (so that the work cannot be optimized away).
  public func decideAll(
    text: DecisionText, render: Bool = true, fingerprint: Bool = false
  ) -> (decisions: Int, findings: Int, bytes: Int) {
    var findings = 0
    var bytes = 0
    // Prepared afresh every round (a run prepares each teacher once), found by the teacher's number.
    var prepared = [PreparedTeacher?](repeating: nil, count: teacherCount)
    let (engine, asOf) = (self.engine, self.asOf)
    // `place` is read only for fingerprints: reading its strings for every decision (retaining and releasing them)
    // cost the `outcome` level a few per cent.
    func count(_ decision: AssignmentDecision, _ place: () -> (course: String, staff: String, lea: String)) {
      // Read without making the `findings` array, as a run that stores each finding in turn can.
      findings &+= decision.findingCount
      if fingerprint {
        let (course, staff, lea) = place()
        decision.forEachFinding { finding in
          let digest = StoredOutcome.fingerprint(
            finding, status: finding.status.rawValue, rule: finding.rule, citation: finding.citation,
            tamoOutcome: decision.tamoOutcome.rawValue, fte: 0, stateCourseCode: course, localStaffId: staff,
            reportingLea: lea)
          bytes &+= Int(digest.low & 0xFF)
        }
      }
      guard render else { return }
      decision.forEachFinding { bytes &+= $0.explanation.utf8.count &+ $0.basis.utf8.count }
    }
    // Each assignment is lent to the engine in place (`decide(at:)`): a run holds the assignment it decides, and
    // copying or moving it per decision would add the harness's cost to the engine's.
    sections.withUnsafeBufferPointer { sections in
      teacherNumbers.withUnsafeBufferPointer { numbers in
        for i in sections.indices {
          let input = sections.baseAddress! + i
          var teacher: PreparedTeacher? = nil
          let number = Int(numbers[i])
          if number >= 0 {
            teacher = prepared[number]
            if teacher == nil {
              teacher = engine.prepare(input.pointee.teacher!, asOf: asOf)
              prepared[number] = teacher
            }
          }
          count(engine.decide(at: input, prepared: teacher, asOf: asOf, text: text)) {
            (
              input.pointee.section.stateCourseCode, input.pointee.section.localStaffId,
              input.pointee.section.reportingLEA
            )
          }
        }
      }
    }
    services.withUnsafeBufferPointer { services in
      for i in services.indices {
        let input = services.baseAddress! + i
        count(engine.decide(at: input, asOf: asOf, text: text)) {
          ("", input.pointee.record.localStaffId, input.pointee.record.reportingLEA)
        }
      }
    }
    return (sections.count + services.count, findings, bytes)
  }
}

extension MonitorInputs {
  /// The inputs `Monitor` would load after `credo demo` wrote `data` and `submission`: teachers by SEID with their
  /// documents in the order they were written, demographics from SDEM, schools from the directory.
  static func demo(_ data: DemoDataSet, _ submission: DemoCalpads.Submission) -> MonitorInputs {
    let documents = Dictionary(grouping: data.documents, by: \.educatorId)
    let staff = Dictionary(submission.extract.staff.map { ($0.seid, $0) }, uniquingKeysWith: { a, _ in a })
    var teachers: [String: TeacherProfile] = [:]
    for educator in data.educators {
      guard let seid = educator.seid?.digits else { continue }
      teachers[seid] = TeacherProfile(
        seid: seid, documents: documents[educator.id] ?? [], approvals: [], demographics: staff[seid])
    }
    var schools: [String: SchoolSetting] = [:]
    for organization in data.organizations where organization.kind == .school {
      schools[organization.cdsCode.digits] = SchoolSetting(organization)
    }
    var rosters: [SectionKey: SectionRoster] = [:]
    for (key, roster) in submission.rosters { rosters[key] = roster }
    return MonitorInputs(
      sections: submission.extract.sections, assignments: submission.extract.assignments, classmates: nil,
      rosters: rosters, teachers: teachers, schools: schools)
  }
}
