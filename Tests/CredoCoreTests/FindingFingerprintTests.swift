import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Testing

/// A monitoring run compares each finding with the row on file by a fingerprint computed from what the finding's text
/// is written from, without writing the text (`StoredOutcome.fingerprint`, `FindingProse.digest`), and writes the
/// text only of new and changed rows. These tests decide the small demo data set (every rule family the demo raises)
/// and check that the fingerprint tracks the text: the same fingerprint means the same text, and a change to a
/// document changes the fingerprint of exactly the findings whose text it changes. A fingerprint that missed an
/// input would leave a stale basis or explanation on file after the input changed.
@Suite("Finding fingerprints follow the text they are computed without writing (Monitor, interchange spec §4)")
struct FindingFingerprintTests {
  static let today = CalendarDate(year: 2026, month: 11, day: 23)!

  struct Decided {
    var fingerprint: StableDigest
    /// Every column the fingerprint stands for, the text written out.
    var text: String
  }

  /// Every finding of every assignment of `workload`, decided at the level a run decides (`outcome`), with each
  /// teacher's documents passed through `change`.
  static func decide(
    _ workload: EngineWorkload, change: (CredentialDocument) -> CredentialDocument = { $0 }
  ) -> [Decided] {
    var result: [Decided] = []
    func add(_ decision: AssignmentDecision, course: String, staff: String, lea: String) {
      for finding in decision.findings {
        let fingerprint = StoredOutcome.fingerprint(
          finding, status: finding.status.rawValue, rule: finding.rule, citation: finding.citation,
          tamoOutcome: decision.tamoOutcome.rawValue, fte: 0.25, stateCourseCode: course, localStaffId: staff,
          reportingLea: lea)
        let text = [
          finding.status.rawValue, finding.rule, finding.citation, decision.tamoOutcome.rawValue, course, staff, lea,
          finding.basis, finding.explanation,
        ].joined(separator: "\u{1F}")
        result.append(Decided(fingerprint: fingerprint, text: text))
      }
    }
    func changed(_ teacher: TeacherProfile?) -> TeacherProfile? {
      guard var teacher else { return nil }
      teacher.documents = teacher.documents.map(change)
      return teacher
    }
    for var section in workload.sections {
      section.teacher = changed(section.teacher)
      section.coTeachers = section.coTeachers.map { .init(section: $0.section, teacher: changed($0.teacher)) }
      add(
        workload.engine.decide(section, asOf: workload.asOf, text: .outcome), course: section.section.stateCourseCode,
        staff: section.section.localStaffId, lea: section.section.reportingLEA)
    }
    for var service in workload.services {
      service.teacher = changed(service.teacher)
      add(
        workload.engine.decide(service, asOf: workload.asOf, text: .outcome), course: "",
        staff: service.record.localStaffId, lea: service.record.reportingLEA)
    }
    return result
  }

  @Test("The same fingerprint means the same text; deciding again with another engine gives the same fingerprints")
  func sameFingerprintSameText() {
    let workload = EngineWorkload.demo(size: .small, today: Self.today)
    let decided = Self.decide(workload)
    #expect(decided.count > 100)
    var texts: [StableDigest: String] = [:]
    for finding in decided {
      if let text = texts[finding.fingerprint] {
        #expect(text == finding.text, "two texts share fingerprint \(finding.fingerprint.hex)")
      }
      texts[finding.fingerprint] = finding.text
    }
    // Different texts have different fingerprints (above); equal ones here mostly share one, so a re-run finds them
    // unchanged: no more fingerprints than there are texts ...
    #expect(texts.count == Set(decided.map(\.text)).count)
    // ... and a second engine (another process's, as far as the digest can tell) gives the same ones.
    let again = Self.decide(EngineWorkload.demo(size: .small, today: Self.today))
    #expect(again.map(\.fingerprint) == decided.map(\.fingerprint))
  }

  @Test(
    "A changed document number or title changes the fingerprint of exactly the findings whose text names it",
    arguments: ["number", "title"])
  func documentChangeChangesTheFindingsItNames(_ field: String) {
    let workload = EngineWorkload.demo(size: .small, today: Self.today)
    let before = Self.decide(workload)
    let after = Self.decide(workload) { document in
      var document = document
      if field == "number" { document.documentNumber += "7" } else { document.title += " (renamed)" }
      return document
    }
    // Numbers and titles decide nothing: the same findings, in the same order, some with another text.
    #expect(after.count == before.count)
    var textChanges = 0
    for (old, new) in zip(before, after) {
      #expect((old.text != new.text) == (old.fingerprint != new.fingerprint), "\(old.text) → \(new.text)")
      if old.text != new.text { textChanges += 1 }
    }
    #expect(textChanges > 0)
  }

  /// The fingerprint leaves out the sentences' fixed words and stands for them by `FindingFingerprint.scheme`: a
  /// changed sentence with the same scheme would leave every stored finding's old text on file, unnoticed. So the
  /// small demo's texts, all of them, are pinned here to the scheme they were written under.
  @Test("A change to the findings' wording fails until FindingFingerprint.scheme is raised (stored texts rewritten)")
  func wordingPinnedToScheme() {
    var hasher = StableHasher()
    for text in Set(Self.decide(EngineWorkload.demo(size: .small, today: Self.today)).map(\.text)).sorted() {
      hasher.combine(text)
    }
    let wording = hasher.finalize().hex
    let pinned: [Int: String] = [2: "557dd70891116c43530e7e7f274532b1"]
    #expect(
      pinned[FindingFingerprint.scheme] == wording,
      """
      The small demo's finding texts now digest to \(wording). If a sentence's fixed words changed, raise \
      FindingFingerprint.scheme and pin this value under the new scheme; if only the demo or the reference catalog \
      changed (their inputs are in the fingerprint), replace the value under scheme \(FindingFingerprint.scheme).
      """)
  }

  @Test("The digest is the same in every process (stored fingerprints are compared by later runs)")
  func stableDigest() {
    // Values computed once; `Hasher`, seeded per process, would differ from run to run.
    #expect(StableHasher.digest("").hex == "c5227ab014a898501420fcb7cf27ef02")
    #expect(StableHasher.digest("9249 Algebra I").hex == "120733c020f0788c3473765b7d60436e")
    var split = StableHasher()
    split.combine("ab")
    split.combine("c")
    var other = StableHasher()
    other.combine("a")
    other.combine("bc")
    #expect(split.finalize() != other.finalize())
    let digest = StableHasher.digest("x")
    #expect(StableDigest(hex: digest.hex) == digest)
    #expect(StableDigest(hex: "xyz") == nil)
  }
}
