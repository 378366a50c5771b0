/// An authorization the educator is close to (issue 4; domain guide §1.2, §1.3, §1.5, §1.6): from the CTC crosswalk
/// rows for the course (or the special education, English learner and bilingual tables for those exceptions), what
/// the educator could earn, what it takes, and whether they already hold the credential it is added to. The engine
/// re-decides with the authorization printed on that credential (or with the new credential issued); only routes
/// that would clear the exception are offered, at most `limit`, cheapest first:
///
/// 1. a supplementary authorization on a held credential: 20 semester units or 10 upper-division units, or a major, in
///    the subject (T5 80089.1; introductory: content of grade 9 and below, T5 80089.2);
/// 2. a subject matter authorization on a held credential: a major or 32 semester units (introductory T5 80089.3,
///    specific T5 80089.4);
/// 3. a full Single Subject area added to a held Multiple or Single Subject credential: subject-matter competence by
///    examination or coursework, for a Multiple Subject holder plus a departmentalized methods course (CL-621a);
/// 4. an EL, bilingual or special education authorization added to a held credential (CLAD; Bilingual Authorization
///    in the language; an Added Authorization in Special Education or a full specialty);
/// 5. a credential of its own: a Single Subject, Multiple Subject or Education Specialist credential, then specialist
///    and Designated Subjects credentials.
///
/// Within one step, full-coverage rows come before limited ones. Embedded EL authorizations (ELA1, ELA2, ELAx) come
/// with a preparation program and are not offered; supplementary and subject matter authorizations are offered only on
/// a held base.
extension SectionRemedies {
  /// One route to try: its rank (the list above), the route, its citation and what to add.
  struct RoutePlan {
    var rank: Int
    var route: AuthorizationRoute
    var citation: String
    /// The authorization to print on `base`, the educator's document, or nil to add `newDocument`.
    var authorization: DocumentAuthorization?
    var base: CredentialDocument?
    var newDocument: CredentialDocument?
    var restrictions: [String] = []
  }

  mutating func authorizationRoutes() {
    guard assignment.teacher != nil else { return }
    var plans: [RoutePlan] = []
    switch part {
    case .course: plans = courseRoutes()
    case .englishLearner:
      if finding.rule == "el.not_authorized", let plan = englishLearnerRoute() { plans = [plan] }
    case .bilingual:
      if finding.rule != "bilingual.language_missing", let plan = bilingualRoute() { plans = [plan] }
    case .specialEducation: plans = specialEducationRoutes()
    case .service: break
    }
    var offered = 0
    for plan in plans.enumerated().sorted(by: { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) })
      .map(\.element)
    {
      if offered >= limit { break }
      let decision: AssignmentDecision?
      if let authorization = plan.authorization, let base = plan.base {
        decision = trialAdding(authorization, toDocument: base.documentNumber)
      } else if let document = plan.newDocument {
        decision = trialAdding(document)
      } else {
        decision = nil
      }
      guard let decision else { continue }
      offered += 1
      add(
        .addedAuthorization(plan.route), .clearsWhenGranted, sentence(plan), citation: plan.citation, decision: decision
      )
    }
  }

  func sentence(_ plan: RoutePlan) -> String {
    let route = plan.route
    let within =
      plan.restrictions.isEmpty ? "" : " within its restrictions (\(plan.restrictions.joined(separator: "; ")))"
    let target: String
    switch part {
    case .course, .service: target = courseLabel
    case .englishLearner: target = "the section's English learner service (CRSE 9.20 = \(section.educationServiceCode))"
    case .bilingual: target = "primary-language instruction in the section's language"
    case .specialEducation(let code):
      target =
        code.isEmpty
        ? "this special education section"
        : "the students with \(engine.reference.disabilityNames[code]?.lowercased() ?? "disability") (\(code))"
    }
    if let base = route.heldBase {
      return "The teacher holds \(base); adding the \(route.name) to it would authorize \(target)\(within). It takes "
        + "\(route.requirement)."
    }
    return "Earning the \(route.name) would authorize \(target)\(within). It takes \(route.requirement)."
  }

  func baseLabel(_ document: CredentialDocument) -> String { "\(document.documentCode) \(document.documentNumber)" }

  /// The educator's valid document a crosswalk row's authorization is added to: one of the row's document codes, or
  /// a document of the same kind (TC1 Single Subject, TC2 Multiple Subject).
  func base(for row: CourseAuthorizationRule) -> CredentialDocument? {
    let kinds = Set(row.documentCodes.compactMap { engine.reference.documentKinds[$0.uppercased()] })
    return valid.first { held in
      row.documentCodes.contains { equalsIgnoringCase($0, held.document.documentCode) } || kinds.contains(held.kind)
    }?.document
  }

  func addedToText(_ row: CourseAuthorizationRule) -> String {
    let kinds = Set(row.documentCodes.compactMap { engine.reference.documentKinds[$0.uppercased()] })
    switch (kinds.contains(.multipleSubject), kinds.contains(.singleSubject)) {
    case (true, true): return "a Multiple or Single Subject credential"
    case (true, false): return "a Multiple Subject credential"
    case (false, true): return "a Single Subject credential"
    default: return "a teaching credential"
    }
  }

  func courseRoutes() -> [RoutePlan] {
    guard let profile else { return [] }
    var seen = Set<String>()
    var plans: [RoutePlan] = []
    for rule in profile.rules {
      let row = rule.source
      guard seen.insert("\(row.documentTitle)|\(row.authorizationCode)|\(row.subjectCode)").inserted,
        var plan = coursePlan(row)
      else { continue }
      // Cheaper routes first; between equal routes, full coverage before limited.
      plan.rank *= 2
      if row.coverage == .limited {
        plan.rank += 1
        plan.restrictions = row.restrictions
      }
      plans.append(plan)
    }
    return plans
  }

  func coursePlan(_ row: CourseAuthorizationRule) -> RoutePlan? {
    let title = row.documentTitle.lowercased()
    let subject = row.subjectName.isEmpty ? row.subjectCode : row.subjectName
    // A family-only row ("Multiple Subject") names the credential.
    let displayTitle =
      ["credential", "authorization", "specialist", "certificate"].contains { title.contains($0) }
      ? row.documentTitle : row.documentTitle + " Teaching Credential"
    let name = row.hasSubject ? "\(displayTitle), \(subject)" : displayTitle
    let authorization = DocumentAuthorization(
      authorizationCode: row.authorizationCode, subjectCode: row.hasSubject ? row.subjectCode : "")
    func route(_ requirement: String, addedTo: String, base: CredentialDocument?) -> AuthorizationRoute {
      AuthorizationRoute(
        authorizationCode: row.authorizationCode, subjectCode: row.hasSubject ? row.subjectCode : "", name: name,
        requirement: requirement, addedTo: addedTo, heldBase: base.map(baseLabel))
    }
    let code = row.authorizationCode.uppercased()
    if let englishLearner = engine.reference.englishLearnerAuthorizations[code] {
      // CLAD is earned on its own; embedded authorizations come with a preparation program.
      guard code == "R1CL", !englishLearner.isRevisedEmbedded,
        let base = held([.multipleSubject, .singleSubject, .educationSpecialist])
      else { return nil }
      return RoutePlan(
        rank: 3, route: route(Self.cladRequirement, addedTo: "a teaching credential", base: base),
        citation: "CTC EL authorizations [S30]; domain guide §1.5; domain rule 30", authorization: authorization,
        base: base)
    }
    if title.contains("supplementary authorization") || title.contains("subject matter authorization") {
      guard !row.authorizationCode.isEmpty, let base = base(for: row) else { return nil }
      let introductory = title.contains("introductory")
      if title.contains("supplementary") {
        return RoutePlan(
          rank: 0,
          route: route(
            "20 semester units or 10 upper-division units (grade C or better), or a major, in the subject, by "
              + "transcript" + (introductory ? "; it covers content of grade 9 and below only" : ""),
            addedTo: addedToText(row), base: base),
          citation: (introductory ? "T5 80089.2" : "T5 80089, 80089.1") + "; domain guide §1.6",
          authorization: authorization, base: base)
      }
      return RoutePlan(
        rank: 1,
        route: route(
          introductory
            ? "a major, or 32 semester units with at least 3 in each listed content area (6 per area in science), "
              + "by transcript; it covers content of grade 9 and below only"
            : "a major, or 32 semester units in the subject (history: 16 each in world and US history), by transcript",
          addedTo: addedToText(row), base: base),
        citation: (introductory ? "T5 80089.3" : "T5 80089.4") + "; domain guide §1.6", authorization: authorization,
        base: base)
    }
    if title.hasPrefix("single subject"), !row.authorizationCode.isEmpty {
      if let base = held([.singleSubject]) {
        return RoutePlan(
          rank: 2,
          route: route(
            "subject-matter competence in \(subject) by examination or coursework",
            addedTo: "a Single Subject credential",
            base: base),
          citation: "T5 80004; CTC CL-621a [S32]; domain guide §1.2", authorization: authorization, base: base)
      }
      if let base = held([.multipleSubject]) {
        return RoutePlan(
          rank: 2,
          route: route(
            "subject-matter competence in \(subject) by examination or coursework, plus a 3-semester-unit "
              + "departmentalized methods course (CL-621a)", addedTo: "a Multiple Subject credential", base: base),
          citation: "T5 80004; CTC CL-621a [S32]; domain guide §1.2", authorization: authorization, base: base)
      }
    }
    let document = HypotheticalDocument.make(
      code: row.documentCodes.first ?? "", title: row.documentTitle, term: .clear, on: date,
      row.authorizationCode.isEmpty ? [] : [authorization])
    if title.contains("added authorization") {
      // An added authorization the crosswalk names by title (e.g. Mathematics Instructional): on a teaching
      // credential the educator holds.
      guard let base = held([.multipleSubject, .singleSubject, .educationSpecialist]) else { return nil }
      return RoutePlan(
        rank: 3,
        route: route("CTC's requirements for the \(row.documentTitle)", addedTo: "a teaching credential", base: base),
        citation: "CTC course crosswalk; domain guide §1.6", newDocument: document)
    }
    // A credential of its own: a basic credential before a specialist or Designated Subjects one; a specialist
    // credential is earned on a teaching credential.
    let basic = title.hasPrefix("single subject") || title.hasPrefix("multiple subject")
    if title.contains("specialist"), !holdsFullCredential { return nil }
    return RoutePlan(
      rank: basic ? 4 : 5,
      route: route(Self.credentialRequirement, addedTo: "", base: nil),
      citation: "T5 80003-80005; CTC course crosswalk; domain guide §1.2", newDocument: document)
  }

  static let cladRequirement =
    "CTC's requirements for a CLAD certificate (full English learner authorization), by examination or a "
    + "CTC-approved program"
  static let credentialRequirement =
    "a CTC-approved preparation program (or an intern program while teaching) and CTC's other requirements for it"

  func englishLearnerRoute() -> RoutePlan? {
    guard let base = held([.multipleSubject, .singleSubject, .educationSpecialist]) else { return nil }
    return RoutePlan(
      rank: 3,
      route: AuthorizationRoute(
        authorizationCode: "R1CL", subjectCode: "CLAD", name: "CLAD certificate (full English learner authorization)",
        requirement: Self.cladRequirement, addedTo: "a teaching credential", heldBase: baseLabel(base)),
      citation: "CTC EL authorizations [S30]; domain guide §1.5; domain rules 29-31",
      authorization: DocumentAuthorization(authorizationCode: "R1CL", subjectCode: "CLAD"), base: base)
  }

  func bilingualRoute() -> RoutePlan? {
    let language = section.languageOfInstructionCode
    guard !language.isEmpty, let base = held([.multipleSubject, .singleSubject, .educationSpecialist]) else {
      return nil
    }
    let name = engine.reference.languageNames[language] ?? language
    return RoutePlan(
      rank: 3,
      route: AuthorizationRoute(
        authorizationCode: "BA", subjectCode: language, name: "Bilingual Authorization in \(name)",
        requirement: "CTC's bilingual authorization requirements in \(name), by examination or a CTC-approved program",
        addedTo: "a teaching credential", heldBase: baseLabel(base)),
      citation: "CTC bilingual authorizations [S28][S30]; domain guide §1.5; domain rule 29",
      authorization: DocumentAuthorization(authorizationCode: "BA", language: language), base: base)
  }

  func specialEducationRoutes() -> [RoutePlan] {
    let reference = engine.reference
    let specialist = held([.educationSpecialist])
    var plans: [RoutePlan] = []
    if let specialist {
      for code in SpecialEducationRoute.addedAuthorizations(covering: finding.detail, reference: reference) {
        let name = reference.specialEducationAuthorizations[code]?.name ?? code
        plans.append(
          RoutePlan(
            rank: 3,
            route: AuthorizationRoute(
              authorizationCode: code, subjectCode: "", name: name,
              requirement:
                "CTC's requirements for the added authorization; eligibility depends on the base credential (CTC "
                + "chart)", addedTo: "an Education Specialist credential", heldBase: baseLabel(specialist)),
            citation:
              "CTC added authorizations in special education [S26][S27]; domain guide §1.3; domain rules 23, 24",
            authorization: DocumentAuthorization(authorizationCode: code), base: specialist))
      }
    }
    for code in SpecialEducationRoute.specialties(covering: finding.detail, reference: reference) {
      let name = "Education Specialist specialty: " + (reference.specialEducationAuthorizations[code]?.name ?? code)
      let citation = "T5 80046.5, 80048.3; CTC [S53b]; domain guide §1.3; domain rules 22-25"
      if let specialist {
        plans.append(
          RoutePlan(
            rank: 3,
            route: AuthorizationRoute(
              authorizationCode: code, subjectCode: "", name: name,
              requirement: "CTC's requirements for adding a full specialty area to the credential",
              addedTo: "an Education Specialist credential", heldBase: baseLabel(specialist)),
            citation: citation, authorization: DocumentAuthorization(authorizationCode: code), base: specialist))
      } else {
        plans.append(
          RoutePlan(
            rank: 4,
            route: AuthorizationRoute(
              authorizationCode: code, subjectCode: "", name: "Education Specialist Instruction Credential (\(name))",
              requirement: Self.credentialRequirement, addedTo: "", heldBase: nil),
            citation: citation,
            newDocument: HypotheticalDocument.make(
              code: "TC3S", title: "Education Specialist Instruction Credential", term: .clear, on: date,
              [DocumentAuthorization(authorizationCode: code)])))
      }
    }
    return plans
  }
}

/// The special education authorizations worth suggesting for a disability area (domain guide §1.3): the specialty
/// areas CTC issues today (MMSN, ESN, DHH, VI, ECSE) and the added authorizations; older groupings (Mild/Moderate,
/// Moderate/Severe, PHI, LAD) and bridge codes are no longer earned.
enum SpecialEducationRoute {
  static let specialtyCodes = ["R3MN", "R3EN", "R3DH", "R3VI", "R3ER", "R3EC"]
  static let addedCodes = ["AAAS", "AADB", "AAED", "AAOH"]

  /// Specialties covering the CALPADS disability `code` (every specialty when `code` is empty).
  static func specialties(covering code: String, reference: MonitoringReference) -> [String] {
    specialtyCodes.filter {
      code.isEmpty || (reference.specialEducationAuthorizations[$0]?.disabilityCodes.contains(code) ?? false)
    }
  }

  static func addedAuthorizations(covering code: String, reference: MonitoringReference) -> [String] {
    addedCodes.filter { reference.specialEducationAuthorizations[$0]?.disabilityCodes.contains(code) ?? false }
  }
}

extension ServiceRemedies {
  /// The services credential the assignment code requires (§1.4, §4.5), when the educator does not hold it: the
  /// engine re-decides with it issued.
  mutating func servicesCredential() {
    guard let requirement = engine.reference.serviceRequirements[assignment.assignmentCode],
      assignment.teacher != nil
    else { return }
    let code = requirement.documentCodes.sorted().first ?? (requirement.documentKinds.isEmpty ? "" : "TC2")
    let authorizations = requirement.authorizationCodes.sorted().prefix(1).map {
      DocumentAuthorization(authorizationCode: $0)
    }
    let document = HypotheticalDocument.make(
      code: code, title: requirement.name, term: .clear, on: date, Array(authorizations))
    guard let decision = trial({ $0.teacher!.documents.append(document) }) else { return }
    add(
      .addedAuthorization(
        AuthorizationRoute(
          authorizationCode: authorizations.first?.authorizationCode ?? "", subjectCode: "", name: requirement.name,
          requirement: SectionRemedies.credentialRequirement, addedTo: "", heldBase: nil)), .clearsWhenGranted,
      "\(label) requires the \(requirement.name); earning it would authorize the assignment. It takes "
        + "\(SectionRemedies.credentialRequirement).",
      citation: requirement.citation, decision: decision)
  }
}
