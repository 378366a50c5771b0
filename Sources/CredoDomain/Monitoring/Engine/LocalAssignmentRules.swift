/// Local assignment options and other employer actions that make a course legal outside the credential (domain
/// guide §2.5; rules 5, 7, 13–21, 52), from the approvals recorded for the teacher (`TeacherProfile.approvals`) and the
/// option declared in CALPADS 9.35.
///
/// - EC 44256(b) (rule 5): Multiple Subject holder, 12 semester units, consent, board approval; students in grade 9
///   and below.
/// - EC 44258.2 (rule 7): Single Subject holder, 12 units, consent, board action; grades 5–8.
/// - EC 44258.3 (rules 20–21): any credential holder except an emergency permit holder, consent, district
///   verification; valid only in the verifying district.
/// - EC 44258.7(b) (rule 14): coaching one period a day for PE credit, board action.
/// - EC 44258.7(c) (rule 15): electives only (not English, mathematics, science, social studies), committee on
///   assignments, up to one year.
/// - EC 44263: 18 units (60 across the EC 44314 areas for a self-contained class), consent, annual board resolution.
/// - T5 80005(b) (rule 13): a Single Subject holder in a subject the employer finds directly related; CTC counts it
///   fully prepared.
/// - General conditions (rules 16–19, CTC LAO guidance [S16]): a full credential (not intern, PIP, STSP, waiver);
///   general education only (not special education, CTE, EL); board approval before the assignment starts (else
///   misassigned until approved); approvals are annual.
/// - EC 44865 (rule 52): continuation, alternative, opportunity, juvenile court, community day schools, home and
///   hospital (9.22 = 300) and independent study (9.23): a credential based on a BA and student teaching, with
///   consent, for any subject.
extension LocalAssignmentOption {
  var ruleCode: String {
    switch self {
    case .ec44256b: "lao.ec44256b"
    case .ec44258_2: "lao.ec44258_2"
    case .ec44258_3: "lao.ec44258_3"
    case .ec44258_7b: "lao.ec44258_7b"
    case .ec44258_7c: "lao.ec44258_7c"
    case .ec44263: "lao.ec44263"
    case .ec44865: "setting.ec44865"
    case .t5_80005b: "lao.t5_80005b"
    case .t5_80020_4: "predetermined.t5_80020_4"
    }
  }

  var domainRules: String {
    switch self {
    case .ec44256b: "domain rules 5, 19"
    case .ec44258_2: "domain rule 7"
    case .ec44258_3: "domain rules 20, 21"
    case .ec44258_7b: "domain rule 14"
    case .ec44258_7c: "domain rule 15"
    case .ec44263: "domain rules 2, 19"
    case .ec44865: "domain rule 52"
    case .t5_80005b: "domain rules 8, 13"
    case .t5_80020_4: "domain rule 54"
    }
  }

  /// Options that need the teacher's consent.
  var needsConsent: Bool {
    switch self {
    case .ec44256b, .ec44258_2, .ec44258_3, .ec44263, .ec44865: true
    default: false
    }
  }

  /// Options that need a board, committee or district action dated before the assignment.
  var needsApproval: Bool { self != .t5_80005b && self != .ec44865 && self != .t5_80020_4 }

  /// The semester units the statute asks for (upper-division units are recorded doubled).
  var requiredUnits: Double? {
    switch self {
    case .ec44256b, .ec44258_2: 12
    case .ec44263: 18
    default: nil
    }
  }
}

extension SectionContext {
  /// The first valid full teaching credential of the teacher (LAO holder, rule 16).
  func fullCredentialHolding(_ accept: (DocumentKind) -> Bool = { _ in true }) -> Int? {
    holdings.indices.first {
      holdings[$0].isValid && holdings[$0].kind.isFullCredential && holdings[$0].kind != .servicesCredential
        && accept(holdings[$0].kind)
    }
  }

  func approvalApplies(_ approval: LocalAssignmentApproval, profile: CourseProfile) -> Bool {
    guard approval.seid == section.seid || approval.seid == teacherSEID else { return false }
    if !approval.courseCodes.isEmpty { return approval.courseCodes.contains(profile.code) }
    if !approval.subjectCode.isEmpty { return profile.subjects.contains(approval.subjectCode.uppercased()) }
    return true
  }

  /// The declared 9.35 option, if any.
  var declaredOption: LocalAssignmentOption? {
    let code = section.localAssignmentOptionCode
    guard !code.isEmpty else { return nil }
    return reference.localAssignmentOptionCodes[MonitoringReference.localAssignmentKey(code)]
  }

  func localOptionCoverage(profile: CourseProfile, gap: inout Gap?) -> Coverage? {
    var firstGap: Gap? = nil
    var declaredSeen = false
    let declared = declaredOption
    for (i, approval) in approvals.enumerated()
    where approval.option != .ec44865 && approval.option != .t5_80020_4 && approvalApplies(approval, profile: profile) {
      if approval.option == declared { declaredSeen = true }
      switch evaluate(approval.option, approval: i, profile: profile) {
      case .success(let coverage): return coverage
      case .failure(let failure): if firstGap == nil { firstGap = failure.gap }
      }
    }
    if let declared, !declaredSeen, declared != .ec44865, declared != .t5_80020_4 {
      if policy.acceptsLocalAssignmentCodeWithoutRecord {
        switch evaluate(declared, approval: nil, profile: profile) {
        case .success(let coverage): return coverage
        case .failure(let failure): if firstGap == nil { firstGap = failure.gap }
        }
      } else if firstGap == nil {
        firstGap = self.gap(
          type: .course, rule: "lao.no_record", citation: "domain guide §2.2, §2.5",
          explanation:
            "CALPADS 9.35 declares \(declared.rawValue), but no approval is recorded and this office requires one.")
      }
    }
    if gap == nil { gap = firstGap }
    return nil
  }

  struct OptionFailure: Error { var gap: Gap }

  /// Checks one option (recorded approval or, with `approval` nil, a 9.35 declaration) for this section.
  func evaluate(
    _ option: LocalAssignmentOption, approval index: Int?, profile: CourseProfile
  ) -> Result<Coverage, OptionFailure> {
    func fail(_ rule: String, _ explanation: @autoclosure () -> String) -> Result<Coverage, OptionFailure> {
      .failure(
        OptionFailure(
          gap: gap(
            type: .course, rule: rule, citation: "\(option.rawValue); CTC LAO guidance; \(option.domainRules)",
            explanation: explanation(), facts: [DecisionFact("local assignment option", option.rawValue)])))
    }
    // Rules 16, 21: who may use it.
    let holder: Int?
    switch option {
    case .ec44256b: holder = selfContainedHolding().flatMap { holdings[$0].kind.isFullCredential ? $0 : nil }
    case .ec44258_2, .t5_80005b: holder = fullCredentialHolding { $0 == .singleSubject }
    default: holder = fullCredentialHolding()
    }
    guard let holder else {
      if option == .ec44258_3, holdings.contains(where: { $0.isValid && $0.kind.isEmergencyPermit }) {
        return fail(
          "lao.ec44258_3_emergency_permit",
          "EC 44258.3 is not available to a holder of an emergency permit; the teacher holds no credential.")
      }
      let needed: String
      switch option {
      case .ec44256b: needed = "a Multiple Subject credential"
      case .ec44258_2, .t5_80005b: needed = "a Single Subject credential"
      default: needed = "a full teaching credential (not an intern credential, PIP, STSP or waiver)"
      }
      return fail(
        "lao.invalid_holder",
        "\(option.rawValue) requires \(needed); the teacher's valid documents are \(documentsSummary).")
    }
    // Rule 17: general education only.
    if option != .t5_80005b, isSpecialEducation || profile.isCareerTechnical || profile.isDepartmentalizedELD {
      let setting =
        isSpecialEducation
        ? "a special education section" : profile.isCareerTechnical ? "a CTE course" : "an ELD course"
      return fail(
        "lao.general_ed_only", "Local assignment options cover general education only; this is \(setting).")
    }
    if let index {
      let approval = approvals[index]
      // Rule 20: the district that approved it.
      if approval.districtCode != school.districtCode {
        return fail(
          "lao.other_district",
          "The \(option.rawValue) approval was given by district \(approval.districtCode); the school is in "
            + "\(school.districtCode), and the option is valid only in the approving district.")
      }
      // Rule 19: annual approval.
      let year = SchoolYear(containing: date)
      if approval.schoolYear != year {
        return fail(
          "lao.prior_year",
          "The \(option.rawValue) approval is for \(approval.schoolYear); approvals are annual and \(date) is in "
            + "\(year).")
      }
      if option.needsConsent, approval.consentDate.map({ $0 > date }) ?? true {
        return fail(
          "lao.no_consent", "\(option.rawValue) needs the teacher's consent, and none is recorded by \(date).")
      }
      if option.needsApproval {
        // Rule 18: approved after the assignment started: misassigned from the start until the approval.
        if let approved = approval.approvalDate, approved > date, let start = approval.assignmentStartDate,
          start < approved
        {
          return fail(
            "lao.approved_after_start",
            "The board approved \(option.rawValue) on \(approved), after the assignment began on \(start); the "
              + "teacher is misassigned until the approval.")
        }
        if approval.approvalDate.map({ $0 > date }) ?? true {
          return fail(
            "lao.not_approved",
            "\(option.rawValue) needs board (or committee) approval, and none is recorded on or before \(date).")
        }
      }
      if var required = option.requiredUnits, let units = approval.semesterUnits {
        if option == .ec44263, profile.isSelfContained { required = 60 }
        if units < required {
          return fail(
            "lao.insufficient_units",
            "\(option.rawValue) needs \(Int(required)) semester units in the subject; \(units) are recorded.")
        }
      }
    }
    // Option scope.
    switch option {
    case .ec44256b:
      guard let grades = studentGrades(), grades.high <= .g9 else {
        return fail(
          "lao.ec44256b_grade_limit",
          "EC 44256(b) covers departmentalized classes in grades 9 and below; the section has "
            + "\(studentGrades().map { "\($0.text) (\($0.source))" } ?? "no known grades").")
      }
    case .ec44258_2:
      guard let grades = studentGrades(), grades.low >= .g5, grades.high <= .g8 else {
        return fail(
          "lao.ec44258_2_grade_limit",
          "EC 44258.2 covers grades 5 to 8 in a middle school only; the section has "
            + "\(studentGrades().map { "\($0.text) (\($0.source))" } ?? "no known grades"). Use EC 44263 or 44258.3.")
      }
    case .ec44258_7b:
      // Rule 14: one period a day; the first of the teacher's coaching sections (by section key) is the covered one.
      let approvalRecord = index.map { approvals[$0] }
      var covered: [SectionKey] = []
      for other in [section] + input.pointee.otherSections {
        guard let otherProfile = lookup(engine.courses, other.stateCourseCode) else { continue }
        let applies =
          approvalRecord.map { approvalApplies($0, profile: otherProfile) } ?? (otherProfile.code == profile.code)
        if applies { covered.append(other.key) }
      }
      covered.sort()
      if let first = covered.first, first != section.key {
        return fail(
          "lao.ec44258_7b_one_period",
          "EC 44258.7(b) allows coaching one period a day; section \(first) already uses it.")
      }
    case .ec44258_7c:
      if profile.isCoreSubject {
        return fail(
          "lao.ec44258_7c_core_subject",
          "EC 44258.7(c) covers electives only; English, mathematics, science and social studies cannot use it.")
      }
    default: break
    }
    let tamo = option == .t5_80005b ? holdings[holder].kind.tamoOutcome : policy.localAssignmentOptionOutcome
    return .success(
      Coverage(
        source: .localOption(approval: index, option: option, holding: holder), tamo: tamo,
        label: .localOption(option)))
  }

  /// Rule 52: EC 44865 settings.
  func ec44865Coverage(gap: inout Gap?) -> Coverage? {
    let setting: EC44865Setting
    if school.isEC44865Setting {
      setting = .alternativeSchool
    } else if section.instructionalStrategyCode == "300" {
      setting = .homeAndHospital
    } else if section.independentStudy {
      setting = .independentStudy
    } else {
      return nil
    }
    guard let h = holdings.indices.first(where: { holdings[$0].isValid && holdings[$0].kind.isBasicTeachingCredential })
    else { return nil }
    if policy.ec44865RequiresRecordedConsent {
      let consented =
        declaredOption == .ec44865
        || approvals.contains {
          $0.option == .ec44865 && ($0.seid == teacherSEID || $0.seid == section.seid)
            && ($0.consentDate.map { $0 <= date } ?? false)
        }
      if !consented {
        if gap == nil {
          gap = self.gap(
            type: .course, rule: "setting.ec44865_no_consent", citation: "EC 44865; domain rule 52",
            explanation: "In a \(setting.text) EC 44865 needs the teacher's consent, and none is recorded.")
        }
        return nil
      }
    }
    return Coverage(
      source: .ec44865(holding: h, setting: setting), tamo: holdings[h].kind.tamoOutcome, label: .ec44865)
  }
}

/// The settings of rule 52, as a number in `Coverage.Source` (a string there would make every coverage copy retain
/// it).
enum EC44865Setting {
  case alternativeSchool
  case homeAndHospital
  case independentStudy

  var text: String {
    switch self {
    case .alternativeSchool: "continuation, alternative or community day school"
    case .homeAndHospital: "home and hospital class"
    case .independentStudy: "independent study section"
    }
  }
}
