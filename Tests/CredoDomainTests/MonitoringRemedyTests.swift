import CredoDomain
import Testing

/// Issue 4: for each exception Credo suggests what could fix it. Each test names the rule or statute the remedy rests
/// on (domain guide §7 numbers; `docs/rules/assignment-engine.md`, "Remedies for an exception").
@Suite("Monitoring: remedies for an exception (issue 4)")
struct MonitoringRemedyTests {
  typealias F = MonitoringFixture

  /// The remedies for the first exception (or the one with `rule`) of the section as decided on census day.
  static func remedies(
    _ section: CourseSection, _ teacher: TeacherProfile?, roster: SectionRoster? = nil,
    others: [CourseSection] = [], coTeachers: [SectionAssignment.CoTeacher] = [], candidates: [TeacherProfile] = [],
    rule: String? = nil, limit: Int = ExceptionRemedies.defaultLimit
  ) -> (decision: AssignmentDecision, remedies: [ExceptionRemedy]) {
    let assignment = SectionAssignment(
      section: section, roster: roster, coTeachers: coTeachers, otherSections: others, school: F.school,
      teacher: teacher)
    let decision = F.engine.decide(assignment, asOf: F.census)
    guard let finding = decision.exceptions.first(where: { rule == nil || $0.rule == rule }) else {
      return (decision, [])
    }
    return (
      decision,
      ExceptionRemedies.suggest(
        for: finding, in: assignment, engine: F.engine, candidates: candidates, asOf: F.census, limit: limit)
    )
  }

  static func colleague(_ seid: String, _ first: String, _ documents: CredentialDocument...) -> TeacherProfile {
    TeacherProfile(
      seid: seid, documents: documents,
      demographics: StaffDemographics(
        academicYear: SchoolYear(startYear: 2025), reportingLEA: F.districtCode, seid: seid, firstName: first,
        lastName: "Teacher"))
  }

  static func option(_ remedy: ExceptionRemedy) -> LocalAssignmentOption? {
    if case .localAssignmentOption(let option, _) = remedy.kind { return option }
    return nil
  }

  static func mustRecord(_ remedy: ExceptionRemedy) -> [String] {
    if case .localAssignmentOption(_, let record) = remedy.kind { return record }
    return []
  }

  static func permit(_ remedy: ExceptionRemedy) -> DocumentKind? {
    if case .permitOrWaiver(let kind, _) = remedy.kind { return kind }
    return nil
  }

  static func route(_ remedy: ExceptionRemedy) -> AuthorizationRoute? {
    if case .addedAuthorization(let route) = remedy.kind { return route }
    return nil
  }

  static func otherTeacher(_ remedy: ExceptionRemedy) -> String? {
    if case .otherAuthorizedTeacher(let seid, _, _) = remedy.kind { return seid }
    return nil
  }

  static func correction(_ remedy: ExceptionRemedy) -> (field: String, value: String)? {
    if case .calpadsCorrection(let field, let value) = remedy.kind { return (field, value) }
    return nil
  }

  // MARK: An option the facts allow (§2.5)

  @Test("Rule 2, EC 44263 / 44258.3: MS holder on grade-10 Chemistry; EC 44256(b) is not offered (grades 9 and below)")
  func rule2LocalOptions() {
    let (decision, remedies) = Self.remedies(
      F.section("9325"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "course.not_authorized")
    let options = remedies.compactMap(Self.option)
    #expect(options.contains(.ec44263))
    #expect(options.contains(.ec44258_3))
    #expect(!options.contains(.ec44256b))
    #expect(!options.contains(.ec44258_2))  // a Single Subject holder's option
    let ec44263 = remedies.first { Self.option($0) == .ec44263 }!
    #expect(ec44263.readiness == .clearsNow)
    #expect(ec44263.tamoOutcome == .outOfField)
    #expect(ec44263.determination == .localAssignmentOption)
    #expect(ec44263.citation.hasPrefix("EC 44263"))
    let record = Self.mustRecord(ec44263)
    #expect(record.contains("the teacher's written consent"))
    #expect(record.contains { $0.hasPrefix("an annual board resolution for 2025-2026") })
    #expect(record.contains { $0.hasPrefix("18 semester units (or 9 upper-division)") })
  }

  @Test("Rule 5, EC 44256(b): MS holder on grade-8 Algebra I gets EC 44256(b) with 12 units")
  func rule5() {
    let (_, remedies) = Self.remedies(F.section("9249"), F.teacher(F.multipleSubject()), roster: F.roster([.g8: 30]))
    let option = remedies.first { Self.option($0) == .ec44256b }
    #expect(option?.readiness == .clearsNow)
    #expect(Self.mustRecord(option!).contains { $0.hasPrefix("12 semester units (or 6 upper-division)") })
    // Grade 10 students: EC 44256(b) would not authorize, so it is not suggested.
    let (_, grade10) = Self.remedies(F.section("9249"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 30]))
    #expect(!grade10.compactMap(Self.option).contains(.ec44256b))
  }

  @Test("Rule 19: an approval from the prior year is suggested as its annual renewal, units already recorded")
  func rule19() {
    let teacher = F.teacher(
      F.multipleSubject(),
      approvals: [
        F.approval(
          .ec44263, courses: ["9325"], units: 18, year: 2024, consent: "2024-08-01", approved: "2024-08-12",
          start: "2024-08-14")
      ])
    let (decision, remedies) = Self.remedies(F.section("9325"), teacher, roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "lao.prior_year")
    let renewal = remedies.first { Self.option($0) == .ec44263 }!
    let record = Self.mustRecord(renewal)
    #expect(record.contains { $0.hasPrefix("the annual renewal for 2025-2026") })
    #expect(record.contains("the teacher's written consent"))
    #expect(!record.contains { $0.contains("semester units") })
  }

  @Test("Rule 18: an approval dated after the assignment began is not suggested again; other options still are")
  func rule18() {
    let teacher = F.teacher(
      F.multipleSubject(),
      approvals: [F.approval(.ec44263, courses: ["9325"], units: 18, approved: "2025-10-15", start: "2025-08-14")])
    let (decision, remedies) = Self.remedies(F.section("9325"), teacher, roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "lao.approved_after_start")
    let options = remedies.compactMap(Self.option)
    #expect(!options.contains(.ec44263))
    #expect(options.contains(.ec44258_3))
  }

  @Test("Rule 17: no local assignment option or GELAP for a special education section (general education only)")
  func rule17() {
    let (decision, remedies) = Self.remedies(
      F.section("9249", strategy: "700"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])),
      roster: F.roster([.g9: 12]), rule: "course.not_authorized")
    #expect(decision.findings.contains { $0.rule == "course.not_authorized" })
    #expect(remedies.compactMap(Self.option).isEmpty)
    #expect(!remedies.compactMap(Self.permit).contains(.generalEducationLimitedAssignmentPermit))
  }

  @Test("Rule 13, T5 80005(b) and EC 44258.7(c): offered for the Media Arts elective, not for core Chemistry")
  func rule13() {
    let english = F.teacher(F.singleSubject([F.auth("R1S", "ENGL")]))
    let (_, elective) = Self.remedies(F.section("9381"), english, roster: F.roster([.g10: 25]))
    let t5 = elective.first { Self.option($0) == .t5_80005b }
    #expect(t5?.tamoOutcome == .clear)  // CTC counts T5 80005(b) fully prepared
    #expect(Self.mustRecord(t5!).contains { $0.hasPrefix("the employer's written finding") })
    #expect(elective.compactMap(Self.option).contains(.ec44258_7c))
    #expect(!elective.compactMap(Self.option).contains(.ec44258_7b))  // not a physical education course
    let (_, core) = Self.remedies(F.section("9325"), english, roster: F.roster([.g10: 25]))
    #expect(!core.compactMap(Self.option).contains(.t5_80005b))
    #expect(!core.compactMap(Self.option).contains(.ec44258_7c))
  }

  @Test("EC 44263 (rule 2): an SS holder on the self-contained class 1000 gets EC 44263 with 60 units, no other option")
  func selfContained() {
    let (_, remedies) = Self.remedies(
      F.section("1000"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])), roster: F.roster([.g3: 20]))
    #expect(remedies.compactMap(Self.option) == [.ec44263])
    let record = Self.mustRecord(remedies.first { Self.option($0) == .ec44263 }!)
    #expect(record.contains("60 semester units spread across the ten areas of EC 44314"))
    let credential = remedies.compactMap(Self.route).first
    #expect(credential?.name == "Multiple Subject Teaching Credential")
    #expect(credential?.heldBase == nil)
  }

  @Test("Rule 30: departmentalized ELD with only a revised embedded authorization: CLAD, no subject permit or waiver")
  func rule30() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "ENGL"), F.auth("ELAS")]))
    let (decision, remedies) = Self.remedies(
      F.section("9104", service: "4"), teacher, roster: F.roster([.g9: 20], englishLearners: 20))
    #expect(decision.first.rule == "el.revised_ela_departmentalized")
    #expect(remedies.compactMap(Self.permit).isEmpty)
    #expect(remedies.compactMap(Self.option).isEmpty)  // rule 17: LAOs are not for EL assignments
    #expect(remedies.compactMap(Self.route).contains { $0.authorizationCode == "R1CL" && $0.heldBase == "TC1 123456" })
  }

  @Test("Rule 52, EC 44865: in a continuation school whose office requires recorded consent, record the consent")
  func rule52() {
    let engine = AssignmentEngine(catalog: F.catalog, policy: MonitoringPolicy(ec44865RequiresRecordedConsent: true))
    let continuation = SchoolSetting(cdsCode: "19647331234567", name: "Test Continuation", isEC44865Setting: true)
    let assignment = SectionAssignment(
      section: F.section("9325"), roster: F.roster([.g11: 20]), school: continuation,
      teacher: F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])))
    let decision = engine.decide(assignment, asOf: F.census)
    #expect(decision.first.rule == "setting.ec44865_no_consent")
    let remedies = ExceptionRemedies.suggest(for: decision.first, in: assignment, engine: engine, asOf: F.census)
    let consent = remedies.first { Self.option($0) == .ec44865 }
    #expect(consent.map(Self.mustRecord) == ["the teacher's written consent"])
    #expect(consent?.tamoOutcome == .clear)
    #expect(consent?.readiness == .clearsNow)
    // Not in an EC 44865 setting: not offered.
    #expect(
      !Self.remedies(F.section("9325"), assignment.teacher, roster: F.roster([.g11: 20])).remedies.contains {
        Self.option($0) == .ec44865
      })
  }

  @Test("Rule 14, EC 44258.7(b): coaching for PE credit is offered on Physical Education I")
  func rule14() {
    let (_, remedies) = Self.remedies(
      F.section("9314"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])), roster: F.roster([.g10: 25]))
    let coaching = remedies.first { Self.option($0) == .ec44258_7b }
    #expect(coaching?.readiness == .clearsNow)
    #expect(Self.mustRecord(coaching!).contains { $0.contains("20 hours of first aid") })
  }

  // MARK: Another teacher who is authorized

  @Test("EC 44258.9, T5 80004 (rule 6): an SS Chemistry colleague is suggested first, with a clear outcome")
  func otherTeacher() {
    let chemist = Self.colleague("2000000001", "Ada", F.singleSubject([F.auth("R1S", "SC")], number: "777"))
    let englishTeacher = Self.colleague("2000000002", "Ben", F.singleSubject([F.auth("R1S", "ENGL")], number: "778"))
    let ownTeacher = F.teacher(F.multipleSubject())
    let (_, remedies) = Self.remedies(
      F.section("9325"), ownTeacher, roster: F.roster([.g10: 30]),
      candidates: [englishTeacher, ownTeacher, chemist])
    let first = remedies[0]
    #expect(Self.otherTeacher(first) == "2000000001")
    #expect(first.readiness == .clearsNow)
    #expect(first.tamoOutcome == .clear)
    #expect(first.sentence.hasPrefix("Ada Teacher (SEID 2000000001) is authorized for 9325 Chemistry through TC1 777"))
    let teachers = remedies.compactMap(Self.otherTeacher)
    #expect(teachers == ["2000000001"])  // neither the English teacher nor the section's own teacher
  }

  @Test("EC 44258.9: the search stops at the first few authorized teachers")
  func otherTeacherLimit() {
    let chemists = (1...6).map {
      Self.colleague("200000000\($0)", "T\($0)", F.singleSubject([F.auth("R1S", "SC")], number: "80\($0)"))
    }
    let (_, remedies) = Self.remedies(
      F.section("9325"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 30]), candidates: chemists,
      limit: 2)
    #expect(remedies.compactMap(Self.otherTeacher) == ["2000000001", "2000000002"])
  }

  @Test("Domain guide §2.2: teacher not on file: check the SEID (needs review), and a colleague who is authorized")
  func teacherNotOnFile() {
    let chemist = Self.colleague("2000000001", "Ada", F.singleSubject([F.auth("R1S", "SC")], number: "777"))
    let (decision, remedies) = Self.remedies(
      F.section("9325"), nil, roster: F.roster([.g10: 30]), candidates: [chemist])
    #expect(decision.first.rule == "teacher.not_on_file")
    #expect(remedies.compactMap(Self.otherTeacher) == ["2000000001"])
    let check = remedies.first { Self.correction($0)?.field == "CRSE 9.16" }
    #expect(check?.readiness == .needsReview)
  }

  // MARK: Permits and waivers (§1.7)

  @Test("Rule 2, T5 80027 and T5 80123 (rule 40): GELAP once granted, Short-Term Waiver now; no PIP for a holder")
  func rule2Permits() {
    let (_, remedies) = Self.remedies(
      F.section("9325"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])), roster: F.roster([.g10: 30]))
    let gelap = remedies.first { Self.permit($0) == .generalEducationLimitedAssignmentPermit }
    #expect(gelap?.readiness == .clearsWhenGranted)
    #expect(gelap?.tamoOutcome == .outOfField)
    #expect(gelap?.sentence.contains("in Science: Chemistry") == true)
    let waiver = remedies.first { Self.permit($0) == .shortTermWaiver }
    #expect(waiver?.readiness == .clearsNow)
    #expect(waiver?.determination == .shortTermWaiver)
    #expect(waiver?.citation == "T5 80120, 80123; domain rule 40")
    #expect(waiver?.sentence.contains("once per teacher and once per class") == true)
    let permits = remedies.compactMap(Self.permit)
    #expect(!permits.contains(.provisionalInternshipPermit))
    #expect(!permits.contains(.shortTermStaffPermit))
  }

  @Test("Rules 42, 43, T5 80021, 80021.1: a teacher with only a clearance gets PIP and STSP, not GELAP or an option")
  func rule43() {
    let clearance = F.document(
      "credo-coc", "5656", title: "Certificate of Clearance", term: .certificate, issued: "2020-06-01",
      expires: "2030-06-01")
    let (_, remedies) = Self.remedies(F.section("9249"), F.teacher(clearance), roster: F.roster([.g9: 30]))
    let permits = remedies.compactMap(Self.permit)
    #expect(permits.contains(.provisionalInternshipPermit))
    #expect(permits.contains(.shortTermStaffPermit))
    #expect(!permits.contains(.generalEducationLimitedAssignmentPermit))
    #expect(!permits.contains(.shortTermWaiver))
    #expect(remedies.compactMap(Self.option).isEmpty)  // rule 16: LAOs need a full credential
    let pip = remedies.first { Self.permit($0) == .provisionalInternshipPermit }
    #expect(pip?.tamoOutcome == .ineffective)  // rule 82
    // Rule 16: the route is a credential of its own, not an authorization added to one the teacher lacks.
    let routes = remedies.compactMap(Self.route)
    #expect(routes.allSatisfy { $0.heldBase == nil })
    #expect(routes.contains { $0.authorizationCode == "R1S" && $0.subjectCode == "MATH" })
  }

  @Test("Rules 35, 39, 34: substitute as teacher of record: TPSL only for a statutory leave; Vacancy needs review")
  func rule35() {
    let substitute = F.document(
      "credo-sub30", "30030", title: "Emergency 30-Day Substitute Teaching Permit", term: .permit,
      expires: "2026-07-01")
    let (decision, remedies) = Self.remedies(F.section("9249"), F.teacher(substitute), roster: F.roster([.g9: 30]))
    #expect(decision.first.rule == "substitute.teacher_of_record")
    let tpsl = remedies.first { Self.permit($0) == .statutoryLeavePermit }
    #expect(tpsl?.sentence.contains("never in a vacancy") == true)
    let vacancy = remedies.first { $0.kind == .vacancy }
    #expect(vacancy?.readiness == .needsReview)
    #expect(vacancy?.determination == .vacancy)
    #expect(remedies.last?.kind == .vacancy)
  }

  // MARK: An authorization the educator is close to (§1.6)

  @Test("T5 80089.1 (rule 5): MS holder on grade-8 Algebra I: a supplementary authorization on the held MS first")
  func supplementary() {
    let (_, remedies) = Self.remedies(
      F.section("9249"), F.teacher(F.multipleSubject()), roster: F.roster([.g8: 30]))
    let routes = remedies.compactMap(Self.route)
    #expect(routes.first?.authorizationCode == "R2B")
    #expect(routes.first?.subjectCode == "MATH")
    #expect(routes.first?.heldBase == "TC2 200200")
    #expect(routes.first?.addedTo == "a Multiple Subject credential")
    #expect(routes.first?.requirement.hasPrefix("20 semester units or 10 upper-division units") == true)
    #expect(routes.count <= ExceptionRemedies.defaultLimit)
    let r2b = remedies.first { Self.route($0)?.authorizationCode == "R2B" }!
    #expect(r2b.readiness == .clearsWhenGranted)
    #expect(r2b.citation.hasPrefix("T5 80089, 80089.1"))
    // Grade 10: R2B is limited to grade 9 and below, so it is not offered; the full subject is.
    let (_, grade10) = Self.remedies(
      F.section("9249"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 30]))
    let codes = grade10.compactMap(Self.route).map(\.authorizationCode)
    #expect(!codes.contains("R2B"))
    #expect(codes.contains("R1S"))
  }

  @Test("T5 80089.1, 80089.4: SS English holder on Chemistry: specific supplementary and SMA on the held TC1")
  func specificSubject() {
    let (_, remedies) = Self.remedies(
      F.section("9325"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])), roster: F.roster([.g10: 30]))
    let routes = remedies.compactMap(Self.route)
    #expect(routes.map(\.authorizationCode) == ["R1A", "SMAA", "R1S"])
    #expect(routes.allSatisfy { $0.heldBase == "TC1 123456" })
    #expect(routes[2].requirement == "subject-matter competence in Science: Chemistry by examination or coursework")
  }

  @Test("Rules 47, 48: an expired clear credential is renewed (CL-856); an expired preliminary cannot be")
  func rules47And48() {
    var clear = F.singleSubject([F.auth("R1S", "SC")], number: "4141")
    clear.expirationDate = F.day("2025-09-01")
    let (decision, remedies) = Self.remedies(F.section("9325"), F.teacher(clear), roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "document.expired")
    let renewal = remedies.first { $0.kind == .documentAction(documentNumber: "4141", validity: .expired) }
    #expect(renewal?.readiness == .clearsWhenGranted)
    #expect(renewal?.sentence.contains("Renew it") == true)
    #expect(renewal?.citation == "CTC CL-856; domain rule 47")
    var preliminary = F.singleSubject([F.auth("R1S", "SC")], number: "4242", term: .preliminary)
    preliminary.expirationDate = F.day("2025-09-01")
    let (_, notRenewable) = Self.remedies(F.section("9325"), F.teacher(preliminary), roster: F.roster([.g10: 30]))
    let clearIt = notRenewable.first { $0.kind == .documentAction(documentNumber: "4242", validity: .expired) }
    #expect(clearIt?.sentence.contains("cannot be renewed") == true)
    #expect(clearIt?.citation == "T5 80001; CTC CL-856; domain rules 47, 48")
  }

  @Test("Rule 45: a pending application that would cover clears if CTC issues it by census day")
  func rule45() {
    let pending = F.document(
      "TC1", "4545", title: "Single Subject Teaching Credential", term: .preliminary, status: .pending,
      [F.auth("R1S", "SC")])
    let (decision, remedies) = Self.remedies(F.section("9325"), F.teacher(pending), roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "document.pending")
    let issue = remedies.first { $0.kind == .documentAction(documentNumber: "4545", validity: .pending) }
    #expect(issue?.readiness == .clearsWhenGranted)
    #expect(issue?.determination == .appropriateAssignment)
    #expect(issue?.sentence.contains("on or before 2025-10-01") == true)
  }

  // MARK: Special education (rules 22–28)

  @Test("Rules 23, 28: MMSN teacher with a deaf-blind student: added authorization, SELAP, alternate placement")
  func rule23() {
    let (decision, remedies) = Self.remedies(
      F.section("9249", strategy: "700"), F.teacher(F.educationSpecialist("R3MN")),
      roster: F.roster([.g9: 8], disabilities: ["290": 7, "300": 1]))
    #expect(decision.first.rule == "sped.area_not_covered")
    #expect(decision.first.detail == "300")
    let routes = remedies.compactMap(Self.route)
    #expect(routes.first?.authorizationCode == "AADB")
    #expect(routes.first?.heldBase == "TC3S 300300")
    let aadb = remedies.first { Self.route($0)?.authorizationCode == "AADB" }!
    #expect(aadb.remainingExceptions.isEmpty)
    #expect(aadb.tamoOutcome == .clear)
    let selap = remedies.first { Self.permit($0) == .specialEducationLimitedAssignmentPermit }
    #expect(selap?.tamoOutcome == .outOfField)
    #expect(selap?.citation == "T5 80027.1; domain rule 28")
    let alternate = remedies.first { $0.kind == .alternatePlacement }
    #expect(alternate?.determination == .alternateSPED)
    #expect(alternate?.sentence.contains("deaf-blindness (300)") == true)
    #expect(remedies.last?.kind == .alternatePlacement)
  }

  // MARK: English learners (rules 29–33)

  @Test("Rule 33: ELs enrolled and CRSE 9.20 blank: report 9.20; the codes the teacher's CLAD covers")
  func rule33() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "MATH"), F.auth("R1CL", "CLAD")]))
    let (decision, remedies) = Self.remedies(
      F.section("9249"), teacher, roster: F.roster([.g9: 30], englishLearners: 3))
    #expect(decision.first.rule == "el.service_code_missing")
    let fix = remedies[0]
    #expect(Self.correction(fix)?.field == "CRSE 9.20")
    #expect(Self.correction(fix)?.value == "2")
    #expect(fix.readiness == .clearsNow)
    #expect(fix.sentence.hasSuffix("cover code(s) 2, 3, 4, 6."))
  }

  @Test("Rule 31: designated ELD without an EL authorization: CLAD on the held credential, Emergency CLAD permit")
  func rule31() {
    let (decision, remedies) = Self.remedies(
      F.section("9249", service: "2"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")])),
      roster: F.roster([.g9: 30], englishLearners: 4))
    #expect(decision.first.rule == "el.not_authorized")
    let clad = remedies.compactMap(Self.route).first
    #expect(clad?.authorizationCode == "R1CL")
    #expect(clad?.heldBase == "TC1 123456")
    let permit = remedies.first { Self.permit($0) == .emergencyEnglishLearnerPermit }
    #expect(permit?.citation == "T5 80024.8; domain guide §1.5")
    // Changing 9.20 away from the service given is not a remedy.
    #expect(remedies.compactMap(Self.correction).isEmpty)
  }

  @Test("Rule 29: Spanish instruction, Vietnamese bilingual authorization: BA in Spanish, Emergency BCLAD")
  func rule29() {
    let teacher = F.teacher(
      F.singleSubject([F.auth("R1S", "MATH"), F.auth("BA", language: "Vietnamese")]))
    let (decision, remedies) = Self.remedies(
      F.section("9249", service: "1", language: "01"), teacher, roster: F.roster([.g9: 30], englishLearners: 20))
    #expect(decision.first.rule == "bilingual.language_mismatch")
    let route = remedies.compactMap(Self.route).first
    #expect(route?.name == "Bilingual Authorization in Spanish")
    #expect(remedies.contains { Self.permit($0) == .emergencyBilingualPermit })
  }

  @Test("Rule 63: 9.20 = 1 with 9.21 blank: report 9.21; the teacher's bilingual language would be covered")
  func rule63() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "MATH"), F.auth("BA", language: "Spanish")]))
    let (decision, remedies) = Self.remedies(
      F.section("9249", service: "1"), teacher, roster: F.roster([.g9: 30], englishLearners: 20))
    #expect(decision.first.rule == "bilingual.language_missing")
    #expect(Self.correction(remedies[0])?.field == "CRSE 9.21")
    #expect(Self.correction(remedies[0])?.value == "01")
    #expect(remedies[0].sentence.hasSuffix("If it is Spanish (01), the teacher's bilingual authorization covers it."))
  }

  // MARK: CALPADS corrections

  @Test("Rules 3, 60: CRSE 9.34 blank hides a grades 5-8 core block: report 9.34 = Y (Core Setting)")
  func rule3() {
    let math = F.section("9240", id: "1", range: "MID")
    let science = F.section("9320", id: "2", range: "MID")
    let (decision, remedies) = Self.remedies(
      math, F.teacher(F.multipleSubject()), roster: F.roster([.g6: 28]), others: [science])
    #expect(decision.first.rule == "course.not_authorized")
    let core = remedies.first { Self.correction($0)?.field == "CRSE 9.34" }
    #expect(core?.readiness == .clearsNow)
    #expect(core?.determination == .coreSetting)
    #expect(core?.tamoOutcome == .clear)
    #expect(remedies[0] == core)  // clear now, clear TAMO, a correction before an option
    // Reported N, not blank: nothing to correct.
    let (_, reportedNo) = Self.remedies(
      F.section("9240", id: "1", range: "MID", core: false), F.teacher(F.multipleSubject()),
      roster: F.roster([.g6: 28]), others: [science])
    #expect(!reportedNo.contains { Self.correction($0)?.field == "CRSE 9.34" })
  }

  @Test("Rule 50: an authorized co-teacher reported as job sharing: report 9.25 = 1 if the class is team taught")
  func rule50() {
    let coTeacher = SectionAssignment.CoTeacher(
      section: F.section("9325", id: "1", seid: "2000000001", classId: "C1", multipleTeacher: "2"),
      teacher: Self.colleague("2000000001", "Ada", F.singleSubject([F.auth("R1S", "SC")], number: "777")))
    let (_, remedies) = Self.remedies(
      F.section("9325", classId: "C1", multipleTeacher: "2"), F.teacher(F.multipleSubject()),
      roster: F.roster([.g10: 30]), coTeachers: [coTeacher])
    let fix = remedies.first { Self.correction($0)?.field == "CRSE 9.25" }
    #expect(fix?.readiness == .clearsNow)
    #expect(Self.correction(fix!)?.value == "1")
  }

  @Test("Rule 62: a course code not in the catalog: correct it (needs review); nothing else can be judged")
  func rule62() {
    let (decision, remedies) = Self.remedies(
      F.section("2105"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "course.unknown_code")
    #expect(remedies.first.flatMap(Self.correction)?.field == "CRSE 9.07")
    #expect(remedies.allSatisfy { $0.readiness != .clearsWhenGranted })
  }

  // MARK: Ranking, scope, non-classroom assignments

  @Test("Issue 4 ranking: clears now, then once granted, then needs review; better TAMO first within each")
  func ranking() {
    let chemist = Self.colleague("2000000001", "Ada", F.singleSubject([F.auth("R1S", "SC")], number: "777"))
    let (_, remedies) = Self.remedies(
      F.section("9325"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL")])), roster: F.roster([.g10: 30]),
      candidates: [chemist])
    #expect(remedies.count >= 5)
    // TAMO classes from best to worst (§3.2a), nil (not re-decided) last.
    let order: [TAMOOutcome?] = [
      .notApplicable, .clear, .intern, .outOfField, .unknown, .incomplete, .ineffective, nil,
    ]
    for (a, b) in zip(remedies, remedies.dropFirst()) {
      #expect(a.readiness <= b.readiness)
      if a.readiness == b.readiness {
        #expect(order.firstIndex(of: a.tamoOutcome)! <= order.firstIndex(of: b.tamoOutcome)!)
      }
    }
    #expect(Self.otherTeacher(remedies[0]) == "2000000001")
    #expect(remedies.contains { $0.readiness == .clearsWhenGranted })
  }

  @Test("Issue 4: no remedies for a finding the assignment no longer raises, or for an authorization")
  func nothingToFix() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "SC")]))
    let assignment = SectionAssignment(
      section: F.section("9325"), roster: F.roster([.g10: 30]), school: F.school, teacher: teacher)
    let authorized = F.engine.decide(assignment, asOf: F.census)
    #expect(authorized.status == .authorized)
    #expect(ExceptionRemedies.suggest(for: authorized.first, in: assignment, engine: F.engine, asOf: F.census).isEmpty)
    let stale = AssignmentFinding(
      status: .exception, exceptionType: .course, rule: "course.not_authorized", citation: "", explanation: "")
    #expect(ExceptionRemedies.suggest(for: stale, in: assignment, engine: F.engine, asOf: F.census).isEmpty)
  }

  @Test("§1.4, §4.5 (0400 counselor): a colleague with PPS School Counseling, and the PPS credential to earn")
  func nonClassroom() {
    let record = StaffAssignment(
      academicYear: SchoolYear(startYear: 2025), reportingLEA: F.districtCode, schoolCode: "1234567", seid: F.seid,
      jobClassificationCode: "10", ftePercent: 100, assignmentCodes: ["0400"])
    let assignment = ServiceAssignment(
      record: record, assignmentCode: "0400", school: F.school, teacher: F.teacher(F.multipleSubject()))
    let decision = F.engine.decide(assignment, asOf: F.census)
    #expect(decision.first.rule == "service.not_authorized")
    let counselor = Self.colleague(
      "2000000003", "Cy",
      F.document("credo-pps", "9090", title: "Pupil Personnel Services Credential", [F.auth("PPSC")]))
    let psychologist = Self.colleague(
      "2000000004", "Di",
      F.document("credo-pps", "9191", title: "Pupil Personnel Services Credential", [F.auth("PPSP")]))
    let remedies = ExceptionRemedies.suggest(
      for: decision.first, in: assignment, engine: F.engine, candidates: [psychologist, counselor], asOf: F.census)
    #expect(remedies.compactMap(Self.otherTeacher) == ["2000000003"])
    let route = remedies.compactMap(Self.route).first
    #expect(route?.name == "PPS: School Counseling")
    #expect(route?.authorizationCode == "PPSC")
  }
}
