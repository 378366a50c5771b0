/// A finding's basis and explanation, either written or kept as what they are written from: the holding and
/// crosswalk row that authorize a section, the document that covers a service, the codes an exception names.
/// Writing prose costs more than deciding (a third of a decision), and a monitoring run reads it only for the
/// findings it stores; so the frequent findings keep a few numbers and references to values the decision already
/// had (the prepared teacher, the course profile, the engine's tables), and `basis`/`explanation` write the text on
/// first use with the same functions the engine uses to write it at once.
///
/// Every case's text is a pure function of its payload, so a finding's text is the same whenever it is read.
enum FindingProse: Sendable {
  case written(basis: String, explanation: String)
  /// An authorized teacher-section.
  case coverage(CoverageProse)
  /// An authorized non-classroom assignment.
  case service(ServiceProse)
  /// `service.not_authorized`: no valid document covers the service code.
  case serviceNotAuthorized(EngineIndex, code: String)
  /// `charter.services_not_monitored`.
  case serviceAtCharter(EngineIndex, code: String)
  /// `course.not_authorized`, for the course labelled `course`.
  case courseNotAuthorized(course: String)
  /// `course.no_valid_document`.
  case noValidDocument(date: CalendarDate, course: String)
  /// `sped.area_not_covered`: disability `code`, named `name`.
  case specialEducationArea(code: String, name: String)
  /// `el.not_authorized`: the 9.20 code, the ELD levels held and needed (`EnglishLearnerServiceLevel.bit` masks),
  /// and whether the course is career technical.
  case englishLearnerLevels(service: String, held: UInt8, needed: UInt8, careerTechnical: Bool)
  /// `document.*` (rules 45-49): a document that would cover the assignment is not valid on the date.
  case invalidDocument(InvalidDocumentProse)

  /// No text (`DecisionText.codes`).
  static let none = FindingProse.written(basis: "", explanation: "")

  var basis: String {
    switch self {
    case .written(let basis, _): basis
    case .coverage(let prose): prose.basis
    case .service(let prose): prose.basis
    case .serviceNotAuthorized, .serviceAtCharter, .courseNotAuthorized, .noValidDocument, .specialEducationArea,
      .englishLearnerLevels, .invalidDocument:
      ""
    }
  }

  var explanation: String {
    switch self {
    case .written(_, let explanation): explanation
    case .coverage(let prose): prose.explanation
    case .service(let prose): prose.explanation
    case .serviceNotAuthorized(let engine, let code): engine.serviceNotAuthorizedExplanation(code)
    case .serviceAtCharter(let engine, let code): engine.serviceAtCharterExplanation(code)
    case .courseNotAuthorized(let course): SectionContext.notAuthorizedExplanation(course: course)
    case .noValidDocument(let date, let course): SectionContext.noValidDocumentExplanation(date: date, course: course)
    case .specialEducationArea(let code, let name): SectionContext.areaNotCoveredExplanation(code: code, name: name)
    case .englishLearnerLevels(let service, let held, let needed, let careerTechnical):
      SectionContext.levelsNotCoveredExplanation(
        service: service, held: held, needed: needed, careerTechnical: careerTechnical)
    case .invalidDocument(let prose): prose.explanation
    }
  }
}

/// What covers a part of a section (the course, a disability area, an EL service), for writing its text: the
/// `Coverage.Source`s whose text needs only the teacher's documents and the course profile, as small numbers.
enum CoverageAnchor: Sendable {
  case crosswalk(holding: Int32, authorization: Int32, rule: Int32)
  case statutory(holding: Int32, authorization: Int32)
  case namedCourse(holding: Int32, authorization: Int32)
  case specialEducation(holding: Int32, authorization: Int32)
  case englishLearner(holding: Int32, authorization: Int32)
  case coreSetting(extraPeriods: Int32, total: Int32)
  case staffDeveloper
  case collegeCredit
}

extension Coverage {
  /// This coverage as an anchor; nil for the sources whose text needs more (a recorded local assignment option, an
  /// EC 44865 setting, the charter grace period's date), which are written at once.
  var anchor: CoverageAnchor? {
    switch source {
    case .crosswalk(let h, let a, let rule):
      .crosswalk(holding: Int32(h), authorization: Int32(a), rule: Int32(rule))
    case .statutory(let h, let a, _): .statutory(holding: Int32(h), authorization: Int32(a))
    case .namedCourse(let h, let a): .namedCourse(holding: Int32(h), authorization: Int32(a))
    case .specialEducation(let h, let a): .specialEducation(holding: Int32(h), authorization: Int32(a))
    case .englishLearner(let h, let a): .englishLearner(holding: Int32(h), authorization: Int32(a))
    case .coreSetting(_, let extra, let total): .coreSetting(extraPeriods: Int32(extra), total: Int32(total))
    case .staffDeveloper: .staffDeveloper
    case .collegeCredit: .collegeCredit
    case .localOption, .ec44865, .charterGrace: nil
    }
  }
}

/// The text of an authorized teacher-section: the course's coverage and, when a student service needed sets a
/// weaker TAMO outcome than the course, that service's coverage.
struct CoverageProse: Sendable {
  let teacher: PreparedTeacher
  let profile: CourseProfile
  let course: CoverageAnchor
  let weaker: CoverageAnchor?

  var basis: String { teacher.basis(course) }

  var explanation: String {
    CoverageProse.explanation(
      teacher.explanation(course, profile: profile, course: profile.label), weakerBasis: weaker.map(teacher.basis))
  }

  /// The authorized finding's explanation: the course's, and the weaker service's basis when there is one.
  static func explanation(_ course: String, weakerBasis: String?) -> String {
    guard let weakerBasis else { return course }
    return concat(course, " The students' services rest on ", weakerBasis, ", which sets the TAMO outcome.")
  }
}

/// The text of an authorized non-classroom assignment: the document (and its authorization, -1 for none) that
/// covers the service code.
struct ServiceProse: Sendable {
  let engine: EngineIndex
  let code: String
  /// The name of what the code requires (`ServiceRequirement.name`).
  let requirement: String
  let documents: [CredentialDocument]
  let document: Int32
  let authorization: Int32

  var basis: String {
    engine.serviceBasis(documents[Int(document)], authorization: authorization < 0 ? nil : Int(authorization))
  }

  var explanation: String {
    engine.serviceExplanation(code, basis: basis, document: documents[Int(document)], requirement: requirement)
  }
}

/// The text of an exception naming a document that would cover the assignment but is not valid on the date: the
/// document's validity sentence (`DocumentValidity.decide`, a tenth of a county round when written for every such
/// exception) and what it would cover.
struct InvalidDocumentProse: Sendable {
  enum Target: Sendable {
    /// A section's course, by its label.
    case course(String)
    /// A non-classroom code (`EngineIndex.serviceLabel`).
    case service(EngineIndex, code: String)
  }

  let documents: [CredentialDocument]
  let document: Int32
  let date: CalendarDate
  let target: Target

  var explanation: String {
    let validity = DocumentValidity.decide(documents[Int(document)], on: date).explanation
    switch target {
    case .course(let course): return "\(validity) It would otherwise authorize \(course); no valid document does."
    case .service(let engine, let code):
      return "\(validity) It would otherwise cover \(engine.serviceLabel(code)); no valid document does."
    }
  }
}

// MARK: - Writing a coverage's text

extension PreparedTeacher {
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

  func basis(_ anchor: CoverageAnchor) -> String {
    switch anchor {
    case .crosswalk(let h, let a, _), .statutory(let h, let a), .namedCourse(let h, let a),
      .specialEducation(let h, let a), .englishLearner(let h, let a):
      documentBasis(Int(h), authorization: Int(a))
    case .coreSetting: "EC 44258.1"
    case .staffDeveloper: "T5 80020.4"
    case .collegeCredit: "EC 76004"
    }
  }

  /// The explanation of `anchor` for the section's course (`profile`, labelled `course`).
  func explanation(_ anchor: CoverageAnchor, profile: CourseProfile?, course: String) -> String {
    switch anchor {
    case .crosswalk(let h, _, let rule):
      let i = holdings[Int(h)].index
      return concat(
        documents[i].documentCode, " ", documents[i].documentNumber, profile!.rules[Int(rule)].explanationTail,
        holdings[Int(h)].kind.classSentence)
    case .statutory(let h, let a):
      return "\(documentBasis(Int(h), authorization: Int(a))) authorizes \(course): T5 80004 lets this subject teach "
        + "Health Science."
    case .namedCourse(let h, _):
      return "\(documentBasis(Int(h), authorization: -1)) names \(course)\(holdings[Int(h)].kind.classSentence)"
    case .specialEducation(let h, let a):
      let code = documents[holdings[Int(h)].index].authorizations[Int(a)].authorizationCode
      return "In a special education section an Education Specialist authorization (\(code)) covers any subject, "
        + "here \(course)\(holdings[Int(h)].kind.classSentence)"
    case .englishLearner(let h, _):
      return "\(documentBasis(Int(h), authorization: -1)) covers the section's English learner services."
    case .coreSetting(let extra, let total):
      if extra > 0 {
        return "A Multiple Subject holder teaching a core block may teach its subjects to another group for up to "
          + "half of the assignment (EC 44258.1); \(extra) of \(total) sections are such extra periods."
      }
      return "\(course) is part of a grades 5-8 core block of two or more subjects (CRSE 9.34 = Y), which a "
        + "Multiple Subject holder may teach under EC 44258.1."
    case .staffDeveloper:
      return "Mentor and peer-assistance assignments (6010, 6011) are predetermined under T5 80020.4 for holders of a "
        + "teaching credential based on a bachelor's degree, preparation and student teaching."
    case .collegeCredit:
      return "\(course) is a college-credit course; CalSAAS predetermines it under EC 76004 (college faculty need no "
        + "K-12 credential)."
    }
  }
}

extension DocumentKind {
  /// How an assignment legal through a document of this kind counts for TAMO, as the end of an explanation.
  var classSentence: String {
    switch tamoOutcome {
    case .clear: "."
    case .intern: "; interns properly assigned count as Intern for TAMO."
    case .outOfField: "; for TAMO this counts as out-of-field."
    case .incomplete: "; the outcome waits on CTC's action on the pending application."
    default: "; for TAMO an assignment legal only through this document counts as ineffective."
    }
  }
}

// MARK: - Digesting the text without writing it

/// What a finding's `basis` and `explanation` are written from, fed into a `StableHasher` without writing them: a
/// monitoring run compares every finding with what is on file by a fingerprint (`AssignmentFinding.digestText`),
/// and writing the text of every finding to compare it cost more than deciding (`credo bench engine --text
/// rendered` against `outcome`). Each case digests every value its sentences read (the document's codes and number,
/// the kind that chooses the fixed words, the course label, the crosswalk row's text, the catalog's name of a service
/// code, the dates), as values, never as indices or references, so a later run that loads the same documents in
/// another order digests the same. The fixed words of the sentences are not digested: whoever changes one changes
/// `FindingFingerprint.scheme`, so that every stored finding is compared again once.
extension FindingProse {
  func digest(into h: inout StableHasher) {
    switch self {
    case .written(let basis, let explanation):
      h.combine(0 as UInt64)
      h.combine(basis)
      h.combine(explanation)
    case .coverage(let prose):
      h.combine(1 as UInt64)
      prose.digest(into: &h)
    case .service(let prose):
      h.combine(2 as UInt64)
      prose.digest(into: &h)
    case .serviceNotAuthorized(let engine, let code):
      h.combine(3 as UInt64)
      engine.digestServiceLabel(code, into: &h)
      h.combine(engine.reference.serviceRequirements[code]?.name ?? "")
    case .serviceAtCharter(let engine, let code):
      h.combine(4 as UInt64)
      engine.digestServiceLabel(code, into: &h)
    case .courseNotAuthorized(let course):
      h.combine(5 as UInt64)
      h.combine(course)
    case .noValidDocument(let date, let course):
      h.combine(6 as UInt64)
      h.combine(date)
      h.combine(course)
    case .specialEducationArea(let code, let name):
      h.combine(7 as UInt64)
      h.combine(code)
      h.combine(name)
    case .englishLearnerLevels(let service, let held, let needed, let careerTechnical):
      h.combine(8 as UInt64)
      h.combine(service)
      h.combine(UInt64(held) << 8 | UInt64(needed))
      h.combine(careerTechnical)
    case .invalidDocument(let prose):
      h.combine(9 as UInt64)
      prose.digest(into: &h)
    }
  }
}

extension EngineIndex {
  /// What `serviceLabel(code)` is written from: the code and the catalog's name for it.
  func digestServiceLabel(_ code: String, into h: inout StableHasher) {
    h.combine(code)
    h.combine(catalog.nonClassroomAssignment(code)?.name ?? "")
  }
}

extension CoverageProse {
  /// The course's anchor read for its basis and its explanation, and the weaker service's for its basis.
  func digest(into h: inout StableHasher) {
    teacher.digest(course, forExplanation: true, profile: profile, into: &h)
    if let weaker {
      h.combine(1 as UInt64)
      teacher.digest(weaker, forExplanation: false, profile: profile, into: &h)
    } else {
      h.combine(0 as UInt64)
    }
  }
}

extension ServiceProse {
  func digest(into h: inout StableHasher) {
    let document = documents[Int(document)]
    h.combine(document.documentCode)
    h.combine(document.documentNumber)
    if authorization >= 0 {
      h.combine(1 as UInt64)
      h.combine(document.authorizations[Int(authorization)].authorizationCode)
    } else {
      h.combine(0 as UInt64)
    }
    h.combine(document.title)
    engine.digestServiceLabel(code, into: &h)
    h.combine(requirement)
  }
}

extension InvalidDocumentProse {
  /// What `DocumentValidity.decide` reads of the document for its sentence, the date, and what it would cover.
  func digest(into h: inout StableHasher) {
    let document = documents[Int(document)]
    h.combine(document.title)
    h.combine(document.documentCode)
    h.combine(document.documentNumber)
    h.combine(document.status.rawValue)
    h.combine(document.term.rawValue)
    h.combine(document.issueDate)
    h.combine(document.expirationDate)
    h.combine(document.statusFrom)
    h.combine(document.statusUntil)
    h.combine(date)
    switch target {
    case .course(let course):
      h.combine(0 as UInt64)
      h.combine(course)
    case .service(let engine, let code):
      h.combine(1 as UInt64)
      engine.digestServiceLabel(code, into: &h)
    }
  }
}

extension PreparedTeacher {
  /// What `documentBasis(holding, authorization:)` reads: the kind (its label and noun), the document's code and
  /// number, and the authorization's codes when there is one.
  func digestDocumentBasis(_ holding: Int, authorization: Int, into h: inout StableHasher) {
    let index = holdings[holding].index
    h.combine(holdings[holding].kind.rawValue)
    h.combine(documents[index].documentCode)
    h.combine(documents[index].documentNumber)
    if authorization >= 0, authorization < documents[index].authorizations.count {
      h.combine(1 as UInt64)
      h.combine(documents[index].authorizations[authorization].authorizationCode)
      h.combine(documents[index].authorizations[authorization].subjectCode)
    } else {
      h.combine(0 as UInt64)
    }
  }

  /// What `basis(anchor)` and, `forExplanation`, `explanation(anchor, profile:, course: profile.label)` read.
  func digest(_ anchor: CoverageAnchor, forExplanation: Bool, profile: CourseProfile, into h: inout StableHasher) {
    switch anchor {
    case .crosswalk(let holding, let a, let rule):
      h.combine(0 as UInt64)
      // The explanation reads the document code and number (in the basis's inputs), the crosswalk row's text and
      // the kind's TAMO sentence (the kind is in the basis's inputs).
      digestDocumentBasis(Int(holding), authorization: Int(a), into: &h)
      if forExplanation { h.combine(profile.explanationDigests[Int(rule)]) }
    case .statutory(let holding, let a):
      h.combine(1 as UInt64)
      digestDocumentBasis(Int(holding), authorization: Int(a), into: &h)
      if forExplanation { h.combine(profile.labelDigest) }
    case .namedCourse(let holding, let a):
      h.combine(2 as UInt64)
      digestDocumentBasis(Int(holding), authorization: Int(a), into: &h)
      if forExplanation {
        // The explanation names the document without its authorization.
        digestDocumentBasis(Int(holding), authorization: -1, into: &h)
        h.combine(profile.labelDigest)
      }
    case .specialEducation(let holding, let a):
      h.combine(3 as UInt64)
      digestDocumentBasis(Int(holding), authorization: Int(a), into: &h)
      if forExplanation {
        h.combine(documents[holdings[Int(holding)].index].authorizations[Int(a)].authorizationCode)
        h.combine(profile.labelDigest)
      }
    case .englishLearner(let holding, let a):
      h.combine(4 as UInt64)
      digestDocumentBasis(Int(holding), authorization: Int(a), into: &h)
      if forExplanation { digestDocumentBasis(Int(holding), authorization: -1, into: &h) }
    case .coreSetting(let extra, let total):
      h.combine(5 as UInt64)
      if forExplanation {
        h.combine(Int(extra))
        h.combine(Int(total))
        h.combine(profile.labelDigest)
      }
    case .staffDeveloper:
      h.combine(6 as UInt64)
    case .collegeCredit:
      h.combine(7 as UInt64)
      if forExplanation { h.combine(profile.labelDigest) }
    }
  }
}

/// A finding's fingerprint scheme: the version of the sentences' fixed words. `AssignmentFinding.digestText` digests
/// what varies in a finding's text, not the words every such finding shares, so a change to a sentence (in
/// `FindingProse`, the rule families' explanations, `DocumentValidity`, `DocumentKind`'s labels) must change
/// `scheme`: stored fingerprints of another scheme are then compared by their text once (`Monitor`).
public enum FindingFingerprint {
  public static let scheme = 2
}

extension AssignmentFinding {
  /// Feeds what `basis` and `explanation` are written from into `hasher`, without writing them (see
  /// `FindingProse.digest(into:)`): findings that digest the same have the same text.
  public func digestText(into hasher: inout StableHasher) {
    prose.digest(into: &hasher)
  }
}
