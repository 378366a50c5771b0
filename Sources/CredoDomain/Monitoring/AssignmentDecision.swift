import Foundation

/// What monitoring decided about one assignment, in the vocabulary of the outcomes file (interchange spec §4) and
/// CalSAAS (domain guide §2.2): authorized (and by what), exception (which kind and why), vacancy, or not
/// monitored; and the ESSA/TAMO outcome (§3.2). Every finding carries its rule code, the facts used and the legal
/// citation, so an analyst can check it and a district can answer it.

/// `status` column of the outcomes file.
public enum AssignmentStatus: String, Sendable, Codable, CaseIterable, Comparable {
  case authorized
  case exception
  case vacancy
  case notMonitored = "not_monitored"

  public var label: String {
    switch self {
    case .authorized: "Authorized"
    case .exception: "Exception"
    case .vacancy: "Vacancy"
    case .notMonitored: "Not monitored"
    }
  }

  public static func < (a: AssignmentStatus, b: AssignmentStatus) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// `exception_type` column: the CalSAAS exception families (domain guide §2.2).
public enum ExceptionType: String, Sendable, Codable, CaseIterable, Comparable {
  case course
  case specialEducation = "special_education"
  case englishLearner = "english_learner"
  case bilingual
  case substitute
  case nonClassroom = "non_classroom"

  public var label: String {
    switch self {
    case .course: "Course (CALPADS code)"
    case .specialEducation: "Special education"
    case .englishLearner: "English learner"
    case .bilingual: "Bilingual"
    case .substitute: "Substitute as teacher of record"
    case .nonClassroom: "Non-classroom service"
    }
  }

  public static func < (a: ExceptionType, b: ExceptionType) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// `tamo_outcome` column: the ESSA teaching assignment monitoring outcome (domain guide §3.2, 3.2a).
public enum TAMOOutcome: String, Sendable, Codable, CaseIterable, Comparable {
  case clear
  case outOfField = "out_of_field"
  case intern
  case ineffective
  case incomplete
  case unknown
  case notApplicable = "not_applicable"

  public var label: String {
    switch self {
    case .clear: "Clear"
    case .outOfField: "Out-of-Field"
    case .intern: "Intern"
    case .ineffective: "Ineffective"
    case .incomplete: "Incomplete"
    case .unknown: "Unknown"
    case .notApplicable: "N/A"
    }
  }

  public static func < (a: TAMOOutcome, b: TAMOOutcome) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// How much prose a decision writes. Deciding is the same at every level (status, rules, exception types, details,
/// citations and TAMO outcome do not change); the prose is what costs: a monitoring run stores basis and explanation
/// for every finding but never the facts, and counting needs neither. Text asked for later is produced by deciding
/// again at a higher level, which gives the same decision (the engine is pure).
public enum DecisionText: Int, Sendable, Comparable, CaseIterable {
  /// Status, exception type, detail, rule, citation and TAMO outcome; `basis` and `explanation` are empty and there
  /// are no facts.
  case codes
  /// Also `basis` and `explanation`: the columns of the outcomes file and of `assignment_outcomes`.
  case outcome
  /// Also the facts each finding used (pages that show one decision, tests).
  case full

  public static func < (a: DecisionText, b: DecisionText) -> Bool { a.rawValue < b.rawValue }
}

/// One fact a decision used, shown with it ("course 9325 grade band 9-12", "document 123 valid through …").
public struct DecisionFact: Sendable, Hashable, Codable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// One row of the outcomes file: an authorization, or one exception (a section can raise several).
///
/// `basis` and `explanation` are written on first use: a decision keeps the text of its frequent findings as what it
/// is written from (`FindingProse`: the document, crosswalk row, course or codes it names), so deciding does not pay
/// for prose that nobody reads (a re-run writes few findings). Equality, hashing and coding use the written text, so
/// a finding behaves as if it held the strings.
public struct AssignmentFinding: Sendable, Hashable, Codable {
  public var status: AssignmentStatus
  public var exceptionType: ExceptionType?
  /// The disability code, EL service code or language the exception is about; else empty.
  public var detail: String
  /// A stable machine code naming the rule that decided (e.g. `course.authorized`, `sped.area_not_covered`).
  public var rule: String
  /// The statute, regulation or source and the domain guide rule number(s).
  public var citation: String
  public var facts: [DecisionFact]
  /// Basis and explanation, written or as what they are written from.
  var prose: FindingProse

  /// What authorizes the assignment (document number + authorization + subject, a statute, a permit, a recorded
  /// local assignment option); empty for exceptions.
  public var basis: String {
    get { prose.basis }
    set { prose = .written(basis: newValue, explanation: prose.explanation) }
  }

  public var explanation: String {
    get { prose.explanation }
    set { prose = .written(basis: prose.basis, explanation: newValue) }
  }

  public init(
    status: AssignmentStatus, exceptionType: ExceptionType? = nil, detail: String = "", basis: String = "",
    rule: String, citation: String, explanation: String, facts: [DecisionFact] = []
  ) {
    self.init(
      status: status, exceptionType: exceptionType, detail: detail, rule: rule, citation: citation,
      prose: .written(basis: basis, explanation: explanation), facts: facts)
  }

  init(
    status: AssignmentStatus, exceptionType: ExceptionType? = nil, detail: String = "", rule: String,
    citation: String, prose: FindingProse, facts: [DecisionFact] = []
  ) {
    self.status = status
    self.exceptionType = exceptionType
    self.detail = detail
    self.rule = rule
    self.citation = citation
    self.prose = prose
    self.facts = facts
  }

  public static func == (a: AssignmentFinding, b: AssignmentFinding) -> Bool {
    a.status == b.status && a.exceptionType == b.exceptionType && a.detail == b.detail && a.rule == b.rule
      && a.citation == b.citation && a.facts == b.facts && a.basis == b.basis && a.explanation == b.explanation
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(status)
    hasher.combine(exceptionType)
    hasher.combine(detail)
    hasher.combine(basis)
    hasher.combine(rule)
    hasher.combine(citation)
    hasher.combine(explanation)
    hasher.combine(facts)
  }

  // The keys and order the synthesized conformance used when both texts were stored properties.
  enum CodingKeys: String, CodingKey {
    case status, exceptionType, detail, basis, rule, citation, explanation, facts
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      status: try container.decode(AssignmentStatus.self, forKey: .status),
      exceptionType: try container.decodeIfPresent(ExceptionType.self, forKey: .exceptionType),
      detail: try container.decode(String.self, forKey: .detail),
      basis: try container.decode(String.self, forKey: .basis),
      rule: try container.decode(String.self, forKey: .rule),
      citation: try container.decode(String.self, forKey: .citation),
      explanation: try container.decode(String.self, forKey: .explanation),
      facts: try container.decode([DecisionFact].self, forKey: .facts))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(status, forKey: .status)
    try container.encodeIfPresent(exceptionType, forKey: .exceptionType)
    try container.encode(detail, forKey: .detail)
    try container.encode(basis, forKey: .basis)
    try container.encode(rule, forKey: .rule)
    try container.encode(citation, forKey: .citation)
    try container.encode(explanation, forKey: .explanation)
    try container.encode(facts, forKey: .facts)
  }
}

/// The decision for one teacher-section or one non-classroom assignment.
public struct AssignmentDecision: Sendable, Hashable, Codable {
  /// `exception` when any finding is one; else the single finding's status.
  public var status: AssignmentStatus
  public var tamoOutcome: TAMOOutcome
  /// The findings as the first and the others: nearly every decision has one finding, and an array for it was
  /// allocated and freed per decision (5 % of deciding). Not an optional first finding: asking an optional of a
  /// struct this large whether it is nil, or binding it, copied it (every string retained) in the profile.
  private var head: AssignmentFinding
  private var tail: [AssignmentFinding]
  /// Set only when `findings` is set to an empty array (`head` is then the previous first finding, unused).
  private var isEmpty = false

  /// One finding when authorized, vacant or not monitored; one per exception otherwise.
  public var findings: [AssignmentFinding] {
    get {
      if isEmpty { return [] }
      return tail.isEmpty ? [head] : [head] + tail
    }
    set {
      isEmpty = newValue.isEmpty
      if let first = newValue.first { head = first }
      tail = newValue.count > 1 ? Array(newValue.dropFirst()) : []
    }
  }

  /// `findings.count`, without making the array.
  public var findingCount: Int { isEmpty ? 0 : 1 + tail.count }

  /// Calls `body` with each finding in order, without making the `findings` array.
  public func forEachFinding(_ body: (AssignmentFinding) throws -> Void) rethrows {
    if isEmpty { return }
    try body(head)
    for finding in tail { try body(finding) }
  }

  public init(findings: [AssignmentFinding], tamoOutcome: TAMOOutcome) {
    precondition(!findings.isEmpty, "a decision has at least one finding")
    self.head = findings[0]
    self.tail = findings.count > 1 ? Array(findings.dropFirst()) : []
    self.tamoOutcome = tamoOutcome
    self.status = findings.contains { $0.status == .exception } ? .exception : findings[0].status
  }

  /// A decision with one finding (as `init(findings: [finding], …)`, without an array).
  init(finding: AssignmentFinding, tamoOutcome: TAMOOutcome) {
    self.status = finding.status
    self.head = finding
    self.tail = []
    self.tamoOutcome = tamoOutcome
  }

  public var exceptions: [AssignmentFinding] { findings.filter { $0.status == .exception } }

  // Equality, hashing and coding as the synthesized conformances did when `findings` was a stored array: the same
  // comparisons, the array's hashing (count, then each element), the same keys in the same order.
  public static func == (a: AssignmentDecision, b: AssignmentDecision) -> Bool {
    a.status == b.status && a.isEmpty == b.isEmpty && (a.isEmpty || a.head == b.head) && a.tail == b.tail
      && a.tamoOutcome == b.tamoOutcome
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(status)
    hasher.combine(findingCount)
    forEachFinding { hasher.combine($0) }
    hasher.combine(tamoOutcome)
  }

  enum CodingKeys: String, CodingKey {
    case status, findings, tamoOutcome
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let status = try container.decode(AssignmentStatus.self, forKey: .status)
    let findings = try container.decode([AssignmentFinding].self, forKey: .findings)
    let tamoOutcome = try container.decode(TAMOOutcome.self, forKey: .tamoOutcome)
    // As the synthesized decoding did: the fields as coded, even an empty list of findings.
    self.init(
      finding: findings.first ?? AssignmentFinding(status: status, rule: "", citation: "", explanation: ""),
      tamoOutcome: tamoOutcome)
    self.findings = findings
    self.status = status
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(status, forKey: .status)
    try container.encode(findings, forKey: .findings)
    try container.encode(tamoOutcome, forKey: .tamoOutcome)
  }
}
