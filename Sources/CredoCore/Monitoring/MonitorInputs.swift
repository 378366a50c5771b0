import CredoDomain
import CredoStore
import Foundation

/// What one monitoring run decides over, once loaded: the year's sections (CRSE) and staff assignments (SASS), the
/// section rosters, the teachers with their current documents, and the schools. `Monitor` loads it from the
/// database; `credo bench engine` generates it in memory from the demo data set, so both decide exactly the same
/// assignments.
struct MonitorInputs: Sendable {
  var sections: [CourseSection]
  var assignments: [StaffAssignment]
  /// Where co-teachers are looked up: every section at the evaluated sections' schools when only some SEIDs are
  /// re-evaluated; nil when `sections` is the whole year.
  var classmates: [CourseSection]?
  var rosters: SectionRosters
  /// By SEID (10 digits); a SEID with no educator on file has no entry.
  var teachers: [String: TeacherProfile]
  /// By 14-digit CDS code.
  var schools: [String: SchoolSetting]

  init(
    sections: [CourseSection], assignments: [StaffAssignment], classmates: [CourseSection]?, rosters: SectionRosters,
    teachers: [String: TeacherProfile], schools: [String: SchoolSetting]
  ) {
    self.sections = sections
    self.assignments = assignments
    self.classmates = classmates
    self.rosters = rosters
    self.teachers = teachers
    self.schools = schools
  }

  init(
    sections: [CourseSection], assignments: [StaffAssignment], classmates: [CourseSection]?,
    rosters: [SectionKey: SectionRoster], teachers: [String: TeacherProfile], schools: [String: SchoolSetting]
  ) {
    self.init(
      sections: sections, assignments: assignments, classmates: classmates, rosters: SectionRosters(rosters),
      teachers: teachers, schools: schools)
  }

  func school(_ cds: String) -> SchoolSetting { schools[cds] ?? SchoolSetting(cdsCode: cds) }

  /// The roster of section `i`, if one was imported.
  func roster(_ i: Int) -> SectionRoster? { rosters.roster(i, key: sections[i].key) }
}

/// The rosters of a run's sections: by key as given (`credo bench`), or, as `Monitor` loads a year, in their stored
/// form with each section's position among them, read into a `SectionRoster` when the section is decided. A state
/// year's 2.5 million rosters as `SectionRoster`s keyed by `SectionKey` took about 700 MB; stored, 100 MB.
struct SectionRosters: Sendable {
  private enum Storage: Sendable {
    case byKey([SectionKey: SectionRoster])
    /// The stored rosters and, per section of the run (`MonitorInputs.sections`), its roster's position, or -1.
    case stored([StoredRoster], positions: [Int32])
  }
  private let storage: Storage

  init(_ byKey: [SectionKey: SectionRoster]) { storage = .byKey(byKey) }

  /// Stored rosters as they are read, in any order, with their keys.
  struct Reading {
    fileprivate var position: [SectionKey: Int32] = [:]
    fileprivate var stored: [StoredRoster] = []

    mutating func add(_ key: SectionKey, _ roster: StoredRoster) {
      if let at = position[key] {
        // A key listed twice keeps its last roster, as a dictionary would.
        stored[Int(at)] = roster
      } else {
        position[key] = Int32(stored.count)
        stored.append(roster)
      }
    }
  }

  /// Each section of `sections` finds its roster by key once, here; the keys are let go.
  init(_ reading: Reading, for sections: [CourseSection]) {
    storage = .stored(reading.stored, positions: sections.map { reading.position[$0.key] ?? -1 })
  }

  var count: Int {
    switch storage {
    case .byKey(let rosters): rosters.count
    case .stored(let rosters, _): rosters.count
    }
  }

  func roster(_ i: Int, key: SectionKey) -> SectionRoster? {
    switch storage {
    case .byKey(let rosters): return rosters[key]
    case .stored(let rosters, let positions):
      let at = positions[i]
      return at < 0 ? nil : rosters[Int(at)].roster
    }
  }
}

/// Builds each `SectionAssignment` of a run from `MonitorInputs`: the teacher's other sections (core settings, rules
/// 3–4), the class's co-teachers (rule 50), the roster, the school, and the section's share of the teacher's
/// classroom FTE at that school (`TAMOClassroomFTE`, shared equally among the teacher's sections there; TAMO working
/// assumption, domain guide §3.3). Sections are grouped by index, not copied, so a state year (2.5 million sections)
/// is held once.
struct SectionAssembly {
  let inputs: MonitorInputs
  private let classroomFTE: [TeacherAtSchool: Double]
  private let sectionCounts: [TeacherAtSchool: Int]
  private let byTeacher: [String: [Int]]
  /// Indices into `inputs.classmates ?? inputs.sections`, by school CDS code and class id, of the classes a
  /// team-taught section (9.25 = 1) of the run belongs to: only those are looked up, and indexing every class of a
  /// state year took hundreds of megabytes.
  private let byClass: [ClassKey: [Int]]

  struct ClassKey: Hashable {
    var cdsCode: String
    var classId: String
  }

  init(_ inputs: MonitorInputs) {
    self.inputs = inputs
    classroomFTE = TAMOClassroomFTE.byTeacherAtSchool(inputs.assignments)
    var sectionCounts: [TeacherAtSchool: Int] = [:]
    var byTeacher: [String: [Int]] = [:]
    for (i, section) in inputs.sections.enumerated() {
      sectionCounts[TeacherAtSchool(cdsCode: section.cdsCode, seid: section.seid), default: 0] += 1
      byTeacher[section.seid, default: []].append(i)
    }
    self.sectionCounts = sectionCounts
    self.byTeacher = byTeacher
    var teamTaught = Set<ClassKey>()
    for section in inputs.sections where section.multipleTeacherCode == "1" && !section.classId.isEmpty {
      teamTaught.insert(ClassKey(cdsCode: section.cdsCode, classId: section.classId))
    }
    var byClass: [ClassKey: [Int]] = [:]
    if !teamTaught.isEmpty {
      for (i, section) in (inputs.classmates ?? inputs.sections).enumerated() where !section.classId.isEmpty {
        let key = ClassKey(cdsCode: section.cdsCode, classId: section.classId)
        if teamTaught.contains(key) { byClass[key, default: []].append(i) }
      }
    }
    self.byClass = byClass
  }

  var count: Int { inputs.sections.count }

  /// The assignment of section `i` as the engine decides it. The teacher's sections (`otherSections`, this one
  /// included: the engine does not count it) are given only when the engine reads them (a teacher on file, not a
  /// vacancy or learner-led online section), as one list per teacher reused while the teacher's sections follow one
  /// another (`teacherSections`); co-teachers only for team teaching (9.25 = 1). The vacancy SEID alone has
  /// thousands of sections: a list per section would make a state run quadratic.
  func assignment(_ i: Int, teacherSections: inout (seid: String, sections: [CourseSection])) -> SectionAssignment {
    let section = inputs.sections[i]
    let teacher = inputs.teachers[section.seid]
    let predetermined = section.isVacant || section.onlineInstructionTypeCode == "3"
    var others: [CourseSection] = []
    if teacher != nil, !predetermined, let mine = byTeacher[section.seid] {
      if teacherSections.seid != section.seid || teacherSections.sections.count != mine.count {
        teacherSections = (section.seid, mine.map { inputs.sections[$0] })
      }
      others = teacherSections.sections
    }
    var coTeachers: [SectionAssignment.CoTeacher] = []
    if teacher != nil, !predetermined, section.multipleTeacherCode == "1", !section.classId.isEmpty,
      let group = byClass[ClassKey(cdsCode: section.cdsCode, classId: section.classId)]
    {
      let pool = inputs.classmates ?? inputs.sections
      for j in group where pool[j].seid != section.seid {
        coTeachers.append(.init(section: pool[j], teacher: inputs.teachers[pool[j].seid]))
      }
    }
    return SectionAssignment(
      section: section, roster: inputs.roster(i), coTeachers: coTeachers, otherSections: others,
      school: inputs.school(section.cdsCode), teacher: teacher)
  }

  /// Section `i`'s share of its teacher's classroom FTE at the school (0 for a vacancy).
  func classroomShare(_ i: Int) -> Double {
    let section = inputs.sections[i]
    guard !section.isVacant else { return 0 }
    let teacherAtSchool = TeacherAtSchool(cdsCode: section.cdsCode, seid: section.seid)
    return (classroomFTE[teacherAtSchool] ?? 0) / Double(max(1, sectionCounts[teacherAtSchool] ?? 1))
  }
}
