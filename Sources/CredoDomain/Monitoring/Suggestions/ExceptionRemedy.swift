/// What could fix one monitoring exception: another teacher who is authorized, a local assignment option the facts
/// allow, a permit or waiver, an authorization the educator is close to, a document to renew or have issued, a
/// CALPADS correction, or a determination the LEA can answer with (issue 4; domain guide §2.2, §2.4, §2.5, §1.6–1.7).
/// `ExceptionRemedies.suggest` builds them; `docs/rules/assignment-engine.md` ("Remedies") lists when each is offered.
public struct ExceptionRemedy: Sendable, Hashable, Codable {
  public enum Kind: Sendable, Hashable, Codable {
    /// Another educator at the school whom the engine authorizes for the same section (or service assignment).
    case otherAuthorizedTeacher(seid: String, name: String, basis: String)
    /// A local assignment option (domain guide §2.5) and what the district must record for it.
    case localAssignmentOption(LocalAssignmentOption, mustRecord: [String])
    /// An authorization to earn, and the credential it is added to (held or not).
    case addedAuthorization(AuthorizationRoute)
    /// A permit or waiver (GELAP, SELAP, STW, PIP, STSP, TPSL, emergency CLAD/BCLAD) and its limits.
    case permitOrWaiver(DocumentKind, limits: String)
    /// A document the educator holds that would cover the assignment if it were valid on the date: renew it,
    /// clear it, have CTC issue it, or correct its record.
    case documentAction(documentNumber: String, validity: DocumentValidity.Outcome)
    /// A CALPADS field to check and correct; `value` is the value that would clear the exception when Credo can
    /// tell (empty otherwise).
    case calpadsCorrection(field: String, value: String)
    /// The IEP team placed the student in this class as an alternate placement (special education only).
    case alternatePlacement
    /// No teacher was assigned to the position for the year: the section is a vacancy, not a misassignment.
    case vacancy

    /// A short heading for the kind of remedy.
    public var label: String {
      switch self {
      case .otherAuthorizedTeacher: "Another authorized teacher"
      case .localAssignmentOption: "Local assignment option"
      case .addedAuthorization: "Authorization to earn"
      case .permitOrWaiver: "Permit or waiver"
      case .documentAction: "Document on file"
      case .calpadsCorrection: "CALPADS correction"
      case .alternatePlacement: "Alternate placement"
      case .vacancy: "Vacancy"
      }
    }

    /// Order among remedies that are otherwise equal (the ranking is in `ExceptionRemedies`).
    var order: Int {
      switch self {
      case .calpadsCorrection: 0
      case .otherAuthorizedTeacher: 1
      case .localAssignmentOption: 2
      case .documentAction: 3
      case .permitOrWaiver: 4
      case .addedAuthorization: 5
      case .alternatePlacement: 6
      case .vacancy: 7
      }
    }
  }

  /// How soon the remedy would clear the exception, and whether the engine confirmed it.
  public enum Readiness: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The district can act today with what it controls (reassign, record an option whose conditions the facts
    /// meet, issue a local waiver, correct CALPADS); the engine, re-deciding with the change made, clears the
    /// exception.
    case clearsNow = "clears_now"
    /// Needs the educator to earn something or CTC to issue it; the engine confirms the document, once issued,
    /// would clear the exception. A route that takes time.
    case clearsWhenGranted = "clears_when_granted"
    /// Rests on facts Credo does not hold (an IEP placement, whether a position was vacant, the right course code);
    /// the engine cannot confirm it.
    case needsReview = "needs_review"

    public var label: String {
      switch self {
      case .clearsNow: "Clears now"
      case .clearsWhenGranted: "Clears once granted"
      case .needsReview: "Needs review"
      }
    }

    public static func < (a: Readiness, b: Readiness) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  public var kind: Kind
  public var readiness: Readiness
  /// What to do, in plain language, with the conditions and limits an analyst must check.
  public var sentence: String
  /// The statute, regulation or source and the domain guide rule number(s) the remedy rests on.
  public var citation: String
  /// The CalSAAS determination the LEA would propose once it is done (domain guide §2.2), when there is one.
  public var determination: Determination?
  /// The ESSA/TAMO outcome the engine gives the assignment with the remedy applied; nil when not re-decided.
  public var tamoOutcome: TAMOOutcome?
  /// Rule codes of the exceptions the assignment would still raise with the remedy applied (other parts of it).
  public var remainingExceptions: [String]

  public init(
    kind: Kind, readiness: Readiness, sentence: String, citation: String, determination: Determination? = nil,
    tamoOutcome: TAMOOutcome? = nil, remainingExceptions: [String] = []
  ) {
    self.kind = kind
    self.readiness = readiness
    self.sentence = sentence
    self.citation = citation
    self.determination = determination
    self.tamoOutcome = tamoOutcome
    self.remainingExceptions = remainingExceptions
  }
}

/// An authorization the educator could earn, from the CTC course crosswalk or the special education, English learner
/// and services tables: what it is, what it takes, and whether the educator already holds the credential it is added
/// to (domain guide §1.2, §1.3, §1.5, §1.6).
public struct AuthorizationRoute: Sendable, Hashable, Codable {
  /// The CTC authorization code (R2B, SMAA, R1S, AAAS, R1CL, BA …); empty for a document named by title only.
  public var authorizationCode: String
  /// The CTC subject code (MATH, CHEM …), or the language for a bilingual authorization; empty when none.
  public var subjectCode: String
  /// "Supplementary Authorization, Mathematics".
  public var name: String
  /// What it takes: units, examination, program ("20 semester units or 10 upper-division units …").
  public var requirement: String
  /// The credential it is added to ("a Multiple Subject credential"); empty when it is a credential of its own.
  public var addedTo: String
  /// The educator's valid document it would be added to ("TC2 200200"); nil when the educator holds none.
  public var heldBase: String?

  public init(
    authorizationCode: String, subjectCode: String, name: String, requirement: String, addedTo: String,
    heldBase: String?
  ) {
    self.authorizationCode = authorizationCode
    self.subjectCode = subjectCode
    self.name = name
    self.requirement = requirement
    self.addedTo = addedTo
    self.heldBase = heldBase
  }
}
