import Foundation

/// What the TAMO aggregation is given: one row per teacher-section with its outcome, the teacher's classroom FTE at
/// the school, and the schools' attributes (domain guide §3.3–3.4).

/// One teacher-section: where, who, which course, the outcome monitoring gave it and the teacher's facts.
public struct TAMOAssignment: Sendable, Hashable {
  /// 14-digit CDS code of the school of course delivery.
  public var cdsCode: String
  /// The teacher of record; the generic 9999999999 (or an empty SEID) is left out of TAMO (rule 69).
  public var seid: String
  public var stateCourseCode: String
  public var outcome: TAMOOutcome
  /// The teacher's classroom FTE at this school: the SASS 8.14 percentages of job classes 12 and 27 there, divided
  /// by 100 (see `TAMOClassroomFTE`). Every row of the same teacher at the same school should carry the same value;
  /// the first row's is used.
  public var classroomFTE: Double
  /// SDEM 7.31; nil when unknown.
  public var serviceYearsTotal: Int?
  /// Whether the teacher holds a full credential, when the caller knows; otherwise read from `outcome`
  /// (`TAMOCredentialLevel.reading`).
  public var credentialLevel: TAMOCredentialLevel?
  /// The section's relative share of the teacher's time for `FTEApportioning.proportionalToWeight` (e.g. minutes
  /// per week); ignored by `equalShares`.
  public var weight: Double

  public init(
    cdsCode: String, seid: String, stateCourseCode: String, outcome: TAMOOutcome, classroomFTE: Double,
    serviceYearsTotal: Int?, credentialLevel: TAMOCredentialLevel? = nil, weight: Double = 1
  ) {
    self.cdsCode = cdsCode
    self.seid = seid
    self.stateCourseCode = stateCourseCode
    self.outcome = outcome
    self.classroomFTE = classroomFTE
    self.serviceYearsTotal = serviceYearsTotal
    self.credentialLevel = credentialLevel
    self.weight = weight
  }
}

/// A school as the TAMO file describes it.
public struct TAMOSchool: Sendable, Hashable {
  public var cdsCode: String
  public var countyName: String
  public var districtName: String
  public var schoolName: String
  public var isCharter: Bool
  /// Dashboard Alternative School Status.
  public var isDASS: Bool
  /// Nil when unknown: the school's rows say ALL and it counts only in the ALL grade span rows above it.
  public var gradeSpan: TAMOGradeSpan?

  public init(
    cdsCode: String, countyName: String, districtName: String, schoolName: String, isCharter: Bool = false,
    isDASS: Bool = false, gradeSpan: TAMOGradeSpan? = nil
  ) {
    self.cdsCode = cdsCode
    self.countyName = countyName
    self.districtName = districtName
    self.schoolName = schoolName
    self.isCharter = isCharter
    self.isDASS = isDASS
    self.gradeSpan = gradeSpan
  }

  /// From the school setting the engine uses, with the names the directory gives.
  public init(_ setting: SchoolSetting, countyName: String, districtName: String, isDASS: Bool = false) {
    self.init(
      cdsCode: setting.cdsCode, countyName: countyName, districtName: districtName, schoolName: setting.name,
      isCharter: setting.isCharter, isDASS: isDASS, gradeSpan: setting.gradeSpan.map(TAMOGradeSpan.init))
  }
}

/// How a teacher's classroom FTE at a school is split over that teacher's sections there. CDE's "Business Rules for
/// Allocating Proportional FTE" were not readable (domain guide §3.3), so this is a strategy value.
public enum FTEApportioning: String, Sendable, Codable, CaseIterable {
  /// Every section gets the same share (UNCONFIRMED working assumption, Credo's default).
  case equalShares = "equal_shares"
  /// Shares proportional to `TAMOAssignment.weight` (equal when every weight is zero).
  case proportionalToWeight = "proportional_to_weight"
}

/// A teacher's classroom FTE per school, from SASS (domain guide §3.3 [C15][C10]): the 8.14 percentages of the
/// classroom job classes at that school, summed and divided by 100.
public enum TAMOClassroomFTE {
  /// 12 Teacher and 27 Itinerant/Pull-out/Push-in Teacher. 26 Charter School Non-certificated Teacher is left out
  /// (Credo's choice, UNCONFIRMED); pass it in `jobClasses` to count it.
  public static let classroomJobClasses: Set<String> = ["12", "27"]

  /// Keyed by 14-digit CDS code and SEID.
  public static func byTeacherAtSchool(
    _ assignments: [StaffAssignment], jobClasses: Set<String> = classroomJobClasses
  ) -> [TeacherAtSchool: Double] {
    var result: [TeacherAtSchool: Double] = [:]
    for record in assignments where jobClasses.contains(record.jobClassificationCode) {
      result[TeacherAtSchool(cdsCode: record.cdsCode, seid: record.seid), default: 0] += record.ftePercent / 100
    }
    return result
  }
}

/// A teacher at one school.
public struct TeacherAtSchool: Sendable, Hashable {
  public var cdsCode: String
  public var seid: String

  public init(cdsCode: String, seid: String) {
    self.cdsCode = cdsCode
    self.seid = seid
  }
}
