import Foundation

/// What the assignment engine is given for one decision: the assignment, the school it is at, the teacher's
/// documents and recorded local assignment options, all as values (the engine does no I/O).

/// The school an assignment is at, as far as the rules care (domain guide §2.2, rules 52, 55, 56).
public struct SchoolSetting: Sendable, Hashable, Codable {
  public var cdsCode: String
  public var name: String
  /// Charter schools: teaching monitored, services not (AB 1219; rule 55).
  public var isCharter: Bool
  /// Continuation, alternative, opportunity, juvenile court, county or district community day school: the EC 44865
  /// settings (rule 52). Set from the CDE directory's school type (or by the office).
  public var isEC44865Setting: Bool
  public var gradeSpan: GradeSpan?

  public init(
    cdsCode: String, name: String = "", isCharter: Bool = false, isEC44865Setting: Bool = false,
    gradeSpan: GradeSpan? = nil
  ) {
    self.cdsCode = cdsCode
    self.name = name
    self.isCharter = isCharter
    self.isEC44865Setting = isEC44865Setting
    self.gradeSpan = gradeSpan
  }

  /// The attributes the rules read, from the CDE directory record. EC 44865 settings (domain rule 52) are
  /// continuation, alternative, opportunity, juvenile court and community day schools, by the directory's school
  /// type.
  public init(_ organization: Organization) {
    let type = (organization.schoolType + " " + organization.ownershipType).lowercased()
    let ec44865 = ["continuation", "alternative", "opportunity", "juvenile court", "community day", "county community"]
      .contains { type.contains($0) }
    self.init(
      cdsCode: organization.cdsCode.digits, name: organization.name, isCharter: organization.isCharter,
      isEC44865Setting: ec44865, gradeSpan: organization.gradeSpan)
  }

  /// The 7-digit county-district code.
  public var districtCode: String { String(cdsCode.prefix(7)) }
}

/// The local assignment options and other employer actions that can make an assignment legal outside the
/// credential (domain guide §2.5).
public enum LocalAssignmentOption: String, Sendable, Codable, CaseIterable {
  case ec44256b = "EC 44256(b)"
  case ec44258_2 = "EC 44258.2"
  case ec44258_3 = "EC 44258.3"
  case ec44258_7b = "EC 44258.7(b)"
  case ec44258_7c = "EC 44258.7(c)"
  case ec44263 = "EC 44263"
  case ec44865 = "EC 44865"
  case t5_80005b = "T5 80005(b)"
  case t5_80020_4 = "T5 80020.4"
}

/// A recorded local assignment option: who, which option, for which courses, in which district and year, with the
/// consent and approvals the statute requires (rules 16–21).
public struct LocalAssignmentApproval: Sendable, Hashable, Codable, Identifiable {
  public var id: UUID
  public var seid: String
  public var option: LocalAssignmentOption
  /// The 7-digit county-district code of the district that approved it (EC 44258.3 is valid only there, rule 20).
  public var districtCode: String
  public var schoolYear: SchoolYear
  /// State course codes it covers; empty means every course of `subjectCode`'s area.
  public var courseCodes: [String]
  /// The CTC subject code the teacher's units are in (e.g. MATH), when the option is subject-based.
  public var subjectCode: String
  /// Semester units the teacher holds in the subject (12 for 44256(b)/44258.2, 18 for 44263; upper-division units
  /// count double, as the statutes allow 6 or 9 upper-division instead).
  public var semesterUnits: Double?
  public var consentDate: CalendarDate?
  /// Board action (44256(b), 44258.2, 44258.7(b), 44263) or committee on assignments (44258.7(c)) or the
  /// district's verification (44258.3).
  public var approvalDate: CalendarDate?
  /// When the assignment starts; an approval after it leaves the teacher misassigned until then (rule 18).
  public var assignmentStartDate: CalendarDate?
  public var note: String

  public init(
    id: UUID = UUID(), seid: String, option: LocalAssignmentOption, districtCode: String, schoolYear: SchoolYear,
    courseCodes: [String] = [], subjectCode: String = "", semesterUnits: Double? = nil,
    consentDate: CalendarDate? = nil,
    approvalDate: CalendarDate? = nil, assignmentStartDate: CalendarDate? = nil, note: String = ""
  ) {
    self.id = id
    self.seid = seid
    self.option = option
    self.districtCode = districtCode
    self.schoolYear = schoolYear
    self.courseCodes = courseCodes
    self.subjectCode = subjectCode
    self.semesterUnits = semesterUnits
    self.consentDate = consentDate
    self.approvalDate = approvalDate
    self.assignmentStartDate = assignmentStartDate
    self.note = note
  }
}

/// One educator as the engine sees them: every document on file (current versions, any status; the engine decides
/// validity on the date) and the local assignment options recorded for them.
public struct TeacherProfile: Sendable, Hashable, Codable {
  public var seid: String
  public var documents: [CredentialDocument]
  public var approvals: [LocalAssignmentApproval]
  public var demographics: StaffDemographics?

  public init(
    seid: String, documents: [CredentialDocument], approvals: [LocalAssignmentApproval] = [],
    demographics: StaffDemographics? = nil
  ) {
    self.seid = seid
    self.documents = documents
    self.approvals = approvals
    self.demographics = demographics
  }
}

/// One teacher-section to decide: the CRSE record, who sits in it, the other teachers reported for the same class
/// (team teaching or job sharing, rule 50), the teacher's other sections that year (core settings, rules 3–4; the
/// section itself may be among them, and is then not counted: a monitoring run passes one list per teacher), the
/// school and the teacher (nil when no educator with that SEID is on file).
public struct SectionAssignment: Sendable, Hashable {
  public var section: CourseSection
  public var roster: SectionRoster?
  public var coTeachers: [CoTeacher]
  public var otherSections: [CourseSection]
  public var school: SchoolSetting
  public var teacher: TeacherProfile?

  public struct CoTeacher: Sendable, Hashable {
    public var section: CourseSection
    public var teacher: TeacherProfile?

    public init(section: CourseSection, teacher: TeacherProfile?) {
      self.section = section
      self.teacher = teacher
    }
  }

  public init(
    section: CourseSection, roster: SectionRoster? = nil, coTeachers: [CoTeacher] = [],
    otherSections: [CourseSection] = [], school: SchoolSetting, teacher: TeacherProfile?
  ) {
    self.section = section
    self.roster = roster
    self.coTeachers = coTeachers
    self.otherSections = otherSections
    self.school = school
    self.teacher = teacher
  }
}

/// One non-classroom assignment code of a SASS record to decide (rule 55 and the services credentials, §1.4).
public struct ServiceAssignment: Sendable, Hashable {
  public var record: StaffAssignment
  public var assignmentCode: String
  public var school: SchoolSetting
  public var teacher: TeacherProfile?

  public init(record: StaffAssignment, assignmentCode: String, school: SchoolSetting, teacher: TeacherProfile?) {
    self.record = record
    self.assignmentCode = assignmentCode
    self.school = school
    self.teacher = teacher
  }
}
