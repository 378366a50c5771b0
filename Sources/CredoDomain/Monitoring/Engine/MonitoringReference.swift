/// The knowledge the assignment rules need that the reference catalog does not hold yet: what kind of document a
/// CTC title code is (and its ESSA/TAMO class), which disability areas each special education authorization covers,
/// which English learner service levels each EL authorization covers, which documents cover each non-classroom
/// assignment code, and a few statutory course additions. Written as data tables so each can later become a
/// versioned catalog table; every table names the domain guide section it comes from and says UNCONFIRMED where the
/// guide does.
///
/// Keys are upper-case codes; the engine upper-cases what it looks up only when the input is not already upper case.
public struct MonitoringReference: Sendable {
  public var documentKinds: [String: DocumentKind]
  public var specialEducationAuthorizations: [String: SpecialEducationAuthorization]
  public var disabilityNames: [String: String]
  public var englishLearnerAuthorizations: [String: EnglishLearnerAuthorization]
  public var englishLearnerServiceLevels: [String: Set<EnglishLearnerServiceLevel>]
  public var languageNames: [String: String]
  public var serviceRequirements: [String: ServiceRequirement]
  public var servicesNeedingNoCredential: [String: String]
  public var statutoryCourseRules: [StatutoryCourseRule]
  public var localAssignmentOptionCodes: [String: LocalAssignmentOption]
  public var departmentalizedELDCourses: Set<String>
  public var signLanguageSubcategory: String
  public var coreContentAreas: Set<String>
  public var careerTechnicalContentArea: String
  public var selfContainedCourse: String
  public var staffDeveloperCourses: Set<String>

  public init(
    documentKinds: [String: DocumentKind], specialEducationAuthorizations: [String: SpecialEducationAuthorization],
    disabilityNames: [String: String], englishLearnerAuthorizations: [String: EnglishLearnerAuthorization],
    englishLearnerServiceLevels: [String: Set<EnglishLearnerServiceLevel>], languageNames: [String: String],
    serviceRequirements: [String: ServiceRequirement], servicesNeedingNoCredential: [String: String],
    statutoryCourseRules: [StatutoryCourseRule], localAssignmentOptionCodes: [String: LocalAssignmentOption],
    departmentalizedELDCourses: Set<String>, signLanguageSubcategory: String, coreContentAreas: Set<String>,
    careerTechnicalContentArea: String, selfContainedCourse: String, staffDeveloperCourses: Set<String>
  ) {
    self.documentKinds = documentKinds
    self.specialEducationAuthorizations = specialEducationAuthorizations
    self.disabilityNames = disabilityNames
    self.englishLearnerAuthorizations = englishLearnerAuthorizations
    self.englishLearnerServiceLevels = englishLearnerServiceLevels
    self.languageNames = languageNames
    self.serviceRequirements = serviceRequirements
    self.servicesNeedingNoCredential = servicesNeedingNoCredential
    self.statutoryCourseRules = statutoryCourseRules
    self.localAssignmentOptionCodes = localAssignmentOptionCodes
    self.departmentalizedELDCourses = departmentalizedELDCourses
    self.signLanguageSubcategory = signLanguageSubcategory
    self.coreContentAreas = coreContentAreas
    self.careerTechnicalContentArea = careerTechnicalContentArea
    self.selfContainedCourse = selfContainedCourse
    self.staffDeveloperCourses = staffDeveloperCourses
  }

  /// The kind of a document: by its CTC title code in `documentKinds`, else by its term (an intern term is an
  /// intern credential, a permit term an emergency permit, …).
  public func kind(of document: borrowing CredentialDocument) -> DocumentKind {
    if let kind = documentKinds[document.documentCode] { return kind }
    if let kind = documentKinds[document.documentCode.uppercased()] { return kind }
    return Self.kind(ofTerm: document.term)
  }

  /// The kind of a document whose code `documentKinds` does not name, from its term.
  static func kind(ofTerm term: CredentialTerm) -> DocumentKind {
    switch term {
    case .intern: return .intern
    case .permit: return .otherPermit
    case .waiver: return .variableTermWaiver
    case .certificate: return .clearance
    case .temporaryCountyCertificate: return .temporaryCountyCertificate
    case .preliminary, .clear, .professionalClear, .life, .levelI, .levelII: return .otherCredential
    }
  }
}

// MARK: - Document kinds

/// What a CTC document is for assignment purposes, and its ESSA/TAMO class (domain guide §1.2–1.9, §3.1, §3.2a).
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
  case multipleSubject = "multiple_subject"
  case singleSubject = "single_subject"
  case educationSpecialist = "education_specialist"
  case designatedSubjects = "designated_subjects"
  case specialistCredential = "specialist_credential"
  case addedAuthorization = "added_authorization"
  case servicesCredential = "services_credential"
  case otherCredential = "other_credential"
  case intern
  case provisionalInternshipPermit = "pip"
  case shortTermStaffPermit = "stsp"
  case generalEducationLimitedAssignmentPermit = "gelap"
  case specialEducationLimitedAssignmentPermit = "selap"
  case shortTermWaiver = "stw"
  case variableTermWaiver = "vtw"
  case statutoryLeavePermit = "tpsl"
  case emergencyEnglishLearnerPermit = "emergency_clad"
  case emergencyBilingualPermit = "emergency_bclad"
  case substitutePermit = "substitute_permit"
  case otherPermit = "other_permit"
  case temporaryCountyCertificate = "tcc"
  case clearance

  /// §3.2a steps 3–6: clear for full credentials; intern for interns; out-of-field for GELAP, SELAP, STW and the
  /// emergency EL permits (list UNCONFIRMED, §3.1); ineffective for PIP, STSP, VTW, TPSL and substitute permits
  /// (C1). A TCC stands for a pending application: incomplete until CTC acts (Credo's choice, rule 45).
  public var tamoOutcome: TAMOOutcome {
    switch self {
    case .multipleSubject, .singleSubject, .educationSpecialist, .designatedSubjects, .specialistCredential,
      .addedAuthorization, .servicesCredential, .otherCredential:
      .clear
    case .intern: .intern
    case .generalEducationLimitedAssignmentPermit, .specialEducationLimitedAssignmentPermit, .shortTermWaiver,
      .emergencyEnglishLearnerPermit, .emergencyBilingualPermit:
      .outOfField
    case .provisionalInternshipPermit, .shortTermStaffPermit, .variableTermWaiver, .statutoryLeavePermit,
      .substitutePermit, .otherPermit, .clearance:
      .ineffective
    case .temporaryCountyCertificate: .incomplete
    }
  }

  /// A full credential (not an intern credential, permit, waiver or certificate): LAO holders need one (§2.5,
  /// rule 16).
  public var isFullCredential: Bool { tamoOutcome == .clear }

  /// A teaching credential based on a bachelor's degree, a preparation program and student teaching: Multiple
  /// Subject, Single Subject, Education Specialist (EC 44865, T5 80020.4, rules 52 and 54).
  public var isBasicTeachingCredential: Bool {
    self == .multipleSubject || self == .singleSubject || self == .educationSpecialist
  }

  /// Emergency permits in the sense of EC 44258.3 (rule 21): PIP, STSP, emergency CLAD/bilingual and substitute
  /// permits.
  public var isEmergencyPermit: Bool {
    switch self {
    case .provisionalInternshipPermit, .shortTermStaffPermit, .emergencyEnglishLearnerPermit,
      .emergencyBilingualPermit, .substitutePermit, .otherPermit:
      true
    default: false
    }
  }

  /// Short name in a `basis` ("GELAP 555 (permit)").
  public var basisLabel: String? {
    switch self {
    case .intern: "Intern"
    case .provisionalInternshipPermit: "PIP"
    case .shortTermStaffPermit: "STSP"
    case .generalEducationLimitedAssignmentPermit: "GELAP"
    case .specialEducationLimitedAssignmentPermit: "SELAP"
    case .shortTermWaiver: "STW"
    case .variableTermWaiver: "VTW"
    case .statutoryLeavePermit: "TPSL"
    case .emergencyEnglishLearnerPermit: "Emergency CLAD"
    case .emergencyBilingualPermit: "Emergency BCLAD"
    case .substitutePermit: "Substitute permit"
    case .otherPermit: "Permit"
    case .temporaryCountyCertificate: "TCC"
    default: nil
    }
  }

  /// The noun in a `basis` after the label: permit, waiver, intern, certificate.
  var basisNoun: String {
    switch self {
    case .intern: "intern"
    case .shortTermWaiver, .variableTermWaiver: "waiver"
    case .temporaryCountyCertificate: "certificate"
    default: "permit"
    }
  }

  /// The rule code of an authorization through a document of this kind.
  var authorizedRule: String {
    switch self {
    case .intern: "intern.authorized"
    case .provisionalInternshipPermit: "permit.pip"
    case .shortTermStaffPermit: "permit.stsp"
    case .generalEducationLimitedAssignmentPermit: "permit.gelap"
    case .specialEducationLimitedAssignmentPermit: "permit.selap"
    case .shortTermWaiver: "waiver.stw"
    case .variableTermWaiver: "waiver.vtw"
    case .statutoryLeavePermit: "permit.tpsl"
    case .emergencyEnglishLearnerPermit: "permit.emergency_clad"
    case .emergencyBilingualPermit: "permit.emergency_bclad"
    case .substitutePermit: "substitute.teacher_of_record"
    case .otherPermit: "permit.other"
    case .temporaryCountyCertificate: "document.tcc"
    default: "course.authorized"
    }
  }

  /// The legal source of an authorization through a document of this kind.
  var citation: String {
    switch self {
    case .intern: "EC 44325, 44452; domain rules 44, 82"
    case .provisionalInternshipPermit: "T5 80021.1; domain rules 43, 82"
    case .shortTermStaffPermit: "T5 80021; domain rules 42, 43"
    case .generalEducationLimitedAssignmentPermit: "T5 80027; domain rules 2, 41, 82"
    case .specialEducationLimitedAssignmentPermit: "T5 80027.1; domain rule 28"
    case .shortTermWaiver: "T5 80123; domain rule 40"
    case .variableTermWaiver: "T5 80121; domain guide §1.7"
    case .statutoryLeavePermit: "EC 44225(m); domain rule 39"
    case .emergencyEnglishLearnerPermit: "T5 80024.8; domain guide §1.5"
    case .emergencyBilingualPermit: "T5 80024.7; domain guide §1.5"
    case .substitutePermit: "T5 80025; domain rules 35, 84"
    case .temporaryCountyCertificate: "EC 44332; domain rules 45, 49"
    default: "T5 80003, 80004, 80005; CTC course crosswalk; domain rules 1, 6, 82"
    }
  }
}

// MARK: - Special education

/// The disability areas one special education authorization covers, and its upper grade limit when it has one
/// (ECSE). Codes are CALPADS primary disability codes (domain guide §1.3, §2.2: CalSAAS considers 14 areas).
public struct SpecialEducationAuthorization: Sendable, Hashable {
  public var name: String
  public var disabilityCodes: Set<String>
  /// The highest grade a class may reach (R3EC birth–pre-K, R3ER birth–K); nil: through age 22.
  public var highestGrade: GradeLevel?
  /// A specialty area of an Education Specialist credential (teaches any subject to its students, rule 26), as
  /// opposed to an added authorization that only extends one.
  public var isSpecialty: Bool
  public var source: String

  public init(
    name: String, disabilityCodes: Set<String>, highestGrade: GradeLevel? = nil, isSpecialty: Bool = true,
    source: String
  ) {
    self.name = name
    self.disabilityCodes = disabilityCodes
    self.highestGrade = highestGrade
    self.isSpecialty = isSpecialty
    self.source = source
  }
}

// MARK: - English learners

/// The EL service levels (domain guide §1.5): integrated and designated ELD, departmentalized ELD (course 9104) and
/// primary-language (bilingual) instruction.
public enum EnglishLearnerServiceLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case integrated, designated, departmentalized, primaryLanguage = "primary_language"

  public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// What one EL authorization covers (domain guide §1.5 table).
public struct EnglishLearnerAuthorization: Sendable, Hashable {
  public var name: String
  public var levels: Set<EnglishLearnerServiceLevel>
  /// Clear DS CTE SDAIE (S17C) covers integrated ELD only in career technical courses (rule 32).
  public var careerTechnicalOnly: Bool
  /// Revised embedded EL authorizations (ELAM, ELAS, ELAE, ELAP; programs from 2014) do not cover departmentalized
  /// ELD (rule 30).
  public var isRevisedEmbedded: Bool
  public var source: String

  public init(
    name: String, levels: Set<EnglishLearnerServiceLevel>, careerTechnicalOnly: Bool = false,
    isRevisedEmbedded: Bool = false, source: String
  ) {
    self.name = name
    self.levels = levels
    self.careerTechnicalOnly = careerTechnicalOnly
    self.isRevisedEmbedded = isRevisedEmbedded
    self.source = source
  }
}

// MARK: - Non-classroom services

/// What covers a non-classroom assignment code (SASS 8.15–8.21; domain guide §1.4, §4.5): a document of one of the
/// codes or kinds, carrying one of the authorization codes when any are named.
public struct ServiceRequirement: Sendable, Hashable {
  public var name: String
  public var documentCodes: Set<String>
  public var documentKinds: Set<DocumentKind>
  /// When not empty, the document must carry one of these (e.g. the PPS specialization).
  public var authorizationCodes: Set<String>
  public var citation: String

  public init(
    name: String, documentCodes: Set<String> = [], documentKinds: Set<DocumentKind> = [],
    authorizationCodes: Set<String> = [], citation: String
  ) {
    self.name = name
    self.documentCodes = documentCodes
    self.documentKinds = documentKinds
    self.authorizationCodes = authorizationCodes
    self.citation = citation
  }
}

// MARK: - Statutory course additions

/// A course authorization the statute gives that the CTC crosswalk rows do not carry (e.g. T5 80004: Health Science
/// may be taught by Life Science holders, and by Physical Education holders whose credential was issued before
/// 1 January 1981).
public struct StatutoryCourseRule: Sendable, Hashable {
  /// The content area of the courses it applies to (CALPADS content area category).
  public var contentAreaCode: String
  public var authorizationCode: String
  public var subjectCode: String
  /// The document must have been issued before this day (nil: any).
  public var issuedBefore: CalendarDate?
  public var citation: String

  public init(
    contentAreaCode: String, authorizationCode: String, subjectCode: String, issuedBefore: CalendarDate? = nil,
    citation: String
  ) {
    self.contentAreaCode = contentAreaCode
    self.authorizationCode = authorizationCode
    self.subjectCode = subjectCode
    self.issuedBefore = issuedBefore
    self.citation = citation
  }
}

// MARK: - The standard tables

extension MonitoringReference {
  /// Keys of 9.35 values after removing `EC`, `T5`, spaces, dots and parentheses (`EC 44256(b)` → `44256B`).
  /// The CALPADS 9.35 code list itself is not in the guide (UNCONFIRMED); Credo accepts the statute numbers.
  static func localAssignmentKey(_ text: String) -> String {
    var key = text.uppercased()
    for prefix in ["EC", "T5", "§"] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
    return String(key.filter { $0.isLetter || $0.isNumber })
  }

  public static let standard = MonitoringReference(
    // Guide §1.2–1.9 and the catalog's document-types table (TC1 = Single Subject, TC2 = Multiple Subject are
    // UNCONFIRMED there). credo-nurse, credo-health, credo-crs, credo-eclad and credo-ebclad are Credo identifiers
    // for documents the catalog does not list yet (§1.4, §1.5).
    documentKinds: [
      "TC1": .singleSubject, "TC2": .multipleSubject, "TC3S": .educationSpecialist,
      "TC3A": .specialistCredential, "MILS": .specialistCredential, "RLLS": .specialistCredential,
      "TC4S": .designatedSubjects, "CTE": .designatedSubjects, "CREDO-DA": .designatedSubjects,
      "RLAA": .addedAuthorization, "SA1": .addedAuthorization, "SA7": .addedAuthorization, "C8": .addedAuthorization,
      "SC2B": .servicesCredential, "CREDO-ASC": .servicesCredential, "CREDO-PPS": .servicesCredential,
      "CREDO-SLP": .servicesCredential, "CREDO-NURSE": .servicesCredential, "CREDO-HEALTH": .servicesCredential,
      "CREDO-CRS": .servicesCredential,
      "CREDO-INTERN-UNIVERSITY": .intern, "CREDO-INTERN-DISTRICT": .intern,
      "CREDO-PIP": .provisionalInternshipPermit, "CREDO-STSP": .shortTermStaffPermit,
      "CREDO-GELAP": .generalEducationLimitedAssignmentPermit,
      "CREDO-SELAP": .specialEducationLimitedAssignmentPermit, "CREDO-TPSL": .statutoryLeavePermit,
      "CREDO-STW": .shortTermWaiver, "CREDO-VTW": .variableTermWaiver,
      "CREDO-ECLAD": .emergencyEnglishLearnerPermit, "CREDO-EBCLAD": .emergencyBilingualPermit,
      "CREDO-SUB30": .substitutePermit, "CREDO-SUB-PROSPECTIVE": .substitutePermit,
      "CREDO-SUB-CAREER": .substitutePermit, "CREDO-CTE-SUB30": .substitutePermit,
      "CREDO-TCC": .temporaryCountyCertificate, "CREDO-COC": .clearance,
    ],
    // Guide §1.3 (specialty areas and disabilities) with CALPADS disability codes. MMSN, ESN, DHH, VI and ECSE follow
    // the guide's lists; the older Mild/Moderate, Moderate/Severe, PHI and LAD lists are UNCONFIRMED readings of
    // "older disability groupings". Added authorizations AAAS, AADB, AAED, AAOH extend a specialty by one area
    // (the OI and TBI added authorizations have no code in the sources and are left out).
    specialEducationAuthorizations: {
      let mmsn: Set<String> = ["210", "260", "270", "280", "290", "310", "320", "330"]
      let esn: Set<String> = ["210", "260", "300", "310", "320", "330"]
      let dhh: Set<String> = ["220", "230", "300"]
      let vi: Set<String> = ["250", "300"]
      let all: Set<String> = [
        "210", "220", "230", "240", "250", "260", "270", "280", "281", "290", "300", "310", "320", "330",
      ]
      return [
        "R3MN": .init(name: "Mild to Moderate Support Needs", disabilityCodes: mmsn, source: "guide 1.3 [S25][S21]"),
        "R3BM": .init(name: "Mild to Moderate Support Needs (bridge)", disabilityCodes: mmsn, source: "guide 1.3"),
        "R3EN": .init(name: "Extensive Support Needs", disabilityCodes: esn, source: "guide 1.3 [S25][S21]"),
        "R3BE": .init(name: "Extensive Support Needs (bridge)", disabilityCodes: esn, source: "guide 1.3"),
        "R3DH": .init(name: "Deaf and Hard of Hearing", disabilityCodes: dhh, source: "guide 1.3 [S21][S27]"),
        "R3HD": .init(name: "Deaf and Hard of Hearing", disabilityCodes: dhh, source: "guide 1.3 [S21][S27]"),
        "R3VI": .init(name: "Visual Impairments", disabilityCodes: vi, source: "guide 1.3 [S21][S27]"),
        "R3VB": .init(name: "Visual Impairments", disabilityCodes: vi, source: "guide 1.3 [S21][S27]"),
        "R3EC": .init(
          name: "Early Childhood Special Education (birth–pre-K)", disabilityCodes: all, highestGrade: .preschool,
          source: "guide 1.3 [S21]"),
        "R3ER": .init(
          name: "Early Childhood Special Education (birth–kindergarten)", disabilityCodes: all,
          highestGrade: .kindergarten, source: "guide 1.3 [S21]"),
        "R3BC": .init(
          name: "Early Childhood Special Education (bridge)", disabilityCodes: all, highestGrade: .kindergarten,
          source: "guide 1.3 [S21]"),
        "R3PI": .init(
          name: "Physical and Health Impairments", disabilityCodes: ["270", "280", "281"],
          source: "guide 1.3 [S21][S27] (areas UNCONFIRMED)"),
        "R3LD": .init(
          name: "Language and Academic Development", disabilityCodes: ["240", "290", "320"],
          source: "guide 1.3 [S53b] (areas UNCONFIRMED)"),
        "R3MM": .init(
          name: "Mild/Moderate Disabilities", disabilityCodes: ["210", "260", "280", "290"],
          source: "guide 1.3 [S21] (areas UNCONFIRMED)"),
        "R3MS": .init(
          name: "Moderate/Severe Disabilities", disabilityCodes: ["210", "260", "300", "310", "320"],
          source: "guide 1.3 [S21] (areas UNCONFIRMED)"),
        "AAAS": .init(
          name: "Added Authorization: Autism Spectrum Disorders", disabilityCodes: ["320"], isSpecialty: false,
          source: "guide 1.3 [S26]"),
        "AADB": .init(
          name: "Added Authorization: Deaf-Blind", disabilityCodes: ["300"], isSpecialty: false,
          source: "guide 1.3 [S26]"),
        "AAED": .init(
          name: "Added Authorization: Emotional Disturbance", disabilityCodes: ["260"], isSpecialty: false,
          source: "guide 1.3 [S26]"),
        "AAOH": .init(
          name: "Added Authorization: Other Health Impairment", disabilityCodes: ["280"], isSpecialty: false,
          source: "guide 1.3 [S26]"),
      ]
    }(),
    // CALPADS primary disability codes (the 14 areas CalSAAS considers, guide §2.2).
    disabilityNames: [
      "210": "Intellectual disability", "220": "Hard of hearing", "230": "Deaf", "240": "Speech or language impairment",
      "250": "Visual impairment", "260": "Emotional disturbance", "270": "Orthopedic impairment",
      "280": "Other health impairment", "281": "Established medical disability", "290": "Specific learning disability",
      "300": "Deaf-blindness", "310": "Multiple disabilities", "320": "Autism", "330": "Traumatic brain injury",
    ],
    // Guide §1.5 table. Keys are an authorization code, or `CODE:SUBJECT` for supplementary authorizations in ESL.
    // BCLAD, BA and BCC are Credo's codes for the bilingual authorizations (the CTC codes are not in the sources,
    // UNCONFIRMED); the language is the authorization's `language`. ESL supplementary authorizations cover only
    // departmentalized ELD (UNCONFIRMED, third-party chart [O16]).
    englishLearnerAuthorizations: [
      "R1CL": .init(
        name: "CLAD", levels: [.integrated, .designated, .departmentalized], source: "guide 1.5 [S30]"),
      "ELA1": .init(
        name: "Full English Learner Authorization", levels: [.integrated, .designated, .departmentalized],
        source: "guide 1.5 [S30][O16]"),
      "ELA2": .init(
        name: "Full English Learner Authorization", levels: [.integrated, .designated, .departmentalized],
        source: "crosswalk"),
      "R1WL": .init(
        name: "Single Subject World Language: ELD", levels: [.integrated, .designated, .departmentalized],
        source: "guide 1.2 [L11-80004]"),
      "ELAM": .init(
        name: "Embedded EL authorization (2014 and later)", levels: [.integrated, .designated],
        isRevisedEmbedded: true, source: "guide 1.5 [S28][S29]"),
      "ELAS": .init(
        name: "Embedded EL authorization (2014 and later)", levels: [.integrated, .designated],
        isRevisedEmbedded: true, source: "guide 1.5 [S28][S29]"),
      "ELAE": .init(
        name: "Embedded EL authorization (2014 and later)", levels: [.integrated, .designated],
        isRevisedEmbedded: true, source: "guide 1.5 [S28][S29]"),
      "ELAP": .init(
        name: "Embedded EL authorization (2014 and later)", levels: [.integrated, .designated],
        isRevisedEmbedded: true, source: "guide 1.5 [S28][S29]"),
      "S17C": .init(
        name: "Clear DS CTE (SDAIE)", levels: [.integrated], careerTechnicalOnly: true,
        source: "guide 1.5 [S28][S51]"),
      "R2B:ESL": .init(
        name: "Supplementary authorization in ESL", levels: [.departmentalized], source: "guide 1.5 [O16]"),
      "R1B:IESL": .init(
        name: "Introductory supplementary authorization in ESL", levels: [.departmentalized],
        source: "guide 1.5 [O16]"),
      "BCLAD": .init(
        name: "BCLAD", levels: [.integrated, .designated, .departmentalized, .primaryLanguage],
        source: "guide 1.5 [S28][S30][S6]"),
      "BA": .init(
        name: "Bilingual Authorization", levels: [.integrated, .designated, .departmentalized, .primaryLanguage],
        source: "guide 1.5 [S28][S30][S6]"),
      "BCC": .init(
        name: "Bilingual Crosscultural Certificate",
        levels: [.integrated, .designated, .departmentalized, .primaryLanguage], source: "guide 1.5 [S6]"),
    ],
    // CRSE 9.20 (guide §4.4): the levels each Education Service Code needs. Code 6 (other EL service) is read as
    // integrated ELD (Credo's choice, UNCONFIRMED).
    englishLearnerServiceLevels: [
      "1": [.primaryLanguage, .designated, .integrated], "2": [.designated], "3": [.integrated],
      "4": [.designated, .integrated], "5": [], "6": [.integrated],
    ],
    // CALPADS language codes for 9.21 (from CALPADS' language code list as remembered, UNCONFIRMED; a bilingual
    // authorization's language may be written as the code or the name).
    languageNames: [
      "01": "Spanish", "02": "Vietnamese", "03": "Cantonese", "04": "Korean", "05": "Filipino", "06": "Portuguese",
      "07": "Mandarin", "08": "Japanese", "09": "Khmer", "10": "Lao", "11": "Arabic", "12": "Armenian",
      "16": "Farsi", "17": "French", "18": "German", "23": "Hmong", "27": "Italian", "28": "Punjabi",
      "29": "Russian", "37": "Sign Language",
    ],
    // Guide §1.4 and §4.5: non-classroom assignment codes and the documents that cover them. The PPS
    // specializations are Credo's authorization codes PPSC (school counseling), PPSP (school psychology), PPSW
    // (school social work), PPSA (child welfare and attendance); the CTC codes are not in the sources (UNCONFIRMED).
    // Administrative codes need the Administrative Services Credential (whether a post needs it depends on duties,
    // T5 80054.5; Credo requires it for these codes).
    serviceRequirements: {
      let asc = ServiceRequirement(
        name: "Administrative Services Credential", documentCodes: ["CREDO-ASC"],
        citation: "EC 44270; T5 80054.5; domain guide §1.4")
      let anyTeaching: Set<DocumentKind> = [.multipleSubject, .singleSubject, .educationSpecialist]
      return [
        "0100": asc, "0102": asc, "0110": asc, "0137": asc, "0301": asc, "0302": asc, "0319": asc,
        "0202": .init(
          name: "PPS: School Psychology", documentCodes: ["CREDO-PPS"], authorizationCodes: ["PPSP"],
          citation: "EC 44266; domain guide §1.4, §4.5"),
        "0203": .init(
          name: "PPS: School Psychology", documentCodes: ["CREDO-PPS"], authorizationCodes: ["PPSP"],
          citation: "EC 44266; domain guide §1.4 (psychometrist reading UNCONFIRMED)"),
        "0205": .init(
          name: "PPS: School Social Work", documentCodes: ["CREDO-PPS"], authorizationCodes: ["PPSW"],
          citation: "EC 44266; domain guide §1.4"),
        "0229": .init(
          name: "PPS: Child Welfare and Attendance", documentCodes: ["CREDO-PPS"], authorizationCodes: ["PPSA"],
          citation: "EC 44266; domain guide §1.4"),
        "0400": .init(
          name: "PPS: School Counseling", documentCodes: ["CREDO-PPS"], authorizationCodes: ["PPSC"],
          citation: "EC 44266; domain guide §1.4, §4.5"),
        "0206": .init(
          name: "School Nurse Services Credential", documentCodes: ["CREDO-NURSE"],
          citation: "EC 44877; domain guide §1.4, §4.5"),
        "0218": .init(
          name: "School Nurse Services Credential", documentCodes: ["CREDO-NURSE"],
          citation: "domain guide §1.4 (DIS nursing reading UNCONFIRMED)"),
        "0209": .init(
          name: "Other Health Services Credential", documentCodes: ["CREDO-HEALTH"], citation: "domain guide §1.4"),
        "0225": .init(
          name: "Clinical or Rehabilitative Services (Orientation and Mobility)", documentCodes: ["CREDO-CRS"],
          citation: "domain guide §1.4"),
        "0211": .init(
          name: "Speech-Language Pathology Services Credential", documentCodes: ["CREDO-SLP"],
          citation: "domain guide §1.4, §4.5 [S48]"),
        "0212": .init(
          name: "Speech-Language Pathology Services Credential (audiology)", documentCodes: ["CREDO-SLP"],
          citation: "domain guide §1.4 [S48]"),
        "6027": .init(
          name: "Teacher Librarian Services Credential", documentCodes: ["SC2B"],
          citation: "EC 44868; domain guide §1.4 [S49]"),
        "6010": .init(
          name: "Teaching credential based on a BA, preparation and student teaching (T5 80020.4)",
          documentKinds: anyTeaching, citation: "T5 80020.4; domain rule 54"),
        "6011": .init(
          name: "Teaching credential based on a BA, preparation and student teaching (T5 80020.4)",
          documentKinds: anyTeaching, citation: "T5 80020.4; domain rule 54"),
        "6014": .init(
          name: "A teaching credential or a substitute permit",
          documentKinds: anyTeaching.union([.designatedSubjects, .substitutePermit, .intern]),
          citation: "T5 80025; domain guide §4.6"),
        "6020": .init(
          name: "A credential (certificated non-instructional service)",
          documentKinds: anyTeaching.union([.designatedSubjects, .servicesCredential, .specialistCredential]),
          citation: "EC 44830; domain guide §4.6"),
        "6099": .init(
          name: "A teaching credential (department chair)", documentKinds: anyTeaching.union([.designatedSubjects]),
          citation: "EC 44830; domain guide §4.6"),
      ]
    }(),
    // Non-classroom codes for licensed non-certificated staff: no CTC credential needed (Credo's reading of §4.6,
    // UNCONFIRMED); they are not monitored.
    servicesNeedingNoCredential: [
      "0213": "Physical therapist", "0223": "Occupational therapist", "0226": "Interpreter for the deaf",
      "0215": "Rehabilitation counselor",
    ],
    // T5 80004 (guide §1.2): Health Science (content area 16) by Life Science holders, and by Physical Education
    // holders whose credential was issued before 1 January 1981 (the document's issue date stands for the first
    // issue, UNCONFIRMED).
    statutoryCourseRules: [
      .init(contentAreaCode: "16", authorizationCode: "R1S", subjectCode: "LS", citation: "T5 80004; domain rule 9"),
      .init(
        contentAreaCode: "16", authorizationCode: "R1S", subjectCode: "PE",
        issuedBefore: CalendarDate(year: 1981, month: 1, day: 1)!, citation: "T5 80004; domain rule 9"),
    ],
    localAssignmentOptionCodes: Dictionary(
      uniqueKeysWithValues: LocalAssignmentOption.allCases.map { (localAssignmentKey($0.rawValue), $0) }),
    departmentalizedELDCourses: ["9104"],
    signLanguageSubcategory: "LANG-37",
    // EC 44258.7(c): the core subjects an elective assignment may not be (English, mathematics, science, social
    // studies): CALPADS content areas 14, 18, 21, 22.
    coreContentAreas: ["14", "18", "21", "22"],
    careerTechnicalContentArea: "40",
    selfContainedCourse: "1000",
    staffDeveloperCourses: ["6010", "6011"]
  )
}
