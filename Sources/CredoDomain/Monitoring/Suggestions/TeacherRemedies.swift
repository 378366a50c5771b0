/// Another teacher who is authorized (issue 4): the engine re-decides the same section (or service assignment) with
/// each other teacher of the school as teacher of record, without their other sections or co-teachers (so no core
/// setting or team teaching is credited to them), and keeps those it authorizes, clear TAMO first.
///
/// Reassigning corrects a misassignment from the day of the change (CTC counts it "Corrected MA", domain guide
/// §2.4); if that teacher in fact teaches the section, the SEID in CRSE 9.16 is a CALPADS error (§2.2). A school has
/// at most a few hundred teachers and a decision costs microseconds, so every candidate may be tried; the search
/// stops once `limit` teachers with a clear outcome are found.
extension SectionRemedies {
  mutating func otherTeachers(_ candidates: [TeacherProfile]) {
    let skipped: Set<String> = [section.seid, assignment.teacher?.seid ?? "", SEID.vacancyPlaceholder]
    var authorized: [(teacher: TeacherProfile, decision: AssignmentDecision)] = []
    var clear = 0
    for candidate in candidates where !skipped.contains(candidate.seid) {
      if clear >= limit { break }
      var changed = assignment
      changed.section.seid = candidate.seid
      changed.teacher = candidate
      changed.otherSections = []
      changed.coTeachers = []
      let decision = engine.decide(changed, asOf: date)
      guard decision.status == .authorized else { continue }
      authorized.append((candidate, decision))
      if decision.tamoOutcome == .clear { clear += 1 }
    }
    let best = authorized.enumerated().sorted {
      ($0.element.decision.tamoOutcome.strictness, $0.offset) < ($1.element.decision.tamoOutcome.strictness, $1.offset)
    }.prefix(limit)
    for (_, (teacher, decision)) in best {
      let basis = decision.findings[0].basis
      add(
        .otherAuthorizedTeacher(seid: teacher.seid, name: teacher.displayName, basis: basis), .clearsNow,
        "\(teacher.displayName) (SEID \(teacher.seid)) is authorized for \(courseLabel) through \(basis). If "
          + "\(teacher.displayName) in fact teaches the section, correct the SEID in CRSE 9.16 (CALPADS error); "
          + "otherwise reassigning the section corrects the misassignment from the day of the change.",
        citation: "\(decision.findings[0].citation); EC 44258.9; domain guide §2.2, §2.4", decision: decision)
    }
  }
}

extension ServiceRemedies {
  mutating func otherTeachers(_ candidates: [TeacherProfile]) {
    let skipped: Set<String> = [assignment.record.seid, assignment.teacher?.seid ?? "", SEID.vacancyPlaceholder]
    var count = 0
    for candidate in candidates where !skipped.contains(candidate.seid) {
      if count >= limit { break }
      var changed = assignment
      changed.record.seid = candidate.seid
      changed.teacher = candidate
      let decision = engine.decide(changed, asOf: date)
      guard decision.status == .authorized else { continue }
      count += 1
      let basis = decision.findings[0].basis
      add(
        .otherAuthorizedTeacher(seid: candidate.seid, name: candidate.displayName, basis: basis), .clearsNow,
        "\(candidate.displayName) (SEID \(candidate.seid)) holds \(basis), which covers \(label). If "
          + "\(candidate.displayName) in fact serves in this assignment, correct the SASS record (CALPADS error); "
          + "otherwise reassigning it corrects the misassignment from the day of the change.",
        citation: "\(decision.findings[0].citation); domain guide §2.2, §2.4", decision: decision)
    }
  }
}
