/// Sections CalSAAS decides before looking at documents, and the settings that change who must be authorized
/// (domain guide §2.2 "predetermined exceptions", §2.4, §3.2a steps 1–2).
///
/// - Rule 51: learner-led online sections (9.33 = 3) need no credentialed teacher: not monitored, TAMO N/A.
/// - Rule 53: college-credit courses (9.19 = 23, or a CALPADS "College Credit Course") are predetermined under
///   EC 76004: with the generic SEID (college faculty) not monitored; with a teacher the documents are checked first
///   and EC 76004 covers what they do not.
/// - Rule 34: the generic SEID 9999999999 is a predetermined vacancy, outside TAMO (CTC dashboards show it unknown).
/// - Rule 50: team teaching (9.25 = 1): no exception when a co-teacher reported for the class is authorized; job
///   sharing (9.25 = 2): each teacher is decided alone.
/// - Rule 54: mentor and peer assistance courses 6010/6011: T5 80020.4 for credentials based on a BA, preparation
///   and student teaching.
/// - Rule 56: a charter teacher employed in 2019-20 teaching a non-core, non-college-prep course without an
///   authorization was in the "2019-20 Charter" grace category until 1 July 2025 (AB 1505, EC 47605.4); afterwards
///   a misassignment.
extension AssignmentEngine {
  func predetermined(
    _ section: borrowing CourseSection, profile: CourseProfile?, text: DecisionText
  ) -> AssignmentDecision? {
    if section.onlineInstructionTypeCode == "3" {
      return single(
        finding(
          .notMonitored, rule: "online.learner_led", citation: "CALPADS CRSE 9.33; domain rule 51",
          explanation:
            "Learner-led online instruction (CRSE 9.33 = 3) needs no credentialed teacher; CTC does not monitor it.",
          facts: [DecisionFact("online instruction type", "3 learner-led")], text: text), .notApplicable)
    }
    if section.isVacant {
      if profile?.isCollegeCredit == true || section.instructionalLevelCode == "23" {
        return single(
          finding(
            .notMonitored, rule: "college_credit.ec76004", citation: "EC 76004; domain rule 53",
            explanation:
              "A college-credit course taught by college faculty (generic SEID) is predetermined under EC 76004 and "
              + "not monitored.",
            facts: [DecisionFact("course", section.stateCourseCode), DecisionFact("seid", section.seid)], text: text),
          .notApplicable)
      }
      return single(
        finding(
          .vacancy, rule: "vacancy.generic_seid", citation: "CALPADS CRSE 9.16; CalSAAS; domain rule 34",
          explanation:
            "The section is reported with the generic SEID 9999999999: no permanent teacher was assigned, which "
            + "CalSAAS predetermines as a vacancy. It is excluded from TAMO FTE.",
          facts: [DecisionFact("course", section.stateCourseCode), DecisionFact("seid", section.seid)], text: text),
        .unknown)
    }
    return nil
  }

  func single(_ finding: AssignmentFinding, _ tamo: TAMOOutcome) -> AssignmentDecision {
    AssignmentDecision(finding: finding, tamoOutcome: tamo)
  }

  /// Rule 50: with team teaching one authorized co-teacher clears the section. The unauthorized teacher takes the
  /// authorized co-teacher's TAMO outcome (Credo's choice; the TAMO business rules are UNCONFIRMED).
  func teamTeaching(
    _ assignment: SectionAssignment, own: AssignmentDecision, asOf date: CalendarDate, text: DecisionText
  ) -> AssignmentDecision {
    for coTeacher in assignment.coTeachers where coTeacher.section.seid != assignment.section.seid {
      let other = SectionAssignment(
        section: coTeacher.section, roster: assignment.roster, school: assignment.school, teacher: coTeacher.teacher)
      let decision = decide(other, asOf: date, text: text)
      guard decision.status == .authorized, let authorized = decision.findings.first else { continue }
      return single(
        finding(
          .authorized, basis: "team teaching with \(coTeacher.section.seid): \(authorized.basis)",
          rule: "team.co_teacher_authorized", citation: "CALPADS CRSE 9.25; CalSAAS 2022-23; domain rule 50",
          explanation:
            "The class is team taught (CRSE 9.25 = 1) and co-teacher \(coTeacher.section.seid) is authorized "
            + "(\(authorized.basis)); one authorized teacher suffices. This teacher alone would raise: "
            + own.exceptions.map(\.rule).joined(separator: ", ") + ".",
          facts: [
            DecisionFact("multiple teacher code", "1 team teaching"),
            DecisionFact("co-teacher", coTeacher.section.seid),
          ], text: text),
        decision.tamoOutcome)
    }
    return own
  }
}

extension SectionContext {
  /// Rule 54: 6010/6011 courses.
  func staffDeveloperCoverage() -> Coverage? {
    guard let h = holdings.indices.first(where: { holdings[$0].isValid && holdings[$0].kind.isBasicTeachingCredential })
    else { return nil }
    return Coverage(
      source: .staffDeveloper(holding: h), tamo: holdings[h].kind.tamoOutcome, label: .staffDeveloper)
  }

  func staffDeveloperGap() -> Gap {
    gap(
      type: .course, rule: "predetermined.t5_80020_4_no_credential", citation: "T5 80020.4; domain rule 54",
      explanation:
        "Mentor and peer-assistance assignments need a teaching credential based on a bachelor's degree, preparation "
        + "and student teaching; the teacher's valid documents are \(documentsSummary).",
      facts: [DecisionFact("course", section.stateCourseCode)])
  }

  /// Rule 56: the 2019-20 charter grace period.
  func charterGrace(gap: inout Gap?) -> Coverage? {
    guard school.isCharter, section.charterNonCoreNonCollegePrep,
      let start = input.pointee.teacher!.demographics?.employmentStartDate, start <= policy.charterGraceEmployedBy
    else { return nil }
    if date < policy.charterGraceEnds {
      return Coverage(
        source: .charterGrace, tamo: .ineffective, label: .charterGrace)
    }
    gap = self.gap(
      type: .course, rule: "charter.grace_ended", citation: "EC 47605.4; AB 1505; domain rule 56",
      explanation:
        "The grace period for charter teachers employed in 2019-20 ended on \(policy.charterGraceEnds); without an "
        + "authorization the assignment is a misassignment.",
      facts: [DecisionFact("employment start", start.iso)])
    return nil
  }
}
