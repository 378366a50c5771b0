import Foundation

/// The codes of CDE's public "Teaching Assignment Monitoring Outcomes by FTE" file (domain guide §3.4 and §6, file
/// layout as read by a third party [O13][C4]; interchange spec §4).

/// The `Aggregate Level` column: T state, C county, D district, S school.
public enum TAMOAggregateLevel: String, Sendable, Codable, CaseIterable, Comparable {
  case state = "T"
  case county = "C"
  case district = "D"
  case school = "S"

  public static func < (a: TAMOAggregateLevel, b: TAMOAggregateLevel) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The `Teacher Experience Level` column. Inexperienced = two or fewer years of teaching (SDEM 7.31 Service Years
/// Total), the SBE definition [C1] (domain rules 65, 83).
public enum TAMOExperienceLevel: String, Sendable, Codable, CaseIterable {
  case experienced = "EXP"
  case inexperienced = "INEXP"

  public static let inexperiencedMaximumYears = 2

  /// Nil when the service years are unknown: such FTE counts only in the ALL rows.
  public init?(serviceYearsTotal: Int?) {
    guard let years = serviceYearsTotal else { return nil }
    self = years <= Self.inexperiencedMaximumYears ? .inexperienced : .experienced
  }
}

/// The `Teacher Credential Level` column: FC and NFC, read as fully credentialed and not fully credentialed
/// (the expansion is UNCONFIRMED, domain guide §3.2a step 8).
public enum TAMOCredentialLevel: String, Sendable, Codable, CaseIterable {
  case fullyCredentialed = "FC"
  case notFullyCredentialed = "NFC"

  /// The level when the caller does not know the teacher's documents, read from the outcome alone
  /// (UNCONFIRMED): Clear and Out-of-Field are FC, because both need a full credential (an out-of-field teacher
  /// is "a credentialed teacher" without subject competence, §3.1); Intern, Ineffective, Incomplete, Unknown and
  /// N/A are NFC, because a full credential is not shown. A misassigned credential holder is Ineffective yet FC: the
  /// engine, which sees the documents, passes `TAMOAssignment.credentialLevel` for that.
  public static func reading(_ outcome: TAMOOutcome) -> TAMOCredentialLevel {
    switch outcome {
    case .clear, .outOfField: .fullyCredentialed
    case .intern, .ineffective, .incomplete, .unknown, .notApplicable: .notFullyCredentialed
    }
  }
}

/// The `School Grade Span` column.
public enum TAMOGradeSpan: String, Sendable, Codable, CaseIterable {
  case kTo6 = "GRK6"
  case sixTo9 = "GR69"
  case nineTo12 = "GR912"
  case kTo12 = "GRK12"

  /// Buckets a school's grades (CDE directory `GSoffered`). UNCONFIRMED: CDE's own bucketing is not published in
  /// the sources; Credo uses: highest grade 6 or lower → GRK6; lowest grade 9 or higher (adult schools too) →
  /// GR912; lowest grade 5 or higher and highest 9 or lower (middle schools 5-8, 6-8, 7-8, 7-9) → GR69; anything
  /// else (K-8, K-12, 6-12 …) → GRK12.
  public init(_ span: GradeSpan) {
    if span.high <= .g6 {
      self = .kTo6
    } else if span.low >= .g9 {
      self = .nineTo12
    } else if span.low >= .g5 && span.high <= .g9 {
      self = .sixTo9
    } else {
      self = .kTo12
    }
  }
}

/// The `Subject Area` column (TA, the total, is the absence of a subject).
public enum TAMOSubject: String, Sendable, Codable, CaseIterable, Comparable {
  case agriculture = "AGRI"
  case arts = "ARTS"
  case business = "BUSN"
  case computerEducation = "CPTE"
  case careerTechnicalEducation = "CTED"
  case dance = "DNCE"
  case drama = "DRMT"
  case englishLanguageArts = "ENLA"
  case worldLanguages = "FRLG"
  /// In CDE's list, meaning not found in the sources (UNCONFIRMED); the standard mapping sends nothing here.
  case gadm = "GADM"
  case historySocialScience = "HISS"
  case health = "HLTH"
  case mathematics = "MATH"
  case mediaArts = "MDAR"
  case music = "MUSC"
  case other = "OTHR"
  case physicalEducation = "PHYS"
  case selfContained = "SCCL"
  case science = "SCIE"
  case specialDesignatedSubjects = "SDSU"

  public static func < (a: TAMOSubject, b: TAMOSubject) -> Bool { a.rawValue < b.rawValue }
}

/// Which TAMO subject a course counts under, by the course's CALPADS content area category (domain guide §4.5,
/// §4.6). A value, so an office can correct it when CDE's own crosswalk is found.
///
/// Standard mapping (Credo's choice, UNCONFIRMED against CDE): 10 Art → ARTS; 11 Computer Education → CPTE;
/// 12 Dance → DNCE; 13 Drama/Theatre → DRMT; 14 English (Language Arts) → ENLA; 15 World/Foreign Languages → FRLG;
/// 16 Health → HLTH; 18 Mathematics → MATH; 19 Physical Education → PHYS; 20 Special Designated Subjects (safety,
/// driver education, military science) → SDSU; 21 Science → SCIE; 22 History-Social Science → HISS; 23 Business →
/// BUSN; 24 Media Arts → MDAR; 25 Agriculture → AGRI; 40 Career Technical Education → CTED; 41 Self-Contained Class
/// → SCCL; 42 Music → MUSC; 43 Interdisciplinary / Other Instruction-Related and 44 Work Experience Education →
/// OTHR; a course the catalog does not know → OTHR.
public struct TAMOSubjectMapping: Sendable, Hashable {
  public var byContentArea: [String: TAMOSubject]
  public var fallback: TAMOSubject

  public init(byContentArea: [String: TAMOSubject], fallback: TAMOSubject = .other) {
    self.byContentArea = byContentArea
    self.fallback = fallback
  }

  public static let standard = TAMOSubjectMapping(byContentArea: [
    "10": .arts, "11": .computerEducation, "12": .dance, "13": .drama, "14": .englishLanguageArts,
    "15": .worldLanguages, "16": .health, "18": .mathematics, "19": .physicalEducation,
    "20": .specialDesignatedSubjects, "21": .science, "22": .historySocialScience, "23": .business,
    "24": .mediaArts, "25": .agriculture, "40": .careerTechnicalEducation, "41": .selfContained, "42": .music,
    "43": .other, "44": .other,
  ])

  public func subject(forContentArea code: String) -> TAMOSubject { byContentArea[code] ?? fallback }

  public func subject(forCourse code: String, catalog: ReferenceCatalog) -> TAMOSubject {
    catalog.course(code).map { subject(forContentArea: $0.contentArea.code) } ?? fallback
  }
}
