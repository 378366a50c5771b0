/// Decides one teacher-section or one non-classroom assignment the way CalSAAS monitoring does (domain guide §2.2),
/// with the ESSA/TAMO outcome of the assignment (§3.2a, rules 82–84). Pure: the catalog, the policy and the inputs
/// are values; no I/O.
///
/// A section is decided in the order of §3.2a and the predetermined exceptions of §2.2:
/// 1. learner-led online (rule 51) and college-credit courses taught by college faculty (rule 53): not monitored;
/// 2. the generic SEID: a vacancy (rule 34), outside TAMO;
/// 3. the course: the teacher's valid documents through the CTC crosswalk (rules 1–2, 6, 8–12, 26, 43–44), the
///    core setting (rules 3–4), EC 44865 settings (rule 52), local assignment options (rules 5, 7, 13–21),
///    mentor/PAR courses (rule 54), college credit and the charter grace period (rules 53, 56);
/// 4. special education disability areas (rules 22–28) and English learner services (rules 29–33);
/// 5. team teaching (rule 50): with code 1 an authorized co-teacher clears the section.
///
/// Every finding carries its rule code, citation, explanation, basis and facts. Exceptions carry the TAMO effect of
/// a misassignment (ineffective) unless they are data gaps or pending applications (incomplete); an authorized
/// assignment takes the TAMO class of the weakest part that was needed (a SELAP for the students makes a clear
/// course out-of-field).
public struct AssignmentEngine: Sendable {
  public let catalog: ReferenceCatalog
  public let policy: MonitoringPolicy
  public let reference: MonitoringReference

  /// Everything `init` compiles, in one immutable object so that a decision holds it with a single reference.
  let index: EngineIndex
  var courses: [String: CourseProfile] { index.courses }

  public init(
    catalog: ReferenceCatalog, policy: MonitoringPolicy = .standard, reference: MonitoringReference = .standard
  ) {
    self.catalog = catalog
    self.policy = policy
    self.reference = reference
    index = EngineIndex(catalog: catalog, policy: policy, reference: reference)
  }

  /// The decision for one teacher-section on `date` (normally the census date). `text` says how much prose to write
  /// (`DecisionText`); the decision itself is the same at every level.
  public func decide(
    _ assignment: borrowing SectionAssignment, asOf date: CalendarDate, text: DecisionText = .full
  ) -> AssignmentDecision {
    decide(assignment, prepared: nil, asOf: date, text: text)
  }

  /// The same decision, with the teacher's documents already prepared for `date` (`prepare`): a monitoring run
  /// prepares each teacher once for all of their sections. `prepared` must come from `assignment.teacher` and `date`.
  public func decide(
    _ assignment: borrowing SectionAssignment, prepared: PreparedTeacher?, asOf date: CalendarDate,
    text: DecisionText = .full
  ) -> AssignmentDecision {
    withUnsafePointer(to: assignment) { decide(at: $0, prepared: prepared, asOf: date, text: text) }
  }

  /// The same decision for the assignment at `input`, read in place: copying a section record, its roster and the
  /// teacher's documents for every decision would cost more than the rules. A caller holding its assignments in a
  /// buffer (a monitoring run, `credo bench engine`) lends each one this way without moving it.
  public func decide(
    at input: UnsafePointer<SectionAssignment>, prepared: PreparedTeacher?, asOf date: CalendarDate,
    text: DecisionText = .full
  ) -> AssignmentDecision {
    let profile = index.course(input.pointee.section.stateCourseCode)
    // `predetermined` decides only learner-led online and vacant sections; asking first, field by field, spares
    // the other sections a copy of their CRSE record.
    if input.pointee.section.onlineInstructionTypeCode == "3" || input.pointee.section.seid == SEID.vacancyPlaceholder,
      let decision = predetermined(input.pointee.section, profile: profile, text: text)
    {
      return decision
    }
    // Whether a teacher is on file, without copying their profile out of the assignment.
    guard let documentCount = input.pointee.teacher?.documents.count else {
      return teacherNotOnFile(input.pointee.section, text: text)
    }
    let prepared = prepared ?? prepare(input.pointee.teacher!, asOf: date)
    assert(prepared.date == date && prepared.holdings.count == documentCount, "prepared for another teacher")
    // The students' grades, worked out at most once per decision (`SectionContext.studentGrades`).
    var grades: StudentGrades?? = nil
    let decision = withExtendedLifetime((index, profile, prepared)) {
      withUnsafeMutablePointer(to: &grades) { grades in
        SectionContext(
          engine: index, input: input, profile: profile, prepared: prepared, text: text, gradesCache: grades
        ).decide()
      }
    }
    if decision.status == .exception, input.pointee.section.multipleTeacherCode == "1",
      !input.pointee.coTeachers.isEmpty
    {
      return teamTeaching(input.pointee, own: decision, asOf: date, text: text)
    }
    return decision
  }

  func teacherNotOnFile(_ section: borrowing CourseSection, text: DecisionText) -> AssignmentDecision {
    single(
      finding(
        .exception, exceptionType: .course, rule: "teacher.not_on_file", citation: "EC 44258.9; domain guide §2.2",
        explanation:
          "No educator with SEID \(section.seid) is on file, so no document can be checked for this section.",
        facts: [DecisionFact("seid", section.seid), DecisionFact("course", section.stateCourseCode)], text: text),
      .incomplete)
  }

  /// A finding whose text (kept as what it is written from) and facts are made only at the `DecisionText` level that
  /// asks for them.
  func finding(
    _ status: AssignmentStatus, exceptionType: ExceptionType? = nil, rule: String, citation: String,
    prose: @autoclosure () -> FindingProse, facts: @autoclosure () -> [DecisionFact] = [], text: DecisionText
  ) -> AssignmentFinding {
    AssignmentFinding(
      status: status, exceptionType: exceptionType, rule: rule, citation: citation,
      prose: text >= .outcome ? prose() : .none, facts: text >= .full ? facts() : [])
  }

  /// A finding whose basis, explanation and facts are written only at the `DecisionText` level that asks for them.
  func finding(
    _ status: AssignmentStatus, exceptionType: ExceptionType? = nil, basis: @autoclosure () -> String = "",
    rule: String, citation: String, explanation: @autoclosure () -> String,
    facts: @autoclosure () -> [DecisionFact] = [], text: DecisionText
  ) -> AssignmentFinding {
    AssignmentFinding(
      status: status, exceptionType: exceptionType, basis: text >= .outcome ? basis() : "", rule: rule,
      citation: citation, explanation: text >= .outcome ? explanation() : "", facts: text >= .full ? facts() : [])
  }
}

/// The tables `AssignmentEngine.init` compiles: every code as an integer (`CodeTable`), course profiles by state
/// course code, EL and special education authorizations by code number, language names with upper-case keys, EL
/// service levels as bit masks.
final class EngineIndex: Sendable {
  /// The catalog, for the names of non-classroom codes in text written after the decision (`ServiceProse`).
  let catalog: ReferenceCatalog
  let policy: MonitoringPolicy
  let reference: MonitoringReference
  let codes: CodeTable
  let courses: [String: CourseProfile]
  let selfContained: CourseProfile?
  /// EL authorizations by code number, each with the subject it needs (`CodeTable.empty` = any).
  let englishLearnerByCode: [[EnglishLearnerEntry]]
  /// The ELD and primary-language levels of `englishLearnerByCode`, by code number, as one number each
  /// (`EnglishLearnerMask`): the component folds the entries of an authorization into one mask without copying them.
  let englishLearnerMasks: [UInt16]
  /// The entries that name a subject, by code number (`EnglishLearnerMask.hasSubjectEntries`).
  let englishLearnerSubjectMasks: [[(subject: Int32, mask: UInt8, careerTechnicalOnly: Bool)]]
  /// Special education authorizations by code number.
  let specialEducationByCode: [SpecialEducationAuthorization?]
  /// Upper-case 9.21 language code → upper-case language name.
  let languageNames: [String: String]
  /// CRSE 9.20 code → the service levels it needs, as a bit mask (`EnglishLearnerServiceLevel.bit`).
  let serviceLevelMasks: [String: UInt8]
  /// `courses` of the four-digit codes, indexed by the code's number (nearly every section's code): no hashing.
  let courseByNumber: [CourseProfile?]
  /// `serviceLevelMasks` of the one-character codes (the CALPADS 1-6), by the character's byte; -1 when absent.
  let serviceLevelByByte: [Int16]
  /// A bit for each disability code of `reference.disabilityNames` (when there are at most 64), and each special
  /// education authorization's covered codes as those bits (`disabilityCodes` restricted to named codes).
  let disabilityBits: [String: (name: String, bit: UInt64)]
  let specialEducationDisabilityMasks: [UInt64]
  /// The codes and names of `disabilityBits` by bit number, and the bit numbers by code (`disabilityBitNumber`).
  let disabilityCodeByBit: [String]
  let disabilityNameByBit: [String]
  private let disabilityBitByCode: ShortCodeTable
  /// Each special education authorization's grade limit (`SpecialEducationAuthorization.highestGrade`), by code
  /// number: read without copying the authorization.
  let specialEducationHighestGrade: [GradeLevel?]
  /// `reference.documentKinds` by code number, when every key is in upper case (then a short ASCII code's kind is
  /// its number's: `kind(of:code:)`); nil otherwise.
  let documentKindByCode: [DocumentKind?]?
  /// The non-classroom codes' rules by short code (`ServiceTable`).
  let services: ServiceTable

  struct EnglishLearnerEntry: Sendable {
    var subject: Int32
    var authorization: EnglishLearnerAuthorization
    var mask: UInt8
  }

  init(catalog: ReferenceCatalog, policy: MonitoringPolicy, reference: MonitoringReference) {
    self.catalog = catalog
    self.policy = policy
    self.reference = reference
    var table = CodeTable()
    for course in catalog.courses { table.add(course.code) }
    for rule in catalog.rules {
      table.add(rule.courseCode)
      table.add(rule.authorizationCode)
      if rule.hasSubject { table.add(rule.subjectCode) }
      for document in rule.documentCodes { table.add(document) }
    }
    for rule in reference.statutoryCourseRules {
      table.add(rule.authorizationCode)
      table.add(rule.subjectCode)
    }
    for code in reference.specialEducationAuthorizations.keys.sorted() { table.add(code) }
    let englishLearnerKeys = reference.englishLearnerAuthorizations.sorted { $0.key < $1.key }.map { key, value in
      (key.uppercased().split(separator: ":", maxSplits: 1).map(String.init), value)
    }
    for (parts, _) in englishLearnerKeys { for part in parts { table.add(part) } }
    for code in reference.documentKinds.keys.sorted() { table.add(code) }
    codes = table

    var codeSet = Set(catalog.courses.map(\.code))
    for rule in catalog.rules { codeSet.insert(rule.courseCode) }
    var courses: [String: CourseProfile] = [:]
    for code in codeSet {
      courses[code] = CourseProfile(
        code: code, course: catalog.course(code), gradeRange: catalog.gradeRange(forCourse: code),
        rules: catalog.authorizations(forCourse: code), reference: reference, policy: policy, codes: table)
    }
    self.courses = courses
    selfContained = courses[reference.selfContainedCourse]
    var englishLearnerByCode = [[EnglishLearnerEntry]](repeating: [], count: table.count)
    for (parts, authorization) in englishLearnerKeys {
      let id = table.id(parts[0])
      guard id >= 0 else { continue }
      englishLearnerByCode[Int(id)].append(
        EnglishLearnerEntry(
          subject: parts.count > 1 ? table.id(parts[1]) : CodeTable.empty, authorization: authorization,
          mask: EnglishLearnerServiceLevel.mask(authorization.levels)))
    }
    self.englishLearnerByCode = englishLearnerByCode
    var englishLearnerMasks = [UInt16](repeating: 0, count: table.count)
    var englishLearnerSubjectMasks = [[(subject: Int32, mask: UInt8, careerTechnicalOnly: Bool)]](
      repeating: [], count: table.count)
    for (code, entries) in englishLearnerByCode.enumerated() {
      for entry in entries {
        if entry.subject == CodeTable.empty {
          englishLearnerMasks[code] |=
            UInt16(entry.mask)
            << (entry.authorization.careerTechnicalOnly ? EnglishLearnerMask.careerTechnicalShift : 0)
        } else {
          englishLearnerMasks[code] |= EnglishLearnerMask.hasSubjectEntries
          englishLearnerSubjectMasks[code].append((entry.subject, entry.mask, entry.authorization.careerTechnicalOnly))
        }
      }
    }
    self.englishLearnerMasks = englishLearnerMasks
    self.englishLearnerSubjectMasks = englishLearnerSubjectMasks
    var specialEducationByCode = [SpecialEducationAuthorization?](repeating: nil, count: table.count)
    for (code, authorization) in reference.specialEducationAuthorizations {
      let id = table.id(code)
      if id >= 0 { specialEducationByCode[Int(id)] = authorization }
    }
    self.specialEducationByCode = specialEducationByCode
    languageNames = Dictionary(
      uniqueKeysWithValues: reference.languageNames.map { ($0.key.uppercased(), $0.value.uppercased()) })
    serviceLevelMasks = reference.englishLearnerServiceLevels.mapValues(EnglishLearnerServiceLevel.mask)
    var courseByNumber = [CourseProfile?](repeating: nil, count: 10_000)
    for (code, profile) in courses {
      if let number = fourDigitNumber(code) { courseByNumber[number] = profile }
    }
    self.courseByNumber = courseByNumber
    var serviceLevelByByte = [Int16](repeating: -1, count: 128)
    for (code, mask) in serviceLevelMasks where code.utf8.count == 1 && code.utf8.first! < 128 {
      serviceLevelByByte[Int(code.utf8.first!)] = Int16(mask)
    }
    self.serviceLevelByByte = serviceLevelByByte
    var disabilityBits: [String: (name: String, bit: UInt64)] = [:]
    var specialEducationDisabilityMasks = [UInt64](repeating: 0, count: table.count)
    if reference.disabilityNames.count <= 64 {
      for (bit, code) in reference.disabilityNames.keys.sorted().enumerated() {
        disabilityBits[code] = (reference.disabilityNames[code]!, 1 << bit)
      }
      for (i, authorization) in specialEducationByCode.enumerated() {
        guard let authorization else { continue }
        for code in authorization.disabilityCodes {
          specialEducationDisabilityMasks[i] |= disabilityBits[code]?.bit ?? 0
        }
      }
    }
    self.disabilityBits = disabilityBits
    var codeByBit: [String] = []
    var nameByBit: [String] = []
    var bitByCode = ShortCodeTable()
    for (code, entry) in disabilityBits.sorted(by: { $0.value.bit < $1.value.bit }) {
      if let key = ShortCode.exactKey(code) { bitByCode.insert(key, Int32(codeByBit.count)) }
      codeByBit.append(code)
      nameByBit.append(entry.name)
    }
    disabilityCodeByBit = codeByBit
    disabilityNameByBit = nameByBit
    disabilityBitByCode = bitByCode
    specialEducationHighestGrade = specialEducationByCode.map { $0?.highestGrade }
    self.specialEducationDisabilityMasks = specialEducationDisabilityMasks
    if reference.documentKinds.keys.allSatisfy({ $0 == $0.uppercased() }) {
      var kinds = [DocumentKind?](repeating: nil, count: table.count)
      for (code, kind) in reference.documentKinds {
        let id = table.id(code)
        if id >= 0 { kinds[Int(id)] = kind }
      }
      documentKindByCode = kinds
    } else {
      documentKindByCode = nil
    }
    services = ServiceTable(reference: reference)
  }

  /// `reference.kind(of: document)`, for the document's code number `code` (`codes.id(document.documentCode)`):
  /// by number for a short ASCII code (`ShortCode`: its number is that of its upper case, which is then the
  /// `documentKinds` key `kind(of:)` finds, if any), else by `kind(of:)`.
  @inline(__always)
  func kind(of document: borrowing CredentialDocument, code: Int32) -> DocumentKind {
    if let documentKindByCode, ShortCode.key(document.documentCode) != nil {
      return (code >= 0 ? documentKindByCode[Int(code)] : nil) ?? MonitoringReference.kind(ofTerm: document.term)
    }
    return reference.kind(of: document)
  }

  /// The course profile of a state course code, as `lookup(courses, code)` finds it.
  @inline(__always)
  func course(_ code: String) -> CourseProfile? {
    if let number = fourDigitNumber(code) { return courseByNumber[number] }
    return lookup(courses, code)
  }

  /// `serviceLevelMasks[code]`.
  @inline(__always)
  func serviceLevelMask(_ code: String) -> UInt8? {
    var utf8 = code.utf8.makeIterator()
    if let byte = utf8.next(), byte < 128, utf8.next() == nil {
      let mask = serviceLevelByByte[Int(byte)]
      return mask < 0 ? nil : UInt8(mask)
    }
    return serviceLevelMasks[code]
  }

  /// The number of `code`'s bit in `disabilityBits` (exactly as written), nil when it has none.
  @inline(__always)
  func disabilityBitNumber(_ code: String) -> Int? {
    if let key = ShortCode.exactKey(code) { return disabilityBitByCode[key].map(Int.init) }
    return disabilityBits[code].map { $0.bit.trailingZeroBitCount }
  }

  /// The EL authorization entries of a coded authorization (none for codes outside the EL table).
  @inline(__always)
  func englishLearnerEntries(_ code: Int32) -> [EnglishLearnerEntry] {
    code >= 0 ? englishLearnerByCode[Int(code)] : []
  }

  /// The levels an authorization (code and subject numbers) covers through the EL table, its entries' masks
  /// together: those naming no subject, those for its subject, and those for career technical courses only when
  /// `careerTechnical`.
  @inline(__always)
  func englishLearnerLevels(_ authorization: CodedAuthorization, careerTechnical: Bool) -> UInt8 {
    guard authorization.code >= 0 else { return 0 }
    let packed = englishLearnerMasks[Int(authorization.code)]
    if packed == 0 { return 0 }
    var mask = UInt8(truncatingIfNeeded: packed) & 0xF
    if careerTechnical { mask |= UInt8(truncatingIfNeeded: packed >> EnglishLearnerMask.careerTechnicalShift) & 0xF }
    if packed & EnglishLearnerMask.hasSubjectEntries != 0 {
      for entry in englishLearnerSubjectMasks[Int(authorization.code)]
      where entry.subject == authorization.subject && (careerTechnical || !entry.careerTechnicalOnly) {
        mask |= entry.mask
      }
    }
    return mask
  }

  @inline(__always)
  func specialEducation(_ code: Int32) -> SpecialEducationAuthorization? {
    code >= 0 ? specialEducationByCode[Int(code)] : nil
  }
}

/// The layout of `EngineIndex.englishLearnerMasks`: bits 0-3 the levels of entries naming no subject, bits 4-7 those
/// of such entries for career technical courses only (S17C, rule 32), bit 8 set when some entries name a subject.
enum EnglishLearnerMask {
  static let careerTechnicalShift: UInt16 = 4
  static let hasSubjectEntries: UInt16 = 0x100
}

extension EnglishLearnerServiceLevel {
  var bit: UInt8 {
    switch self {
    case .integrated: 1
    case .designated: 2
    case .departmentalized: 4
    case .primaryLanguage: 8
    }
  }

  static func mask(_ levels: Set<EnglishLearnerServiceLevel>) -> UInt8 { levels.reduce(0) { $0 | $1.bit } }

  static func levels(in mask: UInt8) -> [EnglishLearnerServiceLevel] { allCases.filter { mask & $0.bit != 0 } }
}

// MARK: - TAMO ranks

extension TAMOOutcome {
  /// Order from best to worst for combining parts of one assignment: clear, intern, out-of-field, unknown,
  /// incomplete, ineffective (not applicable ranks first: it needs nothing).
  var strictness: Int {
    switch self {
    case .notApplicable: 0
    case .clear: 1
    case .intern: 2
    case .outOfField: 3
    case .unknown: 4
    case .incomplete: 5
    case .ineffective: 6
    }
  }
}

// MARK: - One decision's working state

/// One teacher document during a decision: its kind and its validity on the date (no text until a finding names it).
struct Holding: Sendable {
  var index: Int
  var kind: DocumentKind
  var outcome: DocumentValidity.Outcome
  /// The document code as a code number.
  var documentCode: Int32
  /// Where the document's coded authorizations are in `PreparedTeacher.codes`.
  var authorizations: Range<Int>
  var isValid: Bool { outcome == .valid }
}

/// One way a part of the assignment (the course, a disability area, an EL service) is covered; its basis text is
/// written only if the decision returns it.
struct Coverage {
  enum Source {
    /// A crosswalk row (`rule` into the course profile) matched by a document authorization (`authorization`, or -1
    /// for a row matched by document code or family).
    case crosswalk(holding: Int, authorization: Int, rule: Int)
    case statutory(holding: Int, authorization: Int, index: Int)
    /// An authorization that names the course itself (a waiver).
    case namedCourse(holding: Int, authorization: Int)
    case specialEducation(holding: Int, authorization: Int)
    case englishLearner(holding: Int, authorization: Int)
    case coreSetting(holding: Int, extraPeriods: Int, total: Int)
    case localOption(approval: Int?, option: LocalAssignmentOption, holding: Int)
    case ec44865(holding: Int, setting: EC44865Setting)
    case staffDeveloper(holding: Int)
    case collegeCredit
    case charterGrace
  }

  var source: Source
  var tamo: TAMOOutcome
  /// The rule code and citation as what they are chosen from (`CoverageLabel`), not as two strings: coverages are
  /// made, copied and compared in every rule family, and with the strings each copy retained and released both.
  /// Without them a coverage is plain bytes.
  var label: CoverageLabel
  var full: Bool = true

  var rule: String { label.rule }

  /// The citation; a statutory rule's is the course profile's (`CourseProfile.statutoryRules`).
  func citation(profile: CourseProfile?) -> String {
    if case .statutory(_, _, let index) = source { return profile!.statutoryRules[index].citation }
    return label.citation
  }

  /// Whether this coverage is preferable to `other`: a better TAMO class, then full over limited coverage.
  func isBetter(than other: Coverage?) -> Bool {
    guard let other else { return true }
    if tamo.strictness != other.tamo.strictness { return tamo.strictness < other.tamo.strictness }
    return full && !other.full
  }
}

/// An exception in the making. Its explanation and facts are written only at the `DecisionText` that asks for
/// them (`SectionContext.gap`).
struct Gap {
  var type: ExceptionType
  var rule: String
  var citation: String
  var prose: FindingProse
  var detail: String = ""
  var tamo: TAMOOutcome = .ineffective
  var facts: [DecisionFact] = []

  var finding: AssignmentFinding {
    AssignmentFinding(
      status: .exception, exceptionType: type, detail: detail, rule: rule, citation: citation, prose: prose,
      facts: facts)
  }
}

/// The grades of the students in a section, and where that was learned (roster, CRSE 9.29, school span, course).
struct StudentGrades {
  var low: GradeLevel
  var high: GradeLevel
  var source: String

  var text: String { low == high ? "grade \(low.code)" : "grades \(low.code)-\(high.code)" }
}

/// The number written by a code of exactly four ASCII digits ("9249" → 9249); nil for any other code.
@inline(__always)
func fourDigitNumber(_ code: String) -> Int? {
  var number = 0
  var digits = 0
  for byte in code.utf8 {
    let digit = byte &- 48
    guard digit < 10, digits < 4 else { return nil }
    number = number * 10 + Int(digit)
    digits += 1
  }
  return digits == 4 ? number : nil
}

/// The working state of one section decision. Rule families extend it, one file each. A non-copyable struct on the
/// caller's stack, not an object: a decision is too short for an allocation and the retains and releases of a class,
/// and a copyable struct would be copied (every reference retained) into each closure and local function of the
/// rules that uses it. Its references to the engine's tables, the course profile and the prepared teacher are
/// unowned: `AssignmentEngine.decide` keeps all three alive for the context's lifetime.
struct SectionContext: ~Copyable {
  unowned(unsafe) let engine: EngineIndex
  /// The assignment being decided, valid for the context's lifetime (`AssignmentEngine.decide`).
  let input: UnsafePointer<SectionAssignment>
  unowned(unsafe) let profile: CourseProfile?
  let date: CalendarDate
  /// The teacher's documents (`input.pointee.teacher!.documents`), held once rather than copied out per access.
  let documents: [CredentialDocument]
  unowned(unsafe) let prepared: PreparedTeacher
  let holdings: [Holding]
  let isSpecialEducation: Bool
  /// The students' grades once `studentGrades` has worked them out (`.some(nil)` when unknown), kept where
  /// `AssignmentEngine.decide` holds them so that the rules, which take the context by value, share one answer.
  let gradesCache: UnsafeMutablePointer<StudentGrades??>
  /// The section's 9.28 subcategory suffix (`LANG-01` → `01`), empty when none.
  let subcategorySuffix: Substring
  /// Write basis and explanations (`DecisionText.outcome` and above).
  let wantsText: Bool
  /// Write facts (`DecisionText.full`).
  let wantsFacts: Bool
  /// The roster, read once: whether there is one, its student and English learner counts, and its lowest and
  /// highest grades (nil when it has none).
  let hasRoster: Bool
  let rosterStudents: Int
  let rosterEnglishLearners: Int
  let rosterGrades: (low: GradeLevel, high: GradeLevel)?

  init(
    engine: EngineIndex, input: UnsafePointer<SectionAssignment>, profile: CourseProfile?, prepared: PreparedTeacher,
    text: DecisionText, gradesCache: UnsafeMutablePointer<StudentGrades??>
  ) {
    self.engine = engine
    self.gradesCache = gradesCache
    self.input = input
    self.profile = profile
    self.prepared = prepared
    date = prepared.date
    documents = prepared.documents
    holdings = prepared.holdings
    wantsText = text >= .outcome
    wantsFacts = text >= .full
    // The roster's fields are read through the pointer, one at a time: binding the roster would copy it (and
    // retain its dictionaries) for every decision.
    let strategy700 = input.pointee.section.instructionalStrategyCode == "700"
    if let students = input.pointee.roster?.studentCount {
      hasRoster = true
      rosterStudents = students
      rosterEnglishLearners = input.pointee.roster?.englishLearners ?? 0
      if let low = input.pointee.roster?.grades.keys.min(), let high = input.pointee.roster?.grades.keys.max() {
        rosterGrades = (low, high)
      } else {
        rosterGrades = nil
      }
      isSpecialEducation =
        strategy700
        || (students > 0 && (input.pointee.roster?.disabilities.values.reduce(0, +) ?? 0) == students)
    } else {
      hasRoster = false
      rosterStudents = 0
      rosterEnglishLearners = 0
      rosterGrades = nil
      isSpecialEducation = strategy700
    }
    let code = input.pointee.section.subcategoryCode
    subcategorySuffix = code.firstIndex(of: "-").map { code[code.index(after: $0)...] } ?? ""
  }

  var assignment: SectionAssignment { input.pointee }
  var section: CourseSection { input.pointee.section }
  var school: SchoolSetting { input.pointee.school }
  var teacher: TeacherProfile { input.pointee.teacher! }
  /// The teacher's recorded local assignment approvals and SEID, read in place (`teacher` copies the profile).
  var approvals: [LocalAssignmentApproval] { input.pointee.teacher!.approvals }
  var teacherSEID: String { input.pointee.teacher!.seid }
  var policy: MonitoringPolicy { engine.policy }
  var reference: MonitoringReference { engine.reference }

  func document(_ holding: Int) -> CredentialDocument { documents[holdings[holding].index] }
  func authorizations(_ holding: Int) -> [DocumentAuthorization] { documents[holdings[holding].index].authorizations }
  /// The holding's authorizations as code numbers, in the same order.
  /// The holding's authorizations as code numbers, in the same order (`enumerated()` gives the authorization's
  /// index in the document).
  func coded(_ holding: Int) -> ArraySlice<CodedAuthorization> { prepared.codes[holdings[holding].authorizations] }

  /// Whether a document restricted to one employer (PIP, STSP, interns, …) may serve at this school's district.
  func employerAllows(_ holding: Int) -> Bool {
    guard let restriction = documents[holdings[holding].index].employerRestriction else { return true }
    // The school's 7-digit county-district code (`SchoolSetting.districtCode`), compared without making a string.
    return input.pointee.school.cdsCode.utf8.prefix(7).elementsEqual(restriction.digits.utf8)
  }

  /// The students' grades: the roster, else CRSE 9.29, else the school's grade span, else the course's band.
  func studentGrades() -> StudentGrades? {
    if let cached = gradesCache.pointee { return cached }
    var result: StudentGrades? = nil
    if let (low, high) = rosterGrades {
      result = StudentGrades(low: low, high: high, source: "section roster")
    } else {
      switch section.gradeLevelRangeCode.uppercased() {
      case "ELM": result = StudentGrades(low: .kindergarten, high: .g4, source: "CRSE 9.29 ELM")
      case "MID": result = StudentGrades(low: .g5, high: .g8, source: "CRSE 9.29 MID")
      case "SEC": result = StudentGrades(low: .g9, high: .g12, source: "CRSE 9.29 SEC")
      default: break
      }
      if result == nil, let span = school.gradeSpan {
        result = StudentGrades(low: span.low, high: span.high, source: "school grade span")
      }
      if result == nil, let course = profile?.course {
        result = StudentGrades(low: course.gradeLow, high: course.gradeHigh, source: "course grade band")
      }
    }
    gradesCache.pointee = .some(result)
    return result
  }

  /// An exception whose explanation and facts are written only when the decision's `DecisionText` asks for them.
  func gap(
    type: ExceptionType, rule: String, citation: String, explanation: @autoclosure () -> String, detail: String = "",
    tamo: TAMOOutcome = .ineffective, facts: @autoclosure () -> [DecisionFact] = []
  ) -> Gap {
    Gap(
      type: type, rule: rule, citation: citation,
      prose: wantsText ? .written(basis: "", explanation: explanation()) : .none, detail: detail, tamo: tamo,
      facts: wantsFacts ? facts() : [])
  }

  /// The same, with the explanation kept as what it is written from (`FindingProse`).
  func gap(
    type: ExceptionType, rule: String, citation: String, prose: @autoclosure () -> FindingProse, detail: String = "",
    tamo: TAMOOutcome = .ineffective, facts: @autoclosure () -> [DecisionFact] = []
  ) -> Gap {
    Gap(
      type: type, rule: rule, citation: citation, prose: wantsText ? prose() : .none, detail: detail, tamo: tamo,
      facts: wantsFacts ? facts() : [])
  }

  // MARK: Deciding

  func decide() -> AssignmentDecision {
    var gaps: [Gap] = []
    let course = courseComponent(gaps: &gaps)
    let specialEducation = isSpecialEducation ? specialEducationComponent(gaps: &gaps) : nil
    let englishLearner = englishLearnerComponent(gaps: &gaps)
    if !gaps.isEmpty {
      if gaps.count == 1 { return AssignmentDecision(finding: gaps[0].finding, tamoOutcome: gaps[0].tamo) }
      let tamo = gaps.map(\.tamo).max { $0.strictness < $1.strictness } ?? .ineffective
      return AssignmentDecision(findings: gaps.map(\.finding), tamoOutcome: tamo)
    }
    guard let course else {
      // Unreachable: a missing course coverage always leaves a gap.
      return AssignmentDecision(finding: courseGap().finding, tamoOutcome: .ineffective)
    }
    // The weakest part needed sets the TAMO outcome (the first of equals: course, then students' services).
    var weakest = course
    if let part = specialEducation, part.tamo.strictness > weakest.tamo.strictness { weakest = part }
    if let part = englishLearner, part.tamo.strictness > weakest.tamo.strictness { weakest = part }
    let others = wantsFacts ? [specialEducation, englishLearner].compactMap { $0 } : []
    return AssignmentDecision(
      finding: authorizedFinding(course, weakest: weakest, others: others), tamoOutcome: weakest.tamo)
  }
}
