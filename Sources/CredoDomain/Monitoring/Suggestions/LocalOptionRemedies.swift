import Foundation

/// An option the facts allow (issue 4; domain guide §2.5, rules 2, 5, 7, 13–21, 52): for each local assignment option
/// the engine re-decides the section with an approval recorded for this teacher, this course, this district and this
/// school year, with consent, approval and units as the statute asks. The engine's own LAO rules then test what the
/// documents and the section allow: the holder (rule 16, 21), general education only (17), grades (5, 7), electives
/// (15), one coaching period (14). When the teacher already has an approval for the option, it is the starting point
/// and the remedy names only what is missing (renewal for the year, consent, board action, units, this district).
///
/// Offered only where the option can apply at all: EC 44258.7(b) for physical education courses, T5 80005(b) and EC
/// 44258.7(c) for subjects and electives (not the core subjects, CTE, the self-contained class 1000 or departmentalized
/// ELD), EC 44865 in its settings; for the self-contained class 1000 only EC 44263 (60 units across the EC 44314
/// areas) and EC 44865. Units are assumed held as the
/// statute asks; the district records them, and the sentence says so. Board-approved options approved after the
/// assignment began cover it only from the approval (rule 18), which the sentence says too; an option whose recorded
/// consent or approval is already dated after the census date is not suggested again (the teacher is misassigned
/// until then, and nothing the district records now changes that).
extension SectionRemedies {
  static let optionsInOrder: [LocalAssignmentOption] = [
    .t5_80005b, .ec44256b, .ec44258_2, .ec44263, .ec44258_3, .ec44258_7c, .ec44258_7b, .ec44865,
  ]

  mutating func localAssignmentOptions() {
    guard isCoursePart, let teacher = assignment.teacher, let profile, !profile.isStaffDeveloper else { return }
    let setting =
      school.isEC44865Setting || section.instructionalStrategyCode == "300" || section.independentStudy
    for option in Self.optionsInOrder {
      // The self-contained class is open only to EC 44263's 60 units across the EC 44314 areas (and EC 44865);
      // the other options are for departmentalized subjects.
      if profile.isSelfContained, option != .ec44263, option != .ec44865 { continue }
      switch option {
      case .ec44258_7b: if profile.contentArea != "19" { continue }
      case .t5_80005b, .ec44258_7c:
        // Subjects and electives: not the core subjects, CTE, the self-contained class or departmentalized ELD.
        if profile.isCoreSubject || profile.isCareerTechnical || profile.isSelfContained
          || profile.isDepartmentalizedELD
        {
          continue
        }
      case .ec44865: if !setting { continue }
      default: break
      }
      guard let (approval, mustRecord) = proposedApproval(option, teacher: teacher, profile: profile) else { continue }
      guard
        let decision = trialTeacher({ teacher in
          teacher.approvals.removeAll { $0.id == approval.id }
          teacher.approvals.append(approval)
        })
      else { continue }
      add(
        .localAssignmentOption(option, mustRecord: mustRecord), .clearsNow,
        sentence(option, mustRecord: mustRecord),
        citation: "\(option.rawValue); CTC LAO guidance [S16]; \(option.domainRules)",
        determination: .localAssignmentOption, decision: decision)
    }
  }

  /// The approval the remedy would record, from the teacher's own for this option when there is one, and the list of
  /// what the district must record for it; nil when the recorded consent or approval came after the date (rule 18).
  func proposedApproval(
    _ option: LocalAssignmentOption, teacher: TeacherProfile, profile: CourseProfile
  ) -> (LocalAssignmentApproval, [String])? {
    let year = SchoolYear(containing: date)
    let existing = teacher.approvals.first { approval in
      approval.option == option && (approval.seid == teacher.seid || approval.seid == section.seid)
        && (approval.courseCodes.isEmpty
          ? (approval.subjectCode.isEmpty || profile.subjects.contains(approval.subjectCode.uppercased()))
          : approval.courseCodes.contains(profile.code))
    }
    if let existing, existing.schoolYear == year,
      (existing.consentDate.map { $0 > date } ?? false) || (existing.approvalDate.map { $0 > date } ?? false)
    {
      return nil
    }
    var approval =
      existing
      ?? LocalAssignmentApproval(
        id: HypotheticalDocument.id, seid: teacher.seid, option: option, districtCode: school.districtCode,
        schoolYear: year, courseCodes: [profile.code])
    var must: [String] = []
    if approval.districtCode != school.districtCode {
      must.append("an approval by this district (\(school.districtCode)); the recorded one is another district's")
      approval.districtCode = school.districtCode
    }
    if approval.schoolYear != year {
      // Rule 19: options are renewed each year, with the teacher's consent and the approval given again.
      if existing != nil {
        must.append("the annual renewal for \(year) (the recorded approval is for \(approval.schoolYear))")
      }
      approval.schoolYear = year
      approval.consentDate = nil
      approval.approvalDate = nil
    }
    if option.needsConsent, approval.consentDate.map({ $0 > date }) ?? true {
      must.append("the teacher's written consent")
      approval.consentDate = date
    }
    if option.needsApproval, approval.approvalDate.map({ $0 > date }) ?? true {
      must.append(approvalNoun(option) + " for \(year)")
      approval.approvalDate = date
      approval.assignmentStartDate = nil
    }
    if var required = option.requiredUnits {
      if option == .ec44263, profile.isSelfContained { required = 60 }
      if approval.semesterUnits.map({ $0 < required }) ?? true {
        let upper = Int(required / 2)
        must.append(
          profile.isSelfContained && option == .ec44263
            ? "60 semester units spread across the ten areas of EC 44314"
            : "\(Int(required)) semester units (or \(upper) upper-division) in the subject of \(courseLabel)")
        approval.semesterUnits = required
      }
    }
    must += conditions(option)
    return (approval, must)
  }

  func approvalNoun(_ option: LocalAssignmentOption) -> String {
    switch option {
    case .ec44263: "an annual board resolution"
    case .ec44258_7c: "the Committee on Assignments' approval (for up to one year)"
    case .ec44258_3:
      "the district's verification of the teacher's subject knowledge under its board policy (observation, "
        + "interview, demonstration lesson, portfolio or examination, with subject specialists)"
    default: "board approval"
    }
  }

  /// Conditions of the option the approval record does not carry.
  func conditions(_ option: LocalAssignmentOption) -> [String] {
    switch option {
    case .ec44258_3: ["the principal's notice to the bargaining unit"]
    case .ec44258_7b: ["that the teacher is full-time with at least 20 hours of first aid training"]
    case .ec44258_7c: ["that the teacher is full-time with special skills or preparation in the elective"]
    case .t5_80005b:
      ["the employer's written finding that \(courseLabel) is directly related to the teacher's Single Subject area"]
    default: []
    }
  }

  func sentence(_ option: LocalAssignmentOption, mustRecord: [String]) -> String {
    let what: String
    switch option {
    case .ec44256b: what = "a Multiple Subject holder's departmentalized class in grades 9 and below"
    case .ec44258_2: what = "a Single Subject holder's class in grades 5-8 of a middle school"
    case .ec44258_3: what = "district-verified subject knowledge, valid only in this district"
    case .ec44263: what = "a credential holder with the units in the subject"
    case .ec44258_7b: what = "coaching one period a day for physical education credit"
    case .ec44258_7c: what = "an elective approved by the Committee on Assignments"
    case .t5_80005b: what = "a subject directly related to the Single Subject area; CTC counts it fully prepared"
    case .ec44865: what = "an alternative setting, with the teacher's consent"
    case .t5_80020_4: what = "a mentor or peer-assistance assignment"
    }
    var text = "Teach \(courseLabel) under \(option.rawValue) (\(what)): record "
    text += mustRecord.isEmpty ? "the option" : mustRecord.joined(separator: "; ")
    text += "."
    if option.needsApproval {
      text += " An approval dated after the assignment began covers it only from the approval date."
    }
    return text
  }
}
