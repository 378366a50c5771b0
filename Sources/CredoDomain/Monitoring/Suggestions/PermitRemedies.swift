/// Permits and waivers that would make the assignment legal (domain guide §1.5, §1.7, §2.5; rules 2, 28, 39–43):
/// the engine re-decides the section with the permit issued to this teacher for this employer, in the course's
/// subject (the first full Single Subject row of the crosswalk; for the self-contained class, Multiple Subject).
///
/// | permit | offered when | limits (sentence) | source |
/// |---|---|---|---|
/// | GELAP | course exception, teacher holds a valid MS or SS credential, general education (not special education or departmentalized ELD) | 1 year, reissued at most twice in a subject, consent, mentor if not permanent | T5 80027; rules 2, 41 |
/// | Short-Term Waiver | course exception (not departmentalized ELD), teacher holds a valid MS, SS or Education Specialist credential | one semester, once per teacher and class, consent, county notified, reported in CalSAAS | T5 80120, 80123; rule 40 |
/// | PIP, STSP | course exception, teacher holds no valid full credential | employer request, one year, restricted to this employer | T5 80021, 80021.1; rules 42, 43 |
/// | TPSL | substitute reported as teacher of record | only for a contracted teacher's statutory leave, never a vacancy | EC 44225(m); rule 39 |
/// | SELAP | disability-area exception, teacher holds a valid Education Specialist credential | 1 year, consent, mentor if not permanent | T5 80027.1; rule 28 |
/// | Emergency CLAD | EL service not covered, teacher holds a full credential | employer request | T5 80024.8 |
/// | Emergency BCLAD | bilingual exception, language of instruction known | employer request, in that language | T5 80024.7 |
///
/// A Short-Term Waiver is the employer's own act (no CTC approval), so it clears now (CalSAAS determination
/// Short-Term Waiver); the others wait on CTC.
extension SectionRemedies {
  /// The crosswalk row a permit for this course names: the first full Single Subject row with a subject, else any
  /// full row with an authorization and a subject.
  var permitRow: CourseAuthorizationRule? {
    let rows = profile?.rules.map(\.source) ?? []
    return rows.first {
      $0.coverage == .full && $0.documentTitle.hasPrefix("Single Subject") && $0.hasSubject
        && !$0.authorizationCode.isEmpty
    } ?? rows.first { $0.coverage == .full && $0.hasSubject && !$0.authorizationCode.isEmpty }
  }

  /// A permit of `kind` for this course: in the crosswalk row's subject, or naming Multiple Subject for the
  /// self-contained class. Nil when the course gives no subject to name.
  func coursePermit(_ kind: DocumentKind, code: String, title: String) -> (CredentialDocument, String)? {
    if let row = permitRow {
      let subject = row.subjectName.isEmpty ? row.subjectCode : row.subjectName
      return (
        HypotheticalDocument.make(
          code: code, title: "\(title): \(subject)", term: .permit, on: date, employer: school.districtCode,
          [DocumentAuthorization(authorizationCode: row.authorizationCode, subjectCode: row.subjectCode)]),
        "in \(subject)"
      )
    }
    if profile?.isSelfContained == true {
      return (
        HypotheticalDocument.make(
          code: code, title: "\(title): Multiple Subject", term: .permit, on: date, employer: school.districtCode, []),
        "for Multiple Subject"
      )
    }
    return nil
  }

  mutating func permitsAndWaivers() {
    guard assignment.teacher != nil else { return }
    switch part {
    case .course: coursePermits()
    case .englishLearner: if finding.rule == "el.not_authorized" { englishLearnerPermit() }
    case .bilingual: bilingualPermit()
    case .specialEducation: specialEducationPermit()
    case .service: break
    }
  }

  /// One permit or waiver to try: its kind, Credo's document code and title for it, its limits and how soon it
  /// would clear.
  struct PermitOffer {
    var kind: DocumentKind
    var code: String
    var title: String
    var limits: String
    var readiness: ExceptionRemedy.Readiness = .clearsWhenGranted
    var determination: Determination? = nil
  }

  mutating func coursePermits() {
    // Departmentalized ELD needs an EL authorization (§1.5): no subject permit or waiver stands in for it.
    if profile?.isDepartmentalizedELD == true { return }
    var offers: [PermitOffer] = []
    if !isSpecialEducation, held([.multipleSubject, .singleSubject]) != nil {
      offers.append(
        PermitOffer(
          kind: .generalEducationLimitedAssignmentPermit, code: "credo-gelap",
          title: "General Education Limited Assignment Permit",
          limits:
            "one year; reissued at most twice in a subject; the teacher's consent; a mentor with three or more years in "
            + "the subject if the teacher is not permanent; requested by the employer with a Declaration of Need"))
    }
    if held([.multipleSubject, .singleSubject, .educationSpecialist]) != nil {
      offers.append(
        PermitOffer(
          kind: .shortTermWaiver, code: "credo-stw", title: "Short-Term Waiver",
          limits:
            "at most one semester; once per teacher and once per class; the teacher's consent; the employer notifies "
            + "the county office and reports the waiver in CalSAAS for the whole year; issued after the census date it "
            + "covers the rest of the semester only",
          readiness: .clearsNow, determination: .shortTermWaiver))
    }
    if !holdsFullCredential {
      offers.append(
        PermitOffer(
          kind: .provisionalInternshipPermit, code: "credo-pip", title: "Provisional Internship Permit",
          limits:
            "requested by the employer after a diligent search, with board approval and public notice; a BA, basic "
            + "skills, 18 semester units in the subject (Single Subject) or 10 units in each of four areas (Multiple "
            + "Subject); one year; valid only with this employer"))
      offers.append(
        PermitOffer(
          kind: .shortTermStaffPermit, code: "credo-stsp", title: "Short-Term Staff Permit",
          limits:
            "for an acute, unforeseen staffing need; a BA, basic skills, 18 semester units (or 9 upper-division) in the "
            + "subject; one school year, not renewable; not for a holder of five long-term emergency permits; valid "
            + "only with this employer"))
    }
    if finding.rule == "substitute.teacher_of_record" {
      offers.append(
        PermitOffer(
          kind: .statutoryLeavePermit, code: "credo-tpsl", title: "Teaching Permit for Statutory Leave",
          limits:
            "only in place of a contracted teacher on statutory leave, for the leave's full length, never in a vacancy; a "
            + "BA, basic skills, subject matter and 45 hours of preparation; one year per issuance"))
    }
    for offer in offers {
      let kind = offer.kind
      let document: CredentialDocument
      let subject: String
      if kind == .shortTermWaiver {
        // A waiver names the course itself.
        document = HypotheticalDocument.make(
          code: offer.code, title: offer.title, term: .waiver, on: date, employer: school.districtCode,
          [DocumentAuthorization(authorizationCode: section.stateCourseCode)])
        subject = ""
      } else {
        guard let permit = coursePermit(kind, code: offer.code, title: offer.title) else { continue }
        (document, subject) = permit
      }
      guard let decision = trialAdding(document) else { continue }
      let label = kind.basisLabel.map { "\(offer.title) (\($0))" } ?? offer.title
      add(
        .permitOrWaiver(kind, limits: offer.limits), offer.readiness,
        "\(kind == .shortTermWaiver ? "The district can issue" : "The district can request") a \(label)"
          + "\(subject.isEmpty ? "" : " " + subject) so the teacher may teach \(courseLabel): \(offer.limits).",
        citation: kind == .shortTermWaiver ? "T5 80120, 80123; domain rule 40" : kind.citation,
        determination: offer.determination, decision: decision)
    }
  }

  mutating func specialEducationPermit() {
    guard held([.educationSpecialist]) != nil else { return }
    let limits =
      "one year; the teacher's consent; a mentor if the teacher is not permanent; requested by the employer with a "
      + "Declaration of Need"
    for code in SpecialEducationRoute.specialties(covering: finding.detail, reference: engine.reference) {
      let name = engine.reference.specialEducationAuthorizations[code]?.name ?? code
      let permit = HypotheticalDocument.make(
        code: "credo-selap", title: "Special Education Limited Assignment Permit", term: .permit, on: date,
        employer: school.districtCode, [DocumentAuthorization(authorizationCode: code)])
      guard let decision = trialAdding(permit) else { continue }
      add(
        .permitOrWaiver(.specialEducationLimitedAssignmentPermit, limits: limits), .clearsWhenGranted,
        "The district can request a SELAP in \(name) (\(code)) for this teacher: \(limits).",
        citation: DocumentKind.specialEducationLimitedAssignmentPermit.citation, decision: decision)
      return
    }
  }

  mutating func englishLearnerPermit() {
    guard holdsFullCredential else { return }
    let permit = HypotheticalDocument.make(
      code: "credo-eclad", title: "Emergency CLAD Permit", term: .permit, on: date, employer: school.districtCode, [])
    guard let decision = trialAdding(permit) else { return }
    let limits = "requested by the employer; covers integrated and designated ELD"
    add(
      .permitOrWaiver(.emergencyEnglishLearnerPermit, limits: limits), .clearsWhenGranted,
      "The district can request an Emergency CLAD Permit for this teacher (\(limits)).",
      citation: DocumentKind.emergencyEnglishLearnerPermit.citation, decision: decision)
  }

  mutating func bilingualPermit() {
    let language = section.languageOfInstructionCode
    guard !language.isEmpty else { return }
    let name = engine.reference.languageNames[language] ?? language
    let permit = HypotheticalDocument.make(
      code: "credo-ebclad", title: "Emergency Bilingual Permit", term: .permit, on: date,
      employer: school.districtCode, [DocumentAuthorization(authorizationCode: "BA", language: language)])
    guard let decision = trialAdding(permit) else { return }
    let limits = "requested by the employer, in \(name), the language of instruction"
    add(
      .permitOrWaiver(.emergencyBilingualPermit, limits: limits), .clearsWhenGranted,
      "The district can request an Emergency BCLAD Permit for this teacher (\(limits)).",
      citation: DocumentKind.emergencyBilingualPermit.citation, decision: decision)
  }
}
