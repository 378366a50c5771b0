/// The choices a monitoring office may make differently where the domain guide
/// (`shared/domain/california-credentialing.md`) marks the rule UNCONFIRMED or leaves it to the LEA/CTC. Each setting
/// names the guide section or rule it stands for; `standard` is what Credo does unless an office changes it, and
/// `docs/rules/assignment-engine.md` says why each default was chosen.
public struct MonitoringPolicy: Sendable, Hashable {
  /// Rule 11: whether Geometry (9255) counts as curriculum of grade 9 and below for introductory authorizations
  /// (R1B, SMAB). CALPADS flags 9255 SEC only, so the default is no; the guide calls it an LEA/CTC judgement.
  public var geometryIsIntroductoryContent: Bool
  /// Rule 11: further state course codes the office treats as grade-9-and-below curriculum, beyond those CALPADS
  /// flags ELM or MID (course grade ranges).
  public var introductoryContentCourses: Set<String>
  /// §3.1, §3.2a step 5: the TAMO outcome of an assignment legal only through a local assignment option other than
  /// T5 80005(b) (which CTC counts as fully prepared). CTC dashboards count LAO users out-of-field; UNCONFIRMED for
  /// TAMO.
  public var localAssignmentOptionOutcome: TAMOOutcome
  /// Rules 36–38: the substitute permit day limits (T5 80025, 80025.1, 80025.2), or the temporary SB 1397 ones.
  public var substituteDayLimits: SubstituteDayLimits
  /// §2.2: a 9.35 local assignment option code with no approval recorded in Credo. CalSAAS carries 9.35 codes over
  /// as predetermined, so the default accepts them (holder and general-education checks still apply).
  public var acceptsLocalAssignmentCodeWithoutRecord: Bool
  /// Rule 52: whether an EC 44865 setting needs the teacher's consent recorded (an EC 44865 approval with a consent
  /// date, or 9.35). The statute requires consent; CalSAAS treats alternative settings as hidden predetermined, so
  /// the default does not require a record.
  public var ec44865RequiresRecordedConsent: Bool
  /// Rule 56: the day the 2019-20 charter teacher grace period ended (AB 1505; 1 July 2025).
  public var charterGraceEnds: CalendarDate
  /// Rule 56: charter teachers whose employment started on or before this day were "employed in 2019-20".
  public var charterGraceEmployedBy: CalendarDate
  /// Crosswalk rows that name only a document family that normally carries a subject ("Single Subject Teaching
  /// Credential" for World Languages I, no subject): true matches them by title like `TeachableCourses.matches`;
  /// false ignores them (the office then reviews such sections as exceptions).
  public var matchesSubjectlessCrosswalkRows: Bool
  /// Rule 25: whether transitional kindergarten counts as pre-kindergarten for the ECSE birth–pre-K authorization
  /// (R3EC). UNCONFIRMED; the default says yes (TK precedes kindergarten).
  public var transitionalKindergartenIsPreKindergarten: Bool

  public init(
    geometryIsIntroductoryContent: Bool = false, introductoryContentCourses: Set<String> = [],
    localAssignmentOptionOutcome: TAMOOutcome = .outOfField, substituteDayLimits: SubstituteDayLimits = .regulation,
    acceptsLocalAssignmentCodeWithoutRecord: Bool = true, ec44865RequiresRecordedConsent: Bool = false,
    charterGraceEnds: CalendarDate = CalendarDate(year: 2025, month: 7, day: 1)!,
    charterGraceEmployedBy: CalendarDate = CalendarDate(year: 2020, month: 6, day: 30)!,
    matchesSubjectlessCrosswalkRows: Bool = true, transitionalKindergartenIsPreKindergarten: Bool = true
  ) {
    self.geometryIsIntroductoryContent = geometryIsIntroductoryContent
    self.introductoryContentCourses = introductoryContentCourses
    self.localAssignmentOptionOutcome = localAssignmentOptionOutcome
    self.substituteDayLimits = substituteDayLimits
    self.acceptsLocalAssignmentCodeWithoutRecord = acceptsLocalAssignmentCodeWithoutRecord
    self.ec44865RequiresRecordedConsent = ec44865RequiresRecordedConsent
    self.charterGraceEnds = charterGraceEnds
    self.charterGraceEmployedBy = charterGraceEmployedBy
    self.matchesSubjectlessCrosswalkRows = matchesSubjectlessCrosswalkRows
    self.transitionalKindergartenIsPreKindergarten = transitionalKindergartenIsPreKindergarten
  }

  public static let standard = MonitoringPolicy()
}

/// Day limits of the substitute permits (domain guide §1.7, rules 36–38).
public struct SubstituteDayLimits: Sendable, Hashable {
  /// Emergency 30-Day Substitute Teaching Permit (and the prospective-teacher permit): days per absent teacher per
  /// school year in general education (T5 80025).
  public var perTeacher: Int
  /// The same in special education classes.
  public var perTeacherSpecialEducation: Int
  /// Prospective-teacher permit: total days per school year (T5 80025.2).
  public var prospectiveTotal: Int
  /// Career substitute permit: days per absent teacher per school year (T5 80025.1).
  public var careerPerTeacher: Int
  /// Career substitute permit in special education: the sources give none (UNCONFIRMED); Credo uses the
  /// general-education special-education limit scaled like the others unless an office sets it.
  public var careerPerTeacherSpecialEducation: Int

  public init(
    perTeacher: Int, perTeacherSpecialEducation: Int, prospectiveTotal: Int, careerPerTeacher: Int,
    careerPerTeacherSpecialEducation: Int
  ) {
    self.perTeacher = perTeacher
    self.perTeacherSpecialEducation = perTeacherSpecialEducation
    self.prospectiveTotal = prospectiveTotal
    self.careerPerTeacher = careerPerTeacher
    self.careerPerTeacherSpecialEducation = careerPerTeacherSpecialEducation
  }

  /// T5 80025, 80025.1, 80025.2 as the guide reads them: 30 / 20 in SpEd / 90 total / career 60. The career
  /// permit's special education limit is UNCONFIRMED; Credo applies 20, as for the other permits.
  public static let regulation = SubstituteDayLimits(
    perTeacher: 30, perTeacherSpecialEducation: 20, prospectiveTotal: 90, careerPerTeacher: 60,
    careerPerTeacherSpecialEducation: 20)

  /// The temporary SB 1397 flexibility: 60 days per teacher, 40 in special education (dates UNCONFIRMED, so an
  /// office opts in). The prospective-teacher total is not changed by the summary the guide cites.
  public static let sb1397 = SubstituteDayLimits(
    perTeacher: 60, perTeacherSpecialEducation: 40, prospectiveTotal: 90, careerPerTeacher: 60,
    careerPerTeacherSpecialEducation: 40)
}
