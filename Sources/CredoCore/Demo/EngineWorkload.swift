import CredoDomain
import CredoReference
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
    for i in 0..<count { sections.append(assembly.assignment(i)) }
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
      sections: sections, services: services, totalSections: assembly.count)
  }

  /// Decides every assembled assignment once, writing `text`, as a monitoring run does: each teacher's documents are
  /// prepared once (`AssignmentEngine.prepare`) for all of their sections in the round. Returns how many were decided
  /// and a count of their findings and of the bytes of their text (so that the work cannot be optimized away).
  public func decideAll(text: DecisionText) -> (decisions: Int, findings: Int, bytes: Int) {
    var findings = 0
    var bytes = 0
    var prepared: [String: PreparedTeacher] = [:]
    // Through a buffer pointer: an array subscript would copy each assignment before lending it to the engine.
    sections.withUnsafeBufferPointer { sections in
      for i in sections.indices {
        var teacher: PreparedTeacher? = nil
        if let profile = sections[i].teacher {
          teacher = prepared[profile.seid]
          if teacher == nil {
            teacher = engine.prepare(profile, asOf: asOf)
            prepared[profile.seid] = teacher
          }
        }
        let decision = engine.decide(sections[i], prepared: teacher, asOf: asOf, text: text)
        findings &+= decision.findings.count
        for finding in decision.findings { bytes &+= finding.explanation.utf8.count &+ finding.basis.utf8.count }
      }
    }
    for i in services.indices {
      let decision = engine.decide(services[i], asOf: asOf, text: text)
      findings &+= decision.findings.count
      for finding in decision.findings { bytes &+= finding.explanation.utf8.count &+ finding.basis.utf8.count }
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
