/// The rule code and citation of a `Coverage`, as the rule family and the document kind that choose them. The
/// texts are written only for the coverage a finding names (`rule`, `citation`, `Coverage.citation(profile:)`).
enum CoverageLabel {
  /// The document kind's own rule and citation (the crosswalk, a course named by a waiver, an emergency EL permit).
  case document(DocumentKind)
  /// A statutory course rule: its citation is the course profile's (`Coverage.citation(profile:)`).
  case statutory
  case specialEducationAnySubject(DocumentKind)
  case specialEducationArea(DocumentKind)
  case englishLearner(DocumentKind)
  case bilingual(DocumentKind)
  case coreBlock
  case coreExtraPeriods
  case localOption(LocalAssignmentOption)
  case ec44865
  case staffDeveloper
  case collegeCredit
  case charterGrace

  var rule: String {
    switch self {
    case .document(let kind): kind.authorizedRule
    case .statutory: "course.statutory"
    case .specialEducationAnySubject(let kind): kind.isFullCredential ? "sped.any_subject" : kind.authorizedRule
    case .specialEducationArea(let kind): kind.isFullCredential ? "sped.area_covered" : kind.authorizedRule
    case .englishLearner(let kind): kind.isFullCredential ? "el.authorized" : kind.authorizedRule
    case .bilingual(let kind): kind.isFullCredential ? "bilingual.authorized" : kind.authorizedRule
    case .coreBlock, .coreExtraPeriods: "core.ec44258_1"
    case .localOption(let option): option.ruleCode
    case .ec44865: "setting.ec44865"
    case .staffDeveloper: "predetermined.t5_80020_4"
    case .collegeCredit: "college_credit.ec76004"
    case .charterGrace: "charter.grace_2019_20"
    }
  }

  /// The citation, except a statutory rule's (which the course profile holds).
  var citation: String {
    switch self {
    case .document(let kind): kind.citation
    case .statutory: preconditionFailure("a statutory rule's citation is the course profile's")
    case .specialEducationAnySubject: "T5 80046.5, 80048.3; domain rule 26"
    case .specialEducationArea: "T5 80046.5, 80048.3; domain rules 22, 24, 28"
    case .englishLearner: "CTC EL assignment chart; domain rules 29-32"
    case .bilingual: "CTC EL assignment chart; domain rule 29"
    case .coreBlock: "EC 44258.1; T5 80003; domain rule 3"
    case .coreExtraPeriods: "EC 44258.1; T5 80003; domain rule 4"
    case .localOption(let option): "\(option.rawValue); \(option.domainRules)"
    case .ec44865: "EC 44865; domain rule 52"
    case .staffDeveloper: "T5 80020.4; domain rule 54"
    case .collegeCredit: "EC 76004; domain rule 53"
    case .charterGrace: "EC 47605.4; AB 1505; domain rule 56"
    }
  }
}
