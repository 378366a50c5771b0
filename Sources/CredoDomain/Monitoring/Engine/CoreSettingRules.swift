/// Core settings, EC 44258.1 (domain guide §2.5; rules 3–4; T5 80003).
///
/// A self-contained (Multiple Subject) credential authorizes a core class in grades 5–8: two or more subjects taught
/// to the same group (CALPADS marks such sections with 9.34 Middle School Core Course Indicator = Y), and the same
/// subjects to another group at the same grade for no more than half of the assignment. Departmentalized ELD cannot
/// use core flexibility (CTC EL chart, §1.5).
///
/// CALPADS does not say which core sections share a group, so Credo reads "a core block" as the teacher's core
/// sections (9.34 = Y) in two or more content areas, and counts sections as periods (UNCONFIRMED reading).
extension SectionContext {
  /// The first valid document that authorizes the self-contained class (1000): the EC 44258.1 holder.
  func selfContainedHolding() -> Int? {
    guard let selfContained = engine.selfContained else { return nil }
    for h in holdings.indices where holdings[h].isValid && employerAllows(h) {
      let kind = holdings[h].kind
      if kind == .substitutePermit || kind == .clearance { continue }
      var matched = false
      eachMatch(h, profile: selfContained) { _ in matched = true }
      if matched { return h }
    }
    return nil
  }

  /// Whether `other` is the section being decided (same key): a monitoring run passes all of the teacher's sections
  /// as `otherSections` rather than copying all but one for each.
  func isThisSection(_ other: borrowing CourseSection) -> Bool {
    other.sectionId == input.pointee.section.sectionId && other.localCourseId == input.pointee.section.localCourseId
      && other.schoolCode == input.pointee.section.schoolCode
      && other.academicTermCode == input.pointee.section.academicTermCode
  }

  /// The teacher's other sections, this one not counted.
  var otherSectionCount: Int {
    var count = 0
    for other in input.pointee.otherSections where !isThisSection(other) { count += 1 }
    return count
  }

  func contentArea(of section: CourseSection) -> String {
    lookup(engine.courses, section.stateCourseCode)?.contentArea ?? ""
  }

  func coreSettingCoverage(profile: CourseProfile, gap: inout Gap?) -> Coverage? {
    guard !profile.isDepartmentalizedELD, !profile.isSelfContained, !profile.contentArea.isEmpty else { return nil }
    let others = input.pointee.otherSections
    guard section.middleSchoolCore == true || others.contains(where: { $0.middleSchoolCore == true }) else {
      return nil
    }
    guard let h = selfContainedHolding() else { return nil }
    let kind = holdings[h].kind
    if let grades = studentGrades(), grades.source == "section roster", grades.low < .g5 || grades.high > .g8 {
      return nil
    }
    let coreAreas = Set(others.filter { $0.middleSchoolCore == true }.map { contentArea(of: $0) })
    if section.middleSchoolCore == true {
      // Rule 3: this section is part of a block of two or more subjects.
      guard coreAreas.contains(where: { $0 != profile.contentArea && !$0.isEmpty }) else { return nil }
      return Coverage(
        source: .coreSetting(holding: h, extraPeriods: 0, total: otherSectionCount + 1), tamo: kind.tamoOutcome,
        label: .coreBlock)
    }
    // Rule 4: the same subject to another group, for no more than half of the assignment.
    var blockAreas = coreAreas
    blockAreas.remove("")
    guard blockAreas.count >= 2, blockAreas.contains(profile.contentArea) else { return nil }
    let total = otherSectionCount + 1
    let extra =
      1
      + others.filter {
        $0.middleSchoolCore != true && !isThisSection($0) && blockAreas.contains(contentArea(of: $0))
      }.count
    if extra * 2 <= total {
      return Coverage(
        source: .coreSetting(holding: h, extraPeriods: extra, total: total), tamo: kind.tamoOutcome,
        label: .coreExtraPeriods)
    }
    gap = self.gap(
      type: .course, rule: "core.exceeds_half", citation: "EC 44258.1; T5 80003; domain rule 4",
      explanation:
        "The teacher's core-subject sections taught to other groups (\(extra) of \(total) sections) exceed half of "
        + "the assignment, beyond what EC 44258.1 allows a Multiple Subject holder.",
      facts: [DecisionFact("extra periods", "\(extra) of \(total)")])
    return nil
  }
}
