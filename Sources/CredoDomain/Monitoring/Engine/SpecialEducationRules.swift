/// Special education: the teacher of a special education section (CRSE 9.22 = 700, or every student on the roster
/// has a disability, §2.4) must hold an authorization covering each primary disability of the students (domain guide
/// §1.3; rules 22–28; T5 80046.5, 80048.3; CalSAAS raises one exception per SEID × school × disability area, §2.2).
///
/// - Rules 22–24: the specialty areas and added authorizations of `MonitoringReference.specialEducationAuthorizations`
///   (a DHH specialist covers a deaf student who also has autism, since the primary disability is deafness, but not a
///   student whose disability is autism alone).
/// - Rule 25: ECSE authorizations stop at pre-K (R3EC) or kindergarten (R3ER); judged on the roster's highest grade.
/// - Rule 28: a SELAP carrying the specialty covers it, out-of-field.
/// - Without a roster (or with no disability codes on it) the section needs some specialty authorization.
/// Alternate placements chosen by an IEP team are an analyst's determination, not the engine's.
extension SectionContext {
  func specialEducationComponent(gaps: inout [Gap]) -> Coverage? {
    // The roster's codes as `EngineIndex.disabilityBits` bits when every one has a bit: the bits follow the codes'
    // order, so the areas are decided in the order of the sorted codes without sorting (or copying) them.
    var rosterBits: UInt64 = 0
    var codeCount = 0
    var allHaveBits = !engine.disabilityBits.isEmpty
    if let disabilities = input.pointee.roster?.disabilities {
      for code in disabilities.keys {
        codeCount += 1
        if allHaveBits, let bit = engine.disabilityBitNumber(code) {
          rosterBits |= 1 << UInt64(bit)
        } else {
          allHaveBits = false
        }
      }
    }
    if codeCount == 0 {
      if let coverage = specialEducationAnySubject() { return coverage }
      gaps.append(
        gap(
          type: .specialEducation, rule: "sped.no_authorization", citation: "T5 80046.5; domain rules 22, 23",
          explanation:
            "The section is special education (CRSE 9.22 = 700) and the teacher holds no valid special education "
            + "specialty authorization.",
          facts: [DecisionFact("documents", documentsSummary)]))
      return nil
    }
    var weakest: Coverage? = nil
    let highest = rosterGrades?.high
    // Disability codes as bits (`EngineIndex.disabilityBits`): an area covers a code when its mask has the bit.
    let useBits = !engine.disabilityBits.isEmpty
    /// Decides one disability area: its best coverage into `weakest`, or its exception into `gaps`.
    func area(_ code: String, name: String, bit: UInt64) {
      var best: Coverage? = nil
      var gradeLimited: String? = nil
      for h in holdings.indices where holdings[h].isValid && employerAllows(h) {
        let kind = holdings[h].kind
        for (a, authorization) in coded(h).enumerated() {
          // With the bits, the authorization's mask and grade limit are read from arrays; the authorization itself
          // (a name, a set, a source) is looked at only to write a grade-limit exception.
          let highestGrade: GradeLevel?
          if useBits {
            if authorization.code < 0 || engine.specialEducationDisabilityMasks[Int(authorization.code)] & bit == 0 {
              continue
            }
            highestGrade = engine.specialEducationHighestGrade[Int(authorization.code)]
          } else {
            guard let area = engine.specialEducation(authorization.code), area.disabilityCodes.contains(code) else {
              continue
            }
            highestGrade = area.highestGrade
          }
          if var limit = highestGrade, let highest {
            if limit == .preschool, policy.transitionalKindergartenIsPreKindergarten {
              limit = .transitionalKindergarten
            }
            if highest > limit {
              let area = engine.specialEducation(authorization.code)!
              gradeLimited =
                "\(authorizations(h)[a].authorizationCode) (\(area.name)) covers students through grade \(limit.code)"
              continue
            }
          }
          let candidate = Coverage(
            source: .specialEducation(holding: h, authorization: a), tamo: kind.tamoOutcome,
            label: .specialEducationArea(kind))
          if candidate.isBetter(than: best) { best = candidate }
        }
      }
      if let best {
        if weakest == nil || best.tamo.strictness > weakest!.tamo.strictness { weakest = best }
        return
      }
      var facts: [DecisionFact] = []
      if wantsFacts {
        facts = [DecisionFact("disability", "\(code) \(name)"), DecisionFact("documents", documentsSummary)]
        if let highest { facts.append(DecisionFact("highest grade", highest.code)) }
      }
      if let gradeLimited {
        gaps.append(
          gap(
            type: .specialEducation, rule: "sped.grade_limit", citation: "T5 80048.3; domain rule 25",
            explanation: "\(gradeLimited); the section has students in grade \(highest?.code ?? "?").", detail: code,
            facts: facts))
      } else {
        gaps.append(
          gap(
            type: .specialEducation, rule: "sped.area_not_covered",
            citation: "T5 80046.5, 80048.3; domain rules 23, 24",
            prose: .specialEducationArea(code: code, name: name), detail: code, facts: facts))
      }
    }
    if allHaveBits {
      var rest = rosterBits
      while rest != 0 {
        let bit = rest.trailingZeroBitCount
        rest &= rest - 1
        area(engine.disabilityCodeByBit[bit], name: engine.disabilityNameByBit[bit], bit: 1 << UInt64(bit))
      }
      return weakest
    }
    for code in (input.pointee.roster?.disabilities.keys).map({ Array($0).sorted() }) ?? [] {
      let entry =
        useBits ? engine.disabilityBits[code] : reference.disabilityNames[code].map { (name: $0, bit: UInt64(0)) }
      guard let (name, bit) = entry else {
        gaps.append(
          gap(
            type: .specialEducation, rule: "sped.unknown_disability_code", citation: "CALPADS; domain guide §2.2",
            explanation: "Disability code \(code) on the roster is not one of the 14 CALPADS areas CalSAAS considers.",
            detail: code, tamo: .incomplete))
        continue
      }
      area(code, name: name, bit: bit)
    }
    return weakest
  }

  static func areaNotCoveredExplanation(code: String, name: String) -> String {
    "The section has students whose primary disability is \(name.lowercased()) (\(code)); no valid special "
      + "education authorization of the teacher covers that area."
  }
}
