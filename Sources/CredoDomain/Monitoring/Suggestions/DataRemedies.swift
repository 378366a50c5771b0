/// CALPADS corrections and CalSAAS determinations (domain guide §2.2, §4.4–4.5; rules 3, 33–35, 50, 60, 62, 63):
/// exceptions that may be artefacts of the reported data, and answers the LEA can give with facts Credo does not hold.
///
/// | exception | remedy | how it is judged |
/// |---|---|---|
/// | course, CRSE 9.34 blank (rule 60) | report 9.34 = Y if the section is part of a grades 5-8 core block (EC 44258.1, rule 3) | re-decided with 9.34 = Y on this and the teacher's other blank sections |
/// | course, co-teachers reported, 9.25 ≠ 1 | report 9.25 = 1 if the class is team taught (rule 50) | re-decided with 9.25 = 1 |
/// | `el.service_code_missing`, `el.unknown_service_code` (rule 33) | report the EL service in 9.20 | re-decided with 9.20 = 2, 3, 4, 6: the codes the teacher's authorizations cover |
/// | `bilingual.language_missing` (rule 63) | report the language in 9.21 | re-decided with the language of the teacher's bilingual authorization |
/// | `course.unknown_code` (rule 62), `course.grade_band`, `sped.unknown_disability_code`, `teacher.not_on_file` | check the code, grades or SEID | needs review |
/// | `sped.area_not_covered`, `sped.grade_limit` | Alternate SPED if the IEP team chose this placement (§1.3) | needs review |
/// | `substitute.teacher_of_record` (rule 35) | Vacancy if no teacher was assigned to the position (rule 34) | needs review |
///
/// A correction confirmed by the engine "clears now" on the condition its sentence states (the data must be wrong);
/// CalSAAS's determination is then CALPADS Error or Core Setting.
extension SectionRemedies {
  mutating func calpadsCorrections() {
    switch finding.rule {
    case "el.service_code_missing", "el.unknown_service_code": serviceCode()
    case "bilingual.language_missing": languageOfInstruction()
    case "course.unknown_code":
      add(
        .calpadsCorrection(field: "CRSE 9.07", value: ""), .needsReview,
        "State course code \(section.stateCourseCode) is not in Credo's catalog for \(section.academicYear): "
          + "correct the course code in CALPADS, or import the current CALPADS course table if the code is new.",
        citation: "CALPADS Valid Code Combinations [C11]; domain rule 62", determination: .calpadsError)
    case "course.grade_band":
      let band = profile?.course?.gradeBand ?? "its grade band"
      add(
        .calpadsCorrection(field: "CRSE 9.07", value: ""), .needsReview,
        "The roster's grades fall outside \(courseLabel)'s grades (\(band)): check the state course code reported "
          + "for this section and the roster.",
        citation: "CALPADS course grade band; domain guide §4.5", determination: .calpadsError)
    case "sped.unknown_disability_code":
      add(
        .calpadsCorrection(field: "student primary disability", value: ""), .needsReview,
        "Disability code \(finding.detail) is not one of the 14 CALPADS areas CalSAAS considers: correct the "
          + "students' primary disability in CALPADS (and the section roster).",
        citation: "CALPADS; domain guide §2.2", determination: .calpadsError)
    case "teacher.not_on_file":
      add(
        .calpadsCorrection(field: "CRSE 9.16", value: ""), .needsReview,
        "No educator with SEID \(section.seid) is on file: check the SEID reported in CRSE 9.16; if it is right, "
          + "import the educator's CTC documents so the section can be checked.",
        citation: "CALPADS CRSE 9.16; EC 44258.9; domain guide §2.2", determination: .calpadsError)
    default: break
    }
    if isCoursePart {
      middleSchoolCore()
      teamTeaching()
    }
  }

  /// Rules 3, 60: a blank 9.34 hides a core block.
  mutating func middleSchoolCore() {
    let range = section.gradeLevelRangeCode.uppercased()
    guard section.middleSchoolCore == nil, range != "SEC", range != "ELM", assignment.teacher != nil,
      let decision = trial({ changed in
        changed.section.middleSchoolCore = true
        for i in changed.otherSections.indices where changed.otherSections[i].middleSchoolCore == nil {
          changed.otherSections[i].middleSchoolCore = true
        }
      })
    else { return }
    add(
      .calpadsCorrection(field: "CRSE 9.34", value: "Y"), .clearsNow,
      "CRSE 9.34 (middle school core indicator) is blank for \(courseLabel). If the section is part of a grades 5-8 "
        + "core block taught to the same group as the teacher's other core subject, report 9.34 = Y: a Multiple "
        + "Subject holder may teach a core block (EC 44258.1).",
      citation: "EC 44258.1; CALPADS CRSE 9.34 [C10]; domain rules 3, 60", determination: .coreSetting,
      decision: decision)
  }

  /// Rule 50: a team-taught class reported as job sharing (or without a code).
  mutating func teamTeaching() {
    guard !assignment.coTeachers.isEmpty, section.multipleTeacherCode != "1",
      let decision = trial({ $0.section.multipleTeacherCode = "1" })
    else { return }
    add(
      .calpadsCorrection(field: "CRSE 9.25", value: "1"), .clearsNow,
      "If the teachers teach the class together, report CRSE 9.25 = 1 (team teaching): one authorized co-teacher then "
        + "suffices. With 9.25 = 2 (job sharing) each teacher must be authorized.",
      citation: "CALPADS CRSE 9.25 [C10]; CalSAAS 2022-23 [S8]; domain rule 50", determination: .calpadsError,
      decision: decision)
  }

  /// Rule 33: the EL service codes the teacher's authorizations cover.
  mutating func serviceCode() {
    var covered: [String] = []
    var first: AssignmentDecision? = nil
    for code in ["2", "3", "4", "6"] {
      if let decision = trial({ $0.section.educationServiceCode = code }) {
        covered.append(code)
        if first == nil { first = decision }
      }
    }
    let wrong = section.educationServiceCode.isEmpty ? "is blank" : "(\(section.educationServiceCode)) is not a code"
    if let first {
      add(
        .calpadsCorrection(field: "CRSE 9.20", value: covered[0]), .clearsNow,
        "CRSE 9.20 (Education Service Code) \(wrong) while English learners are enrolled: report the EL service the "
          + "section gives. The teacher's EL authorizations cover code(s) \(covered.joined(separator: ", ")).",
        citation: "CALPADS CRSE 9.20 [C10]; domain rule 33", determination: .calpadsError, decision: first)
    } else {
      add(
        .calpadsCorrection(field: "CRSE 9.20", value: ""), .needsReview,
        "CRSE 9.20 (Education Service Code) \(wrong) while English learners are enrolled: report the EL service the "
          + "section gives. The teacher's EL authorizations cover none of codes 2, 3, 4 and 6, so an EL "
          + "authorization will be needed as well.",
        citation: "CALPADS CRSE 9.20 [C10]; domain rule 33", determination: .calpadsError)
    }
  }

  /// Rule 63: primary-language instruction with 9.21 blank.
  mutating func languageOfInstruction() {
    let languages = valid.flatMap { $0.document.authorizations.map(\.language) }.filter { !$0.isEmpty }
    for language in languages {
      // 9.21 takes the CALPADS language code; an authorization may name the language instead.
      let code = engine.reference.languageNames.first { equalsIgnoringCase($0.value, language) }?.key ?? language
      let name = engine.reference.languageNames[code] ?? language
      guard let decision = trial({ $0.section.languageOfInstructionCode = code }) else { continue }
      add(
        .calpadsCorrection(field: "CRSE 9.21", value: code), .clearsNow,
        "CRSE 9.21 (language of instruction) is blank for primary-language instruction (9.20 = 1): report the "
          + "language. If it is \(name) (\(code)), the teacher's bilingual authorization covers it.",
        citation: "CALPADS CRSE 9.21 [C10]; domain rules 29, 63", determination: .calpadsError, decision: decision)
      return
    }
    add(
      .calpadsCorrection(field: "CRSE 9.21", value: ""), .needsReview,
      "CRSE 9.21 (language of instruction) is blank for primary-language instruction (9.20 = 1): report the language; "
        + "the teacher holds no bilingual authorization, which it will also need.",
      citation: "CALPADS CRSE 9.21 [C10]; domain rules 29, 63", determination: .calpadsError)
  }

  /// Determinations that rest on facts Credo does not hold: an IEP alternate placement, a vacant position.
  mutating func determinations() {
    switch finding.rule {
    case "sped.area_not_covered", "sped.grade_limit":
      let area =
        engine.reference.disabilityNames[finding.detail].map { "\($0.lowercased()) (\(finding.detail))" }
        ?? finding.detail
      add(
        .alternatePlacement, .needsReview,
        "If the IEP team placed the students with \(area) in this class as an alternate placement, the LEA answers "
          + "Alternate SPED with the IEP on file.",
        citation: "T5 80046.5; CTC special education assignments [S23][S24]; domain guide §1.3, §2.2",
        determination: .alternateSPED)
    case "substitute.teacher_of_record":
      add(
        .vacancy, .needsReview,
        "If no teacher was assigned to the position for the year and the substitute covers a vacancy, the LEA answers "
          + "Vacancy: the section counts as a vacancy (outside TAMO) rather than a misassignment.",
        citation: "EC 44258.9; CTC glossary [S55]; domain guide §2.1; domain rules 34, 35", determination: .vacancy)
    default: break
    }
  }
}
