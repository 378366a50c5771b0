/// Non-classroom assignments (SASS 8.15–8.21) against the services credentials (domain guide §1.4, §4.3, §4.5,
/// §4.6; rules 54, 55).
///
/// - Rule 55: charter schools' service assignments are not monitored (AB 1219 added only charter teaching).
/// - 6018 Employee on Leave: nothing to authorize; not monitored.
/// - Licensed non-certificated services (therapists, interpreters) need no CTC credential: not monitored.
/// - Otherwise the code's `ServiceRequirement` (e.g. 0202 → PPS School Psychology, 0400 → PPS School Counseling,
///   0206 → School Nurse, 0211 → SLP, 0301/0302 → Administrative Services, 6010/6011 → T5 80020.4).
/// Service assignments are not teaching assignments, so their TAMO outcome is always N/A.
extension AssignmentEngine {
  /// The decision for one non-classroom assignment code on `date`; `text` as for sections.
  public func decide(
    _ assignment: ServiceAssignment, asOf date: CalendarDate, text: DecisionText = .full
  ) -> AssignmentDecision {
    withUnsafePointer(to: assignment) { decide(at: $0, asOf: date, text: text) }
  }

  /// The same decision for the assignment at `input`, read in place (as `decide(at:prepared:asOf:text:)` for
  /// sections): a caller holding its assignments in a buffer lends each one without copying it.
  public func decide(
    at input: UnsafePointer<ServiceAssignment>, asOf date: CalendarDate, text: DecisionText = .full
  ) -> AssignmentDecision {
    let code = input.pointee.assignmentCode
    func label() -> String { index.serviceLabel(code) }
    var facts: [DecisionFact] = []
    if text >= .full { facts.append(DecisionFact("assignment", label())) }
    func notMonitored(
      _ rule: String, _ citation: String, _ explanation: @autoclosure () -> String
    )
      -> AssignmentDecision
    {
      single(
        finding(.notMonitored, rule: rule, citation: citation, explanation: explanation(), facts: facts, text: text),
        .notApplicable)
    }
    func exception(_ rule: String, _ citation: String, _ explanation: @autoclosure () -> String) -> AssignmentDecision {
      single(
        finding(
          .exception, exceptionType: .nonClassroom, rule: rule, citation: citation, explanation: explanation(),
          facts: facts, text: text), .notApplicable)
    }
    if input.pointee.school.isCharter {
      return single(
        finding(
          .notMonitored, rule: "charter.services_not_monitored", citation: "EC 44258.9 (AB 1219); domain rule 55",
          prose: .serviceAtCharter(index, code: code), facts: facts, text: text), .notApplicable)
    }
    if code == "6018" {
      return notMonitored(
        "service.on_leave", "CALPADS SASS 8.15; domain guide §4.3",
        "An employee on leave (6018) has no assignment to authorize.")
    }
    // The code's rules by its short key (no string hashing), else from the reference's dictionaries.
    let rule = index.services.rule(code)
    let noCredential: String? = rule.map { $0.noCredential } ?? reference.servicesNeedingNoCredential[code]
    if let service = noCredential {
      return notMonitored(
        "service.no_credential_required", "domain guide §4.6",
        "\(service) (\(code)) is a licensed non-certificated service; no CTC credential is required.")
    }
    let found: ServiceRequirement? = rule.map { $0.requirement } ?? reference.serviceRequirements[code]
    guard let requirement = found else {
      return notMonitored(
        "service.no_rule", "domain guide §1.4, §4.6",
        "Credo has no rule for non-classroom code \(label()); the office reviews it by hand.")
    }
    if text >= .full { facts.append(DecisionFact("requires", requirement.name)) }
    guard let documents = input.pointee.teacher?.documents else {
      return exception(
        "teacher.not_on_file", "EC 44258.9; domain guide §2.2",
        "No educator with SEID \(input.pointee.record.seid) is on file, so no document can be checked.")
    }
    // The documents are read in place (iterating the array would copy each document, every field retained); the one
    // that authorizes, or the first invalid one that would, is copied out afterwards.
    var invalid: (Int, DocumentValidity.Outcome)? = nil
    let authorizing: (document: Int, authorization: Int?)? = documents.withUnsafeBufferPointer { buffer in
      // An authorization the requirement names (its code upper-cased), by short key when the rule has them; the
      // authorizations are read in place (iterating them copied each one, its strings retained).
      func names(_ document: UnsafePointer<CredentialDocument>, _ j: Int) -> Bool {
        let code = document.pointee.authorizations[j].authorizationCode
        if let keys = rule?.authorizationKeys {
          guard let key = ShortCode.key(code) else { return false }
          return keys.contains(key)
        }
        return requirement.authorizationCodes.contains(upperCased(code))
      }
      for i in buffer.indices {
        let document = buffer.baseAddress! + i
        let documentCode = document.pointee.documentCode
        let codeMatches: Bool
        if let keys = rule?.documentKeys, let exact = ShortCode.exactKey(documentCode) {
          // A short ASCII code's upper case has the key `ShortCode.key` gives the code itself.
          codeMatches = keys.contains(exact) || keys.contains(ShortCode.key(documentCode)!)
        } else {
          codeMatches =
            requirement.documentCodes.contains(documentCode)
            || requirement.documentCodes.contains(upperCased(documentCode))
        }
        // The kind by code number (`EngineIndex.kind(of:code:)`, as `MonitoringReference.kind(of:)` finds it).
        let matches =
          (codeMatches
            || (rule.map {
              !$0.kinds.isEmpty
                && $0.kinds.contains(index.kind(of: document.pointee, code: index.codes.id(documentCode)))
            } ?? requirement.documentKinds.contains(reference.kind(of: document.pointee))))
          && (requirement.authorizationCodes.isEmpty
            || document.pointee.authorizations.indices.contains { names(document, $0) })
        guard matches else { continue }
        let outcome = DocumentValidity.outcome(document.pointee, on: date)
        if outcome == .valid,
          document.pointee.employerRestriction.map({ $0.digits == input.pointee.school.districtCode }) ?? true
        {
          return (i, document.pointee.authorizations.indices.first { names(document, $0) })
        }
        if outcome != .valid, invalid == nil { invalid = (i, outcome) }
      }
      return nil
    }
    if let authorizing {
      if text >= .full {
        facts.append(
          DecisionFact("document", DocumentValidity.decide(documents[authorizing.document], on: date).explanation))
      }
      return single(
        finding(
          .authorized, rule: code == "6010" || code == "6011" ? "predetermined.t5_80020_4" : "service.authorized",
          citation: requirement.citation,
          prose: .service(
            ServiceProse(
              engine: index, code: code, requirement: requirement.name, documents: documents,
              document: Int32(authorizing.document),
              authorization: Int32(authorizing.authorization ?? -1))),
          facts: facts, text: text), .notApplicable)
    }
    if let (i, outcome) = invalid {
      return single(
        finding(
          .exception, exceptionType: .nonClassroom, rule: outcome.rule,
          citation: DocumentValidity.citation(outcome, of: documents[i], on: date),
          prose: .invalidDocument(
            InvalidDocumentProse(
              documents: documents, document: Int32(i), date: date, target: .service(index, code: code))),
          facts: facts, text: text), .notApplicable)
    }
    return single(
      finding(
        .exception, exceptionType: .nonClassroom, rule: "service.not_authorized", citation: requirement.citation,
        prose: .serviceNotAuthorized(index, code: code), facts: facts, text: text), .notApplicable)
  }
}

/// `MonitoringReference.servicesNeedingNoCredential` and `.serviceRequirements` by the code's `ShortCode.exactKey`,
/// with each requirement's document and authorization codes as keys and its document kinds as a mask: deciding a
/// service hashed the code twice and every document's codes (and kind) several times.
struct ServiceTable: Sendable {
  final class Rule: Sendable {
    let noCredential: String?
    let requirement: ServiceRequirement?
    /// The requirement's document codes as `ShortCode.exactKey`s; nil when one is not a short ASCII code (then the
    /// strings are compared).
    let documentKeys: [UInt64]?
    /// Its authorization codes as `ShortCode.exactKey`s, nil likewise.
    let authorizationKeys: [UInt64]?
    /// Its document kinds, compared without hashing.
    let kinds: [DocumentKind]

    init(noCredential: String?, requirement: ServiceRequirement?) {
      self.noCredential = noCredential
      self.requirement = requirement
      func keys(_ codes: Set<String>?) -> [UInt64]? {
        var keys: [UInt64] = []
        for code in codes ?? [] {
          guard let key = ShortCode.exactKey(code) else { return nil }
          keys.append(key)
        }
        return keys
      }
      documentKeys = keys(requirement?.documentCodes)
      authorizationKeys = keys(requirement?.authorizationCodes)
      kinds = requirement.map { Array($0.documentKinds) } ?? []
    }
  }

  private var byKey = ShortCodeTable()
  private var rules: [Rule] = []
  /// The rules of a short code the reference does not name.
  private let none = Rule(noCredential: nil, requirement: nil)

  init(reference: MonitoringReference) {
    let codes = Set(reference.servicesNeedingNoCredential.keys).union(reference.serviceRequirements.keys)
    for code in codes.sorted() {
      guard let key = ShortCode.exactKey(code) else { continue }
      byKey.insert(key, Int32(rules.count))
      rules.append(
        Rule(
          noCredential: reference.servicesNeedingNoCredential[code], requirement: reference.serviceRequirements[code]))
    }
  }

  /// The rules of `code` when it is a short ASCII code (their fields nil where the reference has none); nil for
  /// other codes, which are looked up in the reference.
  func rule(_ code: String) -> Rule? {
    guard let key = ShortCode.exactKey(code) else { return nil }
    guard let i = byKey[key] else { return none }
    return rules[Int(i)]
  }
}

/// The text of non-classroom findings, written when it is read (`ServiceProse`, `FindingProse`).
extension EngineIndex {
  /// "0202 School Psychologist", or the code alone when the catalog does not name it.
  func serviceLabel(_ code: String) -> String {
    let name = catalog.nonClassroomAssignment(code)?.name ?? ""
    return name.isEmpty ? code : concat(code, " ", name)
  }

  /// Document code, number and authorization code, the empty ones left out, separated by spaces.
  func serviceBasis(_ document: CredentialDocument, authorization: Int?) -> String {
    let (a, b) = (document.documentCode, document.documentNumber)
    let c = authorization.map { document.authorizations[$0].authorizationCode } ?? ""
    return concat(a, !a.isEmpty && !b.isEmpty ? " " : "", b, !c.isEmpty && !(a.isEmpty && b.isEmpty) ? " " : "", c)
  }

  func serviceExplanation(_ code: String, basis: String, document: CredentialDocument, requirement: String) -> String {
    concat(basis, " (", document.title, ") covers ", serviceLabel(code), ": it requires ", requirement, ".")
  }

  func serviceNotAuthorizedExplanation(_ code: String) -> String {
    "\(serviceLabel(code)) requires \(reference.serviceRequirements[code]!.name); the educator holds no valid document "
      + "that covers it."
  }

  func serviceAtCharterExplanation(_ code: String) -> String {
    "Charter schools are monitored for teaching assignments only; the service assignment \(serviceLabel(code)) is "
      + "not monitored."
  }
}

/// `code.uppercased()`, without the Unicode case mapping when the code is ASCII with no lower-case letter (then it
/// is its own upper case).
@inline(__always)
func upperCased(_ code: String) -> String {
  if code.utf8.allSatisfy({ $0 < 128 && ($0 < 97 || $0 > 122) }) { return code }
  return code.uppercased()
}
