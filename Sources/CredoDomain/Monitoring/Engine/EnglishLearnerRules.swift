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
  func englishLearnerComponent(gaps: inout [Gap]) -> Coverage? {
    let service = section.educationServiceCode
    if hasRoster, rosterStudents > 0 {
      guard rosterEnglishLearners > 0 else { return nil }
      if service.isEmpty {
        gaps.append(
          gap(
            type: .englishLearner, rule: "el.service_code_missing", citation: "CALPADS CRSE 9.20; domain rule 33",
            explanation:
              "The roster has \(rosterEnglishLearners) English learner(s) but CRSE 9.20 (Education Service Code) is "
              + "blank; CALPADS requires it, and the EL service cannot be checked.",
            tamo: .incomplete, facts: [DecisionFact("english learners", String(rosterEnglishLearners))]))
        return nil
      }
    } else if service.isEmpty {
      return nil
    }
    guard let needed = engine.serviceLevelMask(service) else {
      gaps.append(
        gap(
          type: .englishLearner, rule: "el.unknown_service_code", citation: "CALPADS CRSE 9.20; domain guide §4.4",
          explanation: "CRSE 9.20 value \(service) is not a CALPADS Education Service Code (1-6).", detail: service,
          tamo: .incomplete))
      return nil
    }
    if needed == 0 { return nil }
    let primary = EnglishLearnerServiceLevel.primaryLanguage.bit
    let eld = needed & ~primary

    // The best coverage per level (integrated, designated, departmentalized), and the bilingual match.
    var held: (Coverage?, Coverage?, Coverage?) = (nil, nil, nil)
    var heldMask: UInt8 = 0
    var bilingualLanguage: String? = nil
    var bilingualMatch: Coverage? = nil
    let language = section.languageOfInstructionCode
    let languageName = needed & primary != 0 ? lookup(engine.languageNames, language) ?? "" : ""
    let careerTechnical = profile?.isCareerTechnical ?? false
    func add(_ mask: UInt8, _ coverage: Coverage) {
      let levels = mask & eld
      guard levels != 0 else { return }
      heldMask |= levels
      if levels & 1 != 0, coverage.isBetter(than: held.0) { held.0 = coverage }
      if levels & 2 != 0, coverage.isBetter(than: held.1) { held.1 = coverage }
      if levels & 4 != 0, coverage.isBetter(than: held.2) { held.2 = coverage }
    }
    for h in holdings.indices where holdings[h].isValid && employerAllows(h) {
      let kind = holdings[h].kind
      if kind == .emergencyEnglishLearnerPermit || kind == .emergencyBilingualPermit {
        add(
          EnglishLearnerServiceLevel.integrated.bit | EnglishLearnerServiceLevel.designated.bit,
          Coverage(
            source: .englishLearner(holding: h, authorization: -1), tamo: kind.tamoOutcome, label: .document(kind)))
      }
      for (a, coded) in self.coded(h).enumerated() {
        // The authorization's matching EL entries at once: each would add the same coverage, so adding their
        // levels together decides the same.
        let mask = engine.englishLearnerLevels(coded, careerTechnical: careerTechnical)
        if mask == 0 { continue }
        let coverage = Coverage(
          source: .englishLearner(holding: h, authorization: a), tamo: kind.tamoOutcome,
          label: .englishLearner(kind))
        add(mask, coverage)
        if mask & primary != 0, needed & primary != 0 {
          let written = authorizations(h)[a].language
          if bilingualLanguage == nil { bilingualLanguage = written.isEmpty ? "an unspecified language" : written }
          if !language.isEmpty, !written.isEmpty,
            equalsIgnoringCase(written, language)
              || (!languageName.isEmpty && equalsIgnoringCase(written, languageName))
          {
            var match = coverage
            match.label = .bilingual(kind)
            if match.isBetter(than: bilingualMatch) { bilingualMatch = match }
          }
        }
      }
    }

    var weakest: Coverage? = nil
    func note(_ coverage: Coverage?) {
      guard let coverage else { return }
      if weakest == nil || coverage.tamo.strictness > weakest!.tamo.strictness { weakest = coverage }
    }
    if heldMask & eld == eld {
      if eld & 1 != 0 { note(held.0) }
      if eld & 2 != 0 { note(held.1) }
      if eld & 4 != 0 { note(held.2) }
    } else {
      gaps.append(
        gap(
          type: .englishLearner, rule: "el.not_authorized", citation: "CTC EL assignment chart; domain rules 31, 32",
          prose: .englishLearnerLevels(
            service: service, held: heldMask, needed: eld, careerTechnical: careerTechnical),
          detail: service,
          facts: [DecisionFact("education service code", service), DecisionFact("documents", documentsSummary)]))
    }
    if needed & primary != 0 {
      if let bilingualMatch {
        note(bilingualMatch)
      } else if language.isEmpty {
        gaps.append(
          gap(
            type: .bilingual, rule: "bilingual.language_missing", citation: "CALPADS CRSE 9.21; domain rule 63",
            explanation:
              "Primary-language instruction (9.20 = 1) needs the language of instruction (9.21), which is blank.",
            tamo: .incomplete))
      } else if let bilingualLanguage {
        func languageText() -> String {
          languageName.isEmpty ? language : "\(language) (\(languageName.capitalized))"
        }
        gaps.append(
          gap(
            type: .bilingual, rule: "bilingual.language_mismatch", citation: "CTC; CalSAAS; domain rule 29",
            explanation:
              "Instruction is in \(languageText()), but the teacher's bilingual authorization is for "
              + "\(bilingualLanguage).",
            detail: language, facts: [DecisionFact("language of instruction", languageText())]))
      } else {
        gaps.append(
          gap(
            type: .bilingual, rule: "bilingual.no_authorization", citation: "CTC; CalSAAS; domain rule 29",
            explanation:
              "Primary-language instruction (9.20 = 1) in \(languageName.isEmpty ? language : languageName.capitalized) "
              + "needs a bilingual authorization in that language; the teacher holds none.",
            detail: language))
      }
    }
    return weakest
  }

  /// `el.not_authorized`: the ELD levels `needed` and those `held` (`EnglishLearnerServiceLevel.bit` masks).
  static func levelsNotCoveredExplanation(
    service: String, held: UInt8, needed: UInt8, careerTechnical: Bool
  )
    -> String
  {
    var heldText = EnglishLearnerServiceLevel.levels(in: held).map(\.rawValue).joined(separator: ", ")
    if heldText.isEmpty { heldText = "none" }
    let neededText = EnglishLearnerServiceLevel.levels(in: needed).map(\.rawValue).joined(separator: " and ")
    return "CRSE 9.20 = \(service) needs \(neededText) ELD; the teacher's valid EL authorizations cover "
      + "\(heldText)\(careerTechnical ? "" : " (S17C covers CTE courses only)")."
  }
}
