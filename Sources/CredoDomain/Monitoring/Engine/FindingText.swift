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
    prepared.documentBasis(holding, authorization: authorization)
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
    if let anchor = coverage.anchor { return prepared.basis(anchor) }
    switch coverage.source {
    case .localOption(let approval, let option, _):
      if let approval, let date = approvals[approval].approvalDate {
        return "LAO \(option.rawValue) approved \(date)"
      }
      return "LAO \(option.rawValue) (CALPADS 9.35)"
    case .ec44865(_, let setting): return "EC 44865 (\(setting.text))"
    case .charterGrace: return "EC 47605.4 (2019-20 charter teacher)"
    default: preconditionFailure("a source with an anchor")
    }
  }

  func explanation(_ coverage: Coverage) -> String {
    let course = courseLabel
    if let anchor = coverage.anchor { return prepared.explanation(anchor, profile: profile, course: course) }
    switch coverage.source {
    case .localOption(let approval, let option, _):
      let recorded =
        approval.map { approvals[$0] }.map { approval in
          " (consent \(approval.consentDate?.iso ?? "not recorded"), approval \(approval.approvalDate?.iso ?? "not recorded"), \(approval.schoolYear))"
        } ?? " (declared in CALPADS 9.35, no record in Credo)"
      return "\(course) is taught under the local assignment option \(option.rawValue)\(recorded)."
    case .ec44865(_, let setting):
      return "In a \(setting.text) a teacher with a credential based on a bachelor's degree and student teaching may "
        + "teach any subject with consent (EC 44865)."
    case .charterGrace:
      return "The teacher was employed at this charter in 2019-20 and the course is non-core, non-college-prep; the "
        + "grace period for such teachers runs until \(policy.charterGraceEnds) (CTC's \"2019-20 Charter\" category)."
    default: preconditionFailure("a source with an anchor")
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
      if let grades = gradesCache.pointee, let grades {
        facts.append(DecisionFact("grades", concat(grades.text, " (", grades.source, ")")))
      }
      for part in others { facts.append(DecisionFact(part.rule, basis(part))) }
    }
    let weaker = weakest.tamo.strictness > course.tamo.strictness
    var prose = FindingProse.none
    if wantsText {
      // Kept as anchors when both parts have one and the course is in the catalog (its label is the profile's);
      // else written now, with the same functions.
      if let profile, let anchor = course.anchor, !weaker || weakest.anchor != nil {
        prose = .coverage(
          CoverageProse(teacher: prepared, profile: profile, course: anchor, weaker: weaker ? weakest.anchor : nil))
      } else {
        prose = .written(
          basis: basis(course),
          explanation: CoverageProse.explanation(explanation(course), weakerBasis: weaker ? basis(weakest) : nil))
      }
    }
    return AssignmentFinding(
      status: .authorized, rule: weaker ? weakest.rule : course.rule,
      citation: (weaker ? weakest : course).citation(profile: profile), prose: prose, facts: facts)
  }
}
