/// The text of findings: `basis` (interchange spec §4: document number + authorization + subject, a statute, a
/// permit, a recorded local assignment option), explanations and facts. Written only for the findings a decision
/// returns, so deciding stays cheap.
extension SectionContext {
  var courseLabel: String {
    if let profile { return profile.label }
    let name = section.courseName
    return name.isEmpty ? "course " + section.stateCourseCode : concat(section.stateCourseCode, " ", name)
  }

  /// "TC1 123456 (valid); credo-pip 9 (expired)".
  var documentsSummary: String {
    if holdings.isEmpty { return "none on file" }
    return holdings.map { holding in
      let document = documents[holding.index]
      let state = holding.isValid ? "valid" : String(holding.outcome.rule.dropFirst("document.".count))
      return "\(document.documentCode) \(document.documentNumber) (\(state))"
    }.joined(separator: "; ")
  }

  /// "TC1 123456 R1S MATH" for credentials; "GELAP 555 (permit)" for permits, waivers and intern credentials.
  func documentBasis(_ holding: Int, authorization: Int) -> String {
    let index = holdings[holding].index
    let number = documents[index].documentNumber
    let kind = holdings[holding].kind
    if let label = kind.basisLabel {
      return concat(label, " ", number, " (", kind.basisNoun, ")")
    }
    let documentCode = documents[index].documentCode
    guard authorization >= 0, authorization < documents[index].authorizations.count else {
      return concat(documentCode, " ", number)
    }
    let code = documents[index].authorizations[authorization].authorizationCode
    let subject = documents[index].authorizations[authorization].subjectCode
    return concat(documentCode, " ", number, code.isEmpty ? "" : " ", code, subject.isEmpty ? "" : " ", subject)
  }

  /// What a match is, for explanations: "TC2 77 SMAB IM2 (Introductory Subject Matter Authorization)".
  func matchText(_ match: CourseMatch, holding: Int, profile: CourseProfile) -> String {
    switch match {
    case .rule(let index, let authorization):
      let rule = profile.rules[index].source
      let title = rule.subjectName.isEmpty ? rule.documentTitle : "\(rule.documentTitle), \(rule.subjectName)"
      return "\(documentBasis(holding, authorization: authorization)) (\(title))"
    case .statutory(_, let authorization), .namedCourse(let authorization):
      return documentBasis(holding, authorization: authorization)
    }
  }

  func basis(_ coverage: Coverage) -> String {
    switch coverage.source {
    case .crosswalk(let h, let a, _), .statutory(let h, let a, _), .namedCourse(let h, let a),
      .specialEducation(let h, let a), .englishLearner(let h, let a):
      return documentBasis(h, authorization: a)
    case .coreSetting: return "EC 44258.1"
    case .localOption(let approval, let option, _):
      if let approval, let date = teacher.approvals[approval].approvalDate {
        return "LAO \(option.rawValue) approved \(date)"
      }
      return "LAO \(option.rawValue) (CALPADS 9.35)"
    case .ec44865(_, let setting): return "EC 44865 (\(setting))"
    case .staffDeveloper: return "T5 80020.4"
    case .collegeCredit: return "EC 76004"
    case .charterGrace: return "EC 47605.4 (2019-20 charter teacher)"
    }
  }

  func explanation(_ coverage: Coverage) -> String {
    let course = courseLabel
    switch coverage.source {
    case .crosswalk(let h, _, let index):
      let i = holdings[h].index
      return concat(
        documents[i].documentCode, " ", documents[i].documentNumber,
        profile!.rules[index].explanationTail, classSentence(holdings[h].kind))
    case .statutory(let h, let a, _):
      return "\(documentBasis(h, authorization: a)) authorizes \(course): T5 80004 lets this subject teach Health "
        + "Science."
    case .namedCourse(let h, _):
      return "\(documentBasis(h, authorization: -1)) names \(course)\(classSentence(holdings[h].kind))"
    case .specialEducation(let h, let a):
      let code = document(h).authorizations[a].authorizationCode
      return "In a special education section an Education Specialist authorization (\(code)) covers any subject, "
        + "here \(course)\(classSentence(holdings[h].kind))"
    case .englishLearner(let h, _):
      return "\(documentBasis(h, authorization: -1)) covers the section's English learner services."
    case .coreSetting(_, let extra, let total):
      if extra > 0 {
        return "A Multiple Subject holder teaching a core block may teach its subjects to another group for up to "
          + "half of the assignment (EC 44258.1); \(extra) of \(total) sections are such extra periods."
      }
      return "\(course) is part of a grades 5-8 core block of two or more subjects (CRSE 9.34 = Y), which a "
        + "Multiple Subject holder may teach under EC 44258.1."
    case .localOption(let approval, let option, _):
      let recorded =
        approval.map { teacher.approvals[$0] }.map { approval in
          " (consent \(approval.consentDate?.iso ?? "not recorded"), approval \(approval.approvalDate?.iso ?? "not recorded"), \(approval.schoolYear))"
        } ?? " (declared in CALPADS 9.35, no record in Credo)"
      return "\(course) is taught under the local assignment option \(option.rawValue)\(recorded)."
    case .ec44865(_, let setting):
      return "In a \(setting) a teacher with a credential based on a bachelor's degree and student teaching may "
        + "teach any subject with consent (EC 44865)."
    case .staffDeveloper:
      return "Mentor and peer-assistance assignments (6010, 6011) are predetermined under T5 80020.4 for holders of a "
        + "teaching credential based on a bachelor's degree, preparation and student teaching."
    case .collegeCredit:
      return "\(course) is a college-credit course; CalSAAS predetermines it under EC 76004 (college faculty need no "
        + "K-12 credential)."
    case .charterGrace:
      return "The teacher was employed at this charter in 2019-20 and the course is non-core, non-college-prep; the "
        + "grace period for such teachers runs until \(policy.charterGraceEnds) (CTC's \"2019-20 Charter\" category)."
    }
  }

  func classSentence(_ kind: DocumentKind) -> String {
    switch kind.tamoOutcome {
    case .clear: return "."
    case .intern: return "; interns properly assigned count as Intern for TAMO."
    case .outOfField: return "; for TAMO this counts as out-of-field."
    case .incomplete: return "; the outcome waits on CTC's action on the pending application."
    default: return "; for TAMO an assignment legal only through this document counts as ineffective."
    }
  }

  /// The holding a coverage rests on, if it is a document.
  func holding(of coverage: Coverage) -> Int? {
    switch coverage.source {
    case .crosswalk(let h, _, _), .statutory(let h, _, _), .namedCourse(let h, _), .specialEducation(let h, _),
      .englishLearner(let h, _), .coreSetting(let h, _, _), .localOption(_, _, let h), .ec44865(let h, _),
      .staffDeveloper(let h):
      return h
    case .collegeCredit, .charterGrace: return nil
    }
  }

  /// The authorized finding: `course` covers the course, `others` are the students' services also needed (for the
  /// facts), `weakest` the part that sets the TAMO outcome.
  func authorizedFinding(_ course: Coverage, weakest: Coverage, others: [Coverage]) -> AssignmentFinding {
    var facts: [DecisionFact] = []
    if wantsFacts {
      facts.reserveCapacity(4 + others.count)
      facts.append(DecisionFact("course", courseLabel))
      if let h = holding(of: course) {
        let i = holdings[h].index
        facts.append(
          DecisionFact("document", concat(documents[i].documentCode, " ", documents[i].documentNumber)))
        facts.append(DecisionFact("valid through", documents[i].expirationDate.map(isoText) ?? "life"))
      }
      if let grades = gradesCache, let grades {
        facts.append(DecisionFact("grades", concat(grades.text, " (", grades.source, ")")))
      }
      for part in others { facts.append(DecisionFact(part.rule, basis(part))) }
    }
    let weaker = weakest.tamo.strictness > course.tamo.strictness
    var text = ""
    if wantsText {
      text = explanation(course)
      if weaker {
        text = concat(text, " The students' services rest on ", basis(weakest), ", which sets the TAMO outcome.")
      }
    }
    return AssignmentFinding(
      status: .authorized, basis: wantsText ? basis(course) : "", rule: weaker ? weakest.rule : course.rule,
      citation: weaker ? weakest.citation : course.citation, explanation: text, facts: facts)
  }
}
