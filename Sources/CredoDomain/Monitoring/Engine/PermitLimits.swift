/// Permit and waiver rules that are not about one CRSE record but about counts and histories the office keeps (days
/// a substitute has served, earlier waivers and permits): small pure functions returning a decision with its
/// citation (domain guide §1.7; rules 36–42).
public struct LimitDecision: Sendable, Hashable {
  public var allowed: Bool
  /// A stable machine code, e.g. `substitute.day_limit`.
  public var rule: String
  public var citation: String
  public var explanation: String

  public init(allowed: Bool, rule: String, citation: String, explanation: String) {
    self.allowed = allowed
    self.rule = rule
    self.citation = citation
    self.explanation = explanation
  }
}

/// The substitute permits whose day limits differ (T5 80025, 80025.1, 80025.2).
public enum SubstitutePermitKind: String, Sendable, Hashable, CaseIterable {
  case thirtyDay = "30-day"
  case prospectiveTeacher = "prospective-teacher"
  case career
  case careerTechnicalThirtyDay = "cte-30-day"
}

/// Rules 36–38: how many days a substitute permit holder may serve one absent teacher's class.
public enum SubstituteDayLimit {
  /// Whether day `day` (1-based, counted per absent teacher per school year, consecutive or not) of service for one
  /// absent teacher is allowed; for the prospective-teacher permit also `totalDaysThisYear` (including this day)
  /// across all assignments; for the career permit, whether the district is one where the holder met the
  /// 3 × 90-day history.
  public static func decide(
    permit: SubstitutePermitKind, day: Int, specialEducation: Bool, totalDaysThisYear: Int? = nil,
    inQualifyingDistrict: Bool = true, limits: SubstituteDayLimits = .regulation
  ) -> LimitDecision {
    let perTeacher: Int
    let citation: String
    switch permit {
    case .thirtyDay, .careerTechnicalThirtyDay:
      perTeacher = specialEducation ? limits.perTeacherSpecialEducation : limits.perTeacher
      citation = permit == .thirtyDay ? "T5 80025; domain rule 36" : "CTC CL-786; domain rule 36"
    case .prospectiveTeacher:
      perTeacher = specialEducation ? limits.perTeacherSpecialEducation : limits.perTeacher
      citation = "T5 80025.2; domain rule 37"
    case .career:
      perTeacher = specialEducation ? limits.careerPerTeacherSpecialEducation : limits.careerPerTeacher
      citation = "T5 80025.1; domain rule 38"
    }
    if permit == .career, !inQualifyingDistrict {
      return LimitDecision(
        allowed: false, rule: "substitute.career_district", citation: citation,
        explanation:
          "A career substitute permit is valid only in the district(s) where the holder served 90 days a year for "
          + "three years.")
    }
    if permit == .prospectiveTeacher, let total = totalDaysThisYear, total > limits.prospectiveTotal {
      return LimitDecision(
        allowed: false, rule: "substitute.prospective_total", citation: citation,
        explanation:
          "Day \(total) of the school year exceeds the \(limits.prospectiveTotal)-day total of the prospective-teacher "
          + "substitute permit, whatever the days per teacher.")
    }
    if day > perTeacher {
      let setting = specialEducation ? " in special education" : ""
      return LimitDecision(
        allowed: false, rule: "substitute.day_limit", citation: citation,
        explanation:
          "Day \(day) for the same absent teacher exceeds the \(perTeacher)-day limit\(setting) of the \(permit.rawValue) "
          + "substitute permit; the days need not be consecutive.")
    }
    return LimitDecision(
      allowed: true, rule: "substitute.within_limit", citation: citation,
      explanation: "Day \(day) of \(perTeacher) allowed per absent teacher this school year.")
  }
}

/// Rule 40: a Short-Term Waiver may be used once per teacher and once per class, for at most one semester
/// (T5 80123).
public enum ShortTermWaiverUse {
  public static func decide(
    earlierWaiversForTeacher: Int, earlierWaiversForClass: Int, start: CalendarDate, end: CalendarDate,
    semesterEnd: CalendarDate
  ) -> LimitDecision {
    let citation = "T5 80120, 80123; domain rule 40"
    if earlierWaiversForTeacher > 0 {
      return LimitDecision(
        allowed: false, rule: "waiver.stw_teacher_reuse", citation: citation,
        explanation: "A Short-Term Waiver was already used for this teacher; it may be used once per teacher.")
    }
    if earlierWaiversForClass > 0 {
      return LimitDecision(
        allowed: false, rule: "waiver.stw_class_reuse", citation: citation,
        explanation: "A Short-Term Waiver was already used for this class; it may be used once per class.")
    }
    if end > semesterEnd || end < start {
      return LimitDecision(
        allowed: false, rule: "waiver.stw_too_long", citation: citation,
        explanation: "A Short-Term Waiver lasts at most one semester (to \(semesterEnd)); this one runs to \(end).")
    }
    return LimitDecision(
      allowed: true, rule: "waiver.stw_allowed", citation: citation,
      explanation: "First Short-Term Waiver for this teacher and class, within one semester.")
  }
}

/// Rule 41: a GELAP may be issued in a subject and reissued twice (three issuances in all).
public enum GELAPIssuance {
  public static func decide(earlierIssuancesInSubject: Int) -> LimitDecision {
    let citation = "T5 80027; domain rule 41"
    if earlierIssuancesInSubject >= 3 {
      return LimitDecision(
        allowed: false, rule: "permit.gelap_reissue_limit", citation: citation,
        explanation:
          "A GELAP may be issued and reissued twice in a subject; this would be issuance "
          + "\(earlierIssuancesInSubject + 1).")
    }
    return LimitDecision(
      allowed: true, rule: "permit.gelap_issuance_allowed", citation: citation,
      explanation: "Issuance \(earlierIssuancesInSubject + 1) of at most 3 in this subject.")
  }
}

/// Rule 42: STSP eligibility: not for someone who held five long-term emergency permits, and only for the requesting
/// employer.
public enum ShortTermStaffPermitEligibility {
  public static func decide(
    earlierLongTermEmergencyPermits: Int, requestingDistrict: String, assignmentDistrict: String
  ) -> LimitDecision {
    let citation = "T5 80021; CTC CL-858; domain rule 42"
    if earlierLongTermEmergencyPermits >= 5 {
      return LimitDecision(
        allowed: false, rule: "permit.stsp_ineligible", citation: citation,
        explanation: "A holder of five long-term emergency permits may not be issued a Short-Term Staff Permit.")
    }
    if requestingDistrict != assignmentDistrict {
      return LimitDecision(
        allowed: false, rule: "permit.employer_restriction", citation: citation,
        explanation:
          "The Short-Term Staff Permit was requested by district \(requestingDistrict) and is valid only there, not "
          + "in \(assignmentDistrict).")
    }
    return LimitDecision(
      allowed: true, rule: "permit.stsp_eligible", citation: citation,
      explanation: "Eligible for a Short-Term Staff Permit in the requesting district.")
  }
}

/// Rule 39: a Teaching Permit for Statutory Leave covers a contracted teacher's statutory leave, for its full length;
/// never a vacancy.
public enum StatutoryLeaveCoverage {
  public static func decide(coversContractedTeacherOnStatutoryLeave: Bool) -> LimitDecision {
    let citation = "EC 44225(m); CTC TPSL; domain rule 39"
    if !coversContractedTeacherOnStatutoryLeave {
      return LimitDecision(
        allowed: false, rule: "permit.tpsl_not_leave", citation: citation,
        explanation:
          "A TPSL holder may serve only in place of a contracted teacher on statutory leave, not in a vacancy.")
    }
    return LimitDecision(
      allowed: true, rule: "permit.tpsl_leave", citation: citation,
      explanation: "The TPSL holder covers a statutory leave; for TAMO the assignment counts as ineffective.")
  }
}

/// Rule 83: ESSA teacher experience level from SDEM 7.31 (two or fewer years: inexperienced).
public enum TeacherExperienceLevel: String, Sendable, Hashable, CaseIterable {
  case experienced = "EXP"
  case inexperienced = "INEXP"

  /// nil when the service years are unknown.
  public init?(serviceYearsTotal: Int?) {
    guard let years = serviceYearsTotal else { return nil }
    self = years <= 2 ? .inexperienced : .experienced
  }
}
