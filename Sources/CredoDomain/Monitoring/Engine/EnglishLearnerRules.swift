/// English learners: the EL service the section gives (CRSE 9.20 Education Service Code) must be covered by the
/// teacher's EL authorizations, and primary-language instruction (9.20 = 1) by a bilingual authorization in the
/// language of instruction (9.21) (domain guide §1.5, §4.4–4.5; rules 29–33; CalSAAS EL and bilingual exceptions,
/// §2.2).
///
/// - The service is checked when the roster has English learners, or when there is no roster and 9.20 is given.
/// - Rule 33: English learners on the roster and 9.20 blank is a CALPADS input error: an exception with TAMO
///   incomplete (the data cannot be evaluated).
/// - Rule 31: revised embedded authorizations (ELAM, ELAS, ELAE, ELAP) cover integrated and designated ELD.
/// - Rule 32: S17C (Clear DS CTE) covers integrated ELD in CTE courses only; designated ELD is an exception
///   (UNCONFIRMED beyond a third-party chart).
/// - Rule 29: a bilingual authorization in another language is a bilingual exception (detail = the 9.21 language).
/// - Rule 30 (departmentalized ELD course 9104) is a course rule, in `CourseScopeRules`.
extension SectionContext {
  mutating func englishLearnerComponent(gaps: inout [Gap]) -> Coverage? {
    let service = section.educationServiceCode
    if let roster = assignment.roster, roster.studentCount > 0 {
      guard roster.englishLearners > 0 else { return nil }
      if service.isEmpty {
        gaps.append(
          Gap(
            type: .englishLearner, rule: "el.service_code_missing", citation: "CALPADS CRSE 9.20; domain rule 33",
            explanation:
              "The roster has \(roster.englishLearners) English learner(s) but CRSE 9.20 (Education Service Code) is "
              + "blank; CALPADS requires it, and the EL service cannot be checked.",
            tamo: .incomplete, facts: [DecisionFact("english learners", String(roster.englishLearners))]))
        return nil
      }
    } else if service.isEmpty {
      return nil
    }
    guard let needed = reference.englishLearnerServiceLevels[service] else {
      gaps.append(
        Gap(
          type: .englishLearner, rule: "el.unknown_service_code", citation: "CALPADS CRSE 9.20; domain guide §4.4",
          explanation: "CRSE 9.20 value \(service) is not a CALPADS Education Service Code (1-6).", detail: service,
          tamo: .incomplete))
      return nil
    }
    if needed.isEmpty { return nil }

    // The levels held, each with the best coverage found for it.
    var held: [EnglishLearnerServiceLevel: Coverage] = [:]
    var bilingualLanguages: [String] = []
    var bilingualMatch: Coverage? = nil
    let language = section.languageOfInstructionCode
    let languageName = lookup(engine.languageNames, language) ?? ""
    let careerTechnical = profile?.isCareerTechnical ?? false
    for h in holdings.indices where holdings[h].isValid && employerAllows(h) {
      let kind = holdings[h].kind
      let document = self.document(h)
      func add(_ levels: Set<EnglishLearnerServiceLevel>, authorization: Int, rule: String) {
        let coverage = Coverage(
          source: .englishLearner(holding: h, authorization: authorization), tamo: kind.tamoOutcome, rule: rule,
          citation: "CTC EL assignment chart; domain rules 29-32")
        for level in levels where coverage.isBetter(than: held[level]) { held[level] = coverage }
      }
      if kind == .emergencyEnglishLearnerPermit {
        add([.integrated, .designated], authorization: -1, rule: kind.authorizedRule)
      }
      for (a, authorization) in document.authorizations.enumerated() {
        guard let entries = lookup(engine.englishLearnerByCode, authorization.authorizationCode) else {
          continue
        }
        for entry in entries where entry.subject.isEmpty || equalsIgnoringCase(entry.subject, authorization.subjectCode)
        {
          if entry.authorization.careerTechnicalOnly && !careerTechnical { continue }
          var levels = entry.authorization.levels
          if levels.contains(.primaryLanguage) {
            levels.remove(.primaryLanguage)
            let written = authorization.language
            bilingualLanguages.append(written.isEmpty ? "unspecified" : written)
            if !language.isEmpty, !written.isEmpty,
              equalsIgnoringCase(written, language)
                || (!languageName.isEmpty && equalsIgnoringCase(written, languageName))
            {
              let coverage = Coverage(
                source: .englishLearner(holding: h, authorization: a), tamo: kind.tamoOutcome,
                rule: kind.isFullCredential ? "bilingual.authorized" : kind.authorizedRule,
                citation: "CTC EL assignment chart; domain rule 29")
              if coverage.isBetter(than: bilingualMatch) { bilingualMatch = coverage }
            }
          }
          add(levels, authorization: a, rule: kind.isFullCredential ? "el.authorized" : kind.authorizedRule)
        }
      }
    }

    var weakest: Coverage? = nil
    func note(_ coverage: Coverage) {
      if weakest == nil || coverage.tamo.strictness > weakest!.tamo.strictness { weakest = coverage }
    }
    let eld = needed.subtracting([.primaryLanguage]).sorted()
    let missing = eld.filter { held[$0] == nil }
    if missing.isEmpty {
      for level in eld { note(held[level]!) }
    } else {
      let heldText = held.keys.sorted().map(\.rawValue).joined(separator: ", ")
      gaps.append(
        Gap(
          type: .englishLearner, rule: "el.not_authorized", citation: "CTC EL assignment chart; domain rules 31, 32",
          explanation:
            "CRSE 9.20 = \(service) needs \(eld.map(\.rawValue).joined(separator: " and ")) ELD; the teacher's "
            + "valid EL authorizations cover \(heldText.isEmpty ? "none" : heldText)"
            + "\(careerTechnical ? "" : " (S17C covers CTE courses only)").",
          detail: service,
          facts: [DecisionFact("education service code", service), DecisionFact("documents", documentsSummary)]))
    }
    if needed.contains(.primaryLanguage) {
      if let bilingualMatch {
        note(bilingualMatch)
      } else if language.isEmpty {
        gaps.append(
          Gap(
            type: .bilingual, rule: "bilingual.language_missing", citation: "CALPADS CRSE 9.21; domain rule 63",
            explanation:
              "Primary-language instruction (9.20 = 1) needs the language of instruction (9.21), which is blank.",
            tamo: .incomplete))
      } else if !bilingualLanguages.isEmpty {
        let languageText = languageName.isEmpty ? language : "\(language) (\(languageName.capitalized))"
        gaps.append(
          Gap(
            type: .bilingual, rule: "bilingual.language_mismatch", citation: "CTC; CalSAAS; domain rule 29",
            explanation:
              "Instruction is in \(languageText), but the teacher's bilingual authorization is for "
              + "\(bilingualLanguages.joined(separator: ", ")).",
            detail: language, facts: [DecisionFact("language of instruction", languageText)]))
      } else {
        gaps.append(
          Gap(
            type: .bilingual, rule: "bilingual.no_authorization", citation: "CTC; CalSAAS; domain rule 29",
            explanation:
              "Primary-language instruction (9.20 = 1) in \(languageName.isEmpty ? language : languageName.capitalized) "
              + "needs a bilingual authorization in that language; the teacher holds none.",
            detail: language))
      }
    }
    return weakest
  }
}
