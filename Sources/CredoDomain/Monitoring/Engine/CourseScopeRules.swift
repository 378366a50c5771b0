/// Course scope: whether the teacher's valid documents authorize the section's state course, through the CTC
/// crosswalk ("Appropriate Credentials for CALPADS State Course Codes"), with its restrictions.
///
/// - Rule 1: a Multiple Subject credential authorizes the self-contained class (1000) at any grade (T5 80003).
/// - Rules 2, 6, 8, 10: a Single Subject credential authorizes its subject area at grades 12 and below; a Multiple
///   Subject credential does not authorize departmentalized secondary courses (T5 80004, 80005; EC 44256).
/// - Rule 9: Health Science also by Life Science holders and pre-1981 Physical Education holders (T5 80004), from
///   `MonitoringReference.statutoryCourseRules`.
/// - Rules 5, 11, 12: "Grade 9 and below" (supplementary authorization on a Multiple Subject credential) limits the
///   students; "Curriculum grade 9 and below" (introductory supplementary and subject matter authorizations, T5
///   80089.2, 80089.3) limits the content, judged by the course's CALPADS ELM/MID flags (`MonitoringPolicy` for
///   Geometry 9255); specific subject matter authorizations have no grade limit (T5 80089.4).
/// - Rules 26–27: an Education Specialist teaches any subject in a special education section; a DHH holder may not
///   teach ASL to general-education students (CTC special education assignment FAQ).
/// - Rules 28, 43, 44: permits, waivers and intern credentials authorize like the credential they stand for, only for
///   the employer that requested them (`CredentialDocument.employerRestriction`), with their TAMO class.
/// - Rules 35, 84: a substitute permit never authorizes a teacher of record.
/// - Rules 45–49: a suspended, revoked, expired or pending document that would authorize is named in the exception
///   (`DocumentValidity`).
extension SectionContext {
  /// One way a document matches the course.
  enum CourseMatch {
    case rule(index: Int, authorization: Int)
    case statutory(index: Int, authorization: Int)
    case namedCourse(authorization: Int)
  }

  /// Why a matching document still did not cover the section (kept for the exception's explanation).
  struct NearMiss {
    var holding: Int
    var match: CourseMatch
    var reason: Reason
    enum Reason { case studentsGrade9, curriculumGrade9, gradeBand, employer }
  }

  /// Calls `body` for each way `document` matches the course, comparing code numbers (`CodeTable`).
  func eachMatch(_ holding: Int, profile: CourseProfile, _ body: (CourseMatch) -> Void) {
    let index = holdings[holding].index
    let kind = holdings[holding].kind
    for (a, coded) in self.coded(holding).enumerated() {
      let code = coded.code
      if code != CodeTable.empty {
        for entry in profile.byAuthorization where entry.code == code {
          for i in entry.rules {
            let rule = profile.rules[i]
            if (rule.subjectCode == CodeTable.empty || rule.subjectCode == coded.subject)
              && subcategoryApplies(rule)
            {
              body(.rule(index: i, authorization: a))
            }
          }
        }
        if !kind.isFullCredential, code == profile.codeNumber {
          body(.namedCourse(authorization: a))
        }
        if !profile.statutoryRules.isEmpty {
          for (s, statutory) in profile.statutoryCodes.enumerated()
          where code == statutory.code && coded.subject == statutory.subject
            && (profile.statutoryRules[s].issuedBefore.map { documents[index].issueDate < $0 } ?? true)
          {
            body(.statutory(index: s, authorization: a))
          }
        }
      } else if !kind.isFullCredential, coded.subject != CodeTable.empty {
        // A permit, waiver or intern credential that names only its subject (e.g. a GELAP in MATH).
        let subject = coded.subject
        for (i, rule) in profile.rules.enumerated()
        where rule.subjectCode != CodeTable.empty && subject == rule.subjectCode && subcategoryApplies(rule) {
          body(.rule(index: i, authorization: a))
        }
      }
    }
    if !profile.byDocumentCode.isEmpty {
      let code = holdings[holding].documentCode
      for entry in profile.byDocumentCode where entry.code == code {
        for i in entry.rules where subcategoryApplies(profile.rules[i]) { body(.rule(index: i, authorization: -1)) }
      }
    }
    for i in profile.familyRules where familyMatches(profile.rules[i], documents[index].title, kind) {
      if subcategoryApplies(profile.rules[i]) { body(.rule(index: i, authorization: -1)) }
    }
  }

  /// A title-only crosswalk row ("Multiple Subject") matches documents of that family: by kind for the Multiple
  /// Subject credential, by title prefix (as `TeachableCourses.matches`), and for intern credentials and permits by
  /// a title that names the family ("University Intern Credential: Multiple Subject").
  func familyMatches(_ rule: CourseProfile.Rule, _ title: String, _ kind: DocumentKind) -> Bool {
    if rule.familyNeedsSubject && !policy.matchesSubjectlessCrosswalkRows { return false }
    if kind == .multipleSubject, rule.family.hasPrefix("MULTIPLE SUBJECT") { return true }
    if hasPrefixIgnoringCase(title, upperPrefix: rule.family) { return true }
    return !kind.isFullCredential && kind != .substitutePermit && containsIgnoringCase(title, upperNeedle: rule.family)
  }

  /// Crosswalk rows for one content subcategory apply only to sections reporting it (9.28); `NA` rows to sections
  /// reporting none.
  func subcategoryApplies(_ rule: CourseProfile.Rule) -> Bool {
    guard let suffix = rule.subcategorySuffix else { return true }
    let reported = subcategorySuffix
    return reported.isEmpty ? suffix == "NA" : reported == suffix
  }

  /// Whether a match's restrictions allow this section; nil when they do, else why not. `grades` are the students'
  /// grades when the course has a rule that needs them.
  func restrictionMiss(_ match: CourseMatch, profile: CourseProfile, grades: StudentGrades?) -> NearMiss.Reason? {
    guard case .rule(let index, _) = match else { return nil }
    switch profile.rules[index].restriction {
    case .none: break
    case .studentsGrade9AndBelow:
      guard let grades, grades.high <= .g9 else { return .studentsGrade9 }
    case .curriculumGrade9AndBelow:
      let code = section.gradeLevelRangeCode.uppercased()
      if !(profile.introductoryContent || code == "ELM" || code == "MID") { return .curriculumGrade9 }
    }
    if let course = profile.course, let (low, high) = rosterGrades, low < course.gradeLow || high > course.gradeHigh {
      return .gradeBand
    }
    return nil
  }

  /// The best crosswalk coverage among the valid documents, and the first near miss when none covers.
  func crosswalkCoverage(profile: CourseProfile, miss: inout NearMiss?) -> Coverage? {
    var best: Coverage? = nil
    let grades = profile.needsStudentGrades ? studentGrades() : nil
    for h in holdings.indices where holdings[h].isValid {
      let kind = holdings[h].kind
      if kind == .substitutePermit || kind == .clearance { continue }
      let allowedByEmployer = employerAllows(h)
      eachMatch(h, profile: profile) { match in
        if let reason = restrictionMiss(match, profile: profile, grades: grades) {
          if miss == nil { miss = NearMiss(holding: h, match: match, reason: reason) }
          return
        }
        if !allowedByEmployer {
          if miss == nil || miss?.reason != .employer { miss = NearMiss(holding: h, match: match, reason: .employer) }
          return
        }
        let candidate: Coverage
        switch match {
        case .rule(let index, let authorization):
          candidate = Coverage(
            source: .crosswalk(holding: h, authorization: authorization, rule: index), tamo: kind.tamoOutcome,
            label: .document(kind), full: profile.rules[index].isFull)
        case .statutory(let index, let authorization):
          candidate = Coverage(
            source: .statutory(holding: h, authorization: authorization, index: index), tamo: kind.tamoOutcome,
            label: .statutory)
        case .namedCourse(let authorization):
          candidate = Coverage(
            source: .namedCourse(holding: h, authorization: authorization), tamo: kind.tamoOutcome,
            label: .document(kind))
        }
        if candidate.isBetter(than: best) { best = candidate }
      }
    }
    return best
  }

  /// Rule 26: in a special education section an Education Specialist specialty authorization (or a SELAP or intern
  /// credential carrying one) covers any subject; the disability areas are checked separately.
  func specialEducationAnySubject() -> Coverage? {
    var best: Coverage? = nil
    for h in holdings.indices where holdings[h].isValid && employerAllows(h) {
      let kind = holdings[h].kind
      for (a, authorization) in coded(h).enumerated() {
        guard let area = engine.specialEducation(authorization.code), area.isSpecialty else { continue }
        let candidate = Coverage(
          source: .specialEducation(holding: h, authorization: a), tamo: kind.tamoOutcome,
          label: .specialEducationAnySubject(kind))
        if candidate.isBetter(than: best) { best = candidate }
      }
    }
    return best
  }

  /// The course part of the decision: the best coverage, or nil with the exception appended to `gaps`.
  func courseComponent(gaps: inout [Gap]) -> Coverage? {
    if profile?.isStaffDeveloper ?? reference.staffDeveloperCourses.contains(section.stateCourseCode) {
      if let coverage = staffDeveloperCoverage() { return coverage }
      gaps.append(staffDeveloperGap())
      return nil
    }
    var best: Coverage? = isSpecialEducation ? specialEducationAnySubject() : nil
    var miss: NearMiss? = nil
    if let profile {
      let crosswalk = crosswalkCoverage(profile: profile, miss: &miss)
      if let crosswalk, crosswalk.isBetter(than: best) { best = crosswalk }
    }
    var optionGap: Gap? = nil
    if best?.tamo != .clear {
      if let profile, let core = coreSettingCoverage(profile: profile, gap: &optionGap), core.isBetter(than: best) {
        best = core
      }
      if let setting = ec44865Coverage(gap: &optionGap), setting.isBetter(than: best) { best = setting }
      if let profile, let option = localOptionCoverage(profile: profile, gap: &optionGap),
        option.isBetter(than: best)
      {
        best = option
      }
    }
    if let best { return best }
    if profile?.isCollegeCredit == true || section.instructionalLevelCode == "23" {
      return Coverage(source: .collegeCredit, tamo: .notApplicable, label: .collegeCredit)
    }
    var graceGap: Gap? = nil
    if let grace = charterGrace(gap: &graceGap) { return grace }
    gaps.append(courseGap(miss: miss, optionGap: graceGap ?? optionGap))
    return nil
  }

  /// The exception for a course nothing authorizes, naming the most specific reason.
  func courseGap(miss: NearMiss? = nil, optionGap: Gap? = nil) -> Gap {
    let courseText = courseLabel
    var facts: [DecisionFact] = []
    if wantsFacts { facts = [DecisionFact("course", courseText), DecisionFact("documents", documentsSummary)] }
    // Rules 45–49: a document that would authorize is not valid on the date.
    if let profile, let (h, outcome) = invalidDocumentThatWouldCover(profile: profile) {
      let i = holdings[h].index
      if wantsFacts {
        facts.append(DecisionFact("document", DocumentValidity.decide(documents[i], on: date).explanation))
      }
      return gap(
        type: .course, rule: outcome.rule, citation: DocumentValidity.citation(outcome, of: documents[i], on: date),
        prose: .invalidDocument(
          InvalidDocumentProse(documents: documents, document: Int32(i), date: date, target: .course(courseText))),
        tamo: outcome == .pending ? .incomplete : .ineffective, facts: facts)
    }
    // Rules 35, 84: a substitute permit holder reported as teacher of record.
    if let h = holdings.indices.first(where: { holdings[$0].isValid && holdings[$0].kind == .substitutePermit }) {
      let document = self.document(h)
      if wantsFacts { facts.append(DecisionFact("permit", "\(document.title) \(document.documentNumber)")) }
      return gap(
        type: .substitute, rule: "substitute.teacher_of_record", citation: "T5 80025; domain rules 35, 84",
        explanation:
          "The teacher of record holds a substitute permit (\(document.documentNumber)), which authorizes day-to-day "
          + "substitute service only, and no document that authorizes \(courseText).",
        facts: facts)
    }
    if let optionGap,
      optionGap.rule.hasPrefix("core.") || optionGap.rule.hasPrefix("lao.")
        || optionGap.rule.hasPrefix("setting.") || optionGap.rule.hasPrefix("charter.")
    {
      var found = optionGap
      found.facts = facts + found.facts
      return found
    }
    if let miss, let profile {
      let document = self.document(miss.holding)
      let what = wantsText ? matchText(miss.match, holding: miss.holding, profile: profile) : ""
      switch miss.reason {
      case .employer:
        if wantsFacts {
          facts.append(DecisionFact("employer restriction", document.employerRestriction?.digits ?? ""))
          facts.append(DecisionFact("school district", school.districtCode))
        }
        return gap(
          type: .course, rule: "permit.employer_restriction", citation: "T5 80021, 80021.1, 80026; domain rules 42, 43",
          explanation:
            "\(what) would cover \(courseText), but the document is restricted to district "
            + "\(document.employerRestriction?.digits ?? "") and the school is in district \(school.districtCode).",
          facts: facts)
      case .studentsGrade9:
        let grades = studentGrades()
        if wantsFacts { facts.append(DecisionFact("grades", grades.map { "\($0.text) (\($0.source))" } ?? "unknown")) }
        return gap(
          type: .course, rule: "course.grade9_restriction", citation: "T5 80089.1; EC 44256(b); domain rules 2, 5",
          explanation:
            "\(what) covers \(courseText) only for students in grade 9 and below; the section has "
            + "\(grades.map { "\($0.text) (\($0.source))" } ?? "no known grades").",
          facts: facts)
      case .curriculumGrade9:
        if wantsFacts {
          facts.append(
            DecisionFact(
              "course grade range", section.gradeLevelRangeCode.isEmpty ? "SEC" : section.gradeLevelRangeCode))
        }
        return gap(
          type: .course, rule: "course.grade9_restriction", citation: "T5 80089.2, 80089.3; domain rule 11",
          explanation:
            "\(what) covers only curriculum of grade 9 and below; \(courseText) is secondary (9-12) content.",
          facts: facts)
      case .gradeBand:
        let grades = studentGrades()
        return gap(
          type: .course, rule: "course.grade_band", citation: "CALPADS course grade band; domain guide §4.5",
          explanation:
            "\(what) covers \(courseText) for \(profile.course?.gradeBand ?? "its grade band"); the roster has "
            + "\(grades?.text ?? "other grades").",
          facts: facts)
      }
    }
    // Rule 30: departmentalized ELD with a revised embedded EL authorization only.
    if profile?.isDepartmentalizedELD == true,
      let h = firstValid(where: { authorization in
        engine.englishLearnerEntries(engine.codes.id(authorization.authorizationCode)).contains {
          $0.authorization.isRevisedEmbedded
        }
      })
    {
      return gap(
        type: .course, rule: "el.revised_ela_departmentalized", citation: "CTC EL assignment chart; domain rule 30",
        explanation:
          "\(document(h).documentCode) \(document(h).documentNumber) carries a revised embedded EL authorization "
          + "(2014 and later), which covers integrated and designated ELD within authorized subjects but not a "
          + "departmentalized ELD course.",
        facts: facts)
    }
    // Rule 27: a DHH specialist teaching ASL to general-education students.
    if profile?.isWorldLanguage == true, equalsIgnoringCase(section.subcategoryCode, reference.signLanguageSubcategory),
      !isSpecialEducation,
      firstValid(where: { ["R3DH", "R3HD"].contains($0.authorizationCode.uppercased()) }) != nil
    {
      return gap(
        type: .course, rule: "sped.dhh_asl_general_ed", citation: "CTC special education FAQ; domain rule 27",
        explanation:
          "A Deaf and Hard of Hearing authorization does not authorize teaching American Sign Language to "
          + "general-education students (unless the teacher did so before 1 July 2010, which the office must "
          + "document).",
        facts: facts)
    }
    if let optionGap {
      var found = optionGap
      found.facts = facts + found.facts
      return found
    }
    if profile == nil {
      return gap(
        type: .course, rule: "course.unknown_code", citation: "CALPADS Valid Code Combinations; domain rule 62",
        explanation: "State course code \(section.stateCourseCode) is not in the catalog, so it cannot be checked.",
        tamo: .unknown, facts: facts)
    }
    if !holdings.contains(where: \.isValid) {
      return gap(
        type: .course, rule: "course.no_valid_document", citation: "EC 44830; domain guide §3.1",
        prose: .noValidDocument(date: date, course: courseText), facts: facts)
    }
    return gap(
      type: .course, rule: "course.not_authorized", citation: "EC 44258.9; T5 80003-80005; domain rule 2",
      prose: .courseNotAuthorized(course: courseText), facts: facts)
  }

  static func noValidDocumentExplanation(date: CalendarDate, course: String) -> String {
    "The teacher holds no document valid on \(date), so nothing authorizes \(course)."
  }

  static func notAuthorizedExplanation(course: String) -> String {
    "No valid document of the teacher authorizes \(course), and no core setting, EC 44865 setting or local "
      + "assignment option applies."
  }

  /// The first valid holding with an authorization satisfying `test`.
  func firstValid(where test: (DocumentAuthorization) -> Bool) -> Int? {
    holdings.indices.first { holdings[$0].isValid && document($0).authorizations.contains(where: test) }
  }

  /// Rules 45–49: an invalid document (suspended first, then revoked, pending, expired, …) that would match.
  func invalidDocumentThatWouldCover(profile: CourseProfile) -> (Int, DocumentValidity.Outcome)? {
    let order: [DocumentValidity.Outcome] = [
      .suspended, .revoked, .pending, .expired, .tccExpired, .notYetIssued, .noExpiration, .surrendered, .denied,
    ]
    var found: (Int, DocumentValidity.Outcome)? = nil
    for h in holdings.indices where !holdings[h].isValid && holdings[h].kind != .substitutePermit {
      var matched = false
      eachMatch(h, profile: profile) { _ in matched = true }
      if !matched, isSpecialEducation {
        matched = coded(h).contains { engine.specialEducation($0.code)?.isSpecialty ?? false }
      }
      guard matched else { continue }
      let outcome = holdings[h].outcome
      if found == nil || order.firstIndex(of: outcome)! < order.firstIndex(of: found!.1)! { found = (h, outcome) }
    }
    return found
  }
}
