/// One state course as the engine looks it up on every decision: the catalog's course and grade-range flags and the
/// CTC crosswalk rows for it, compiled once in `AssignmentEngine.init` into upper-case keys and dictionaries so that
/// a decision does no lower-casing, set building or sorting (domain guide §4.4–4.6, §7 A).
final class CourseProfile: Sendable {
  /// How a crosswalk restriction limits a rule (T5 80089.1–80089.3; domain rules 5, 11).
  enum GradeRestriction: Sendable {
    case none
    /// "Grade 9 and below" (supplementary authorization on a Multiple Subject credential): the students.
    case studentsGrade9AndBelow
    /// "Curriculum grade 9 and below" (introductory supplementary and subject matter authorizations): the content;
    /// students may be in any grade.
    case curriculumGrade9AndBelow
  }

  final class Rule: @unchecked Sendable {
    let source: CourseAuthorizationRule
    /// Upper case; empty when the rule names no subject (`NONE`).
    let subject: String
    /// `subject` as a code number (`CodeTable.empty` when none).
    let subjectCode: Int32
    let restriction: GradeRestriction
    /// Title-only rows: the document family in upper case ("MULTIPLE SUBJECT").
    let family: String
    /// Title-only rows of families that normally carry a subject ("Single Subject Teaching Credential").
    let familyNeedsSubject: Bool
    let subcategorySuffix: String?
    let isFull: Bool
    /// The fixed part of the explanation of an authorization through this rule (" authorizes 9249 Algebra I through
    /// R1S Mathematics"), written once.
    var explanationTail: String = ""

    init(
      source: CourseAuthorizationRule, subject: String, subjectCode: Int32, restriction: GradeRestriction,
      family: String, familyNeedsSubject: Bool
    ) {
      self.source = source
      self.subject = subject
      self.subjectCode = subjectCode
      self.restriction = restriction
      self.family = family
      self.familyNeedsSubject = familyNeedsSubject
      subcategorySuffix = source.subcategorySuffix
      isFull = source.coverage == .full
    }
  }

  /// Rule indices for one code number, in the crosswalk's order.
  struct CodeRules: Sendable {
    var code: Int32
    var rules: [Int]
  }

  let code: String
  /// `code` as a code number: a waiver's authorization code can name the course.
  let codeNumber: Int32
  let course: StateCourse?
  let name: String
  /// "9249 Algebra I", written once.
  let label: String
  let contentArea: String
  /// CALPADS flags the course ELM or MID (or the office lists it): its curriculum counts as grade 9 and below.
  let introductoryContent: Bool
  let isSelfContained: Bool
  let isCareerTechnical: Bool
  let isDepartmentalizedELD: Bool
  let isWorldLanguage: Bool
  let isCollegeCredit: Bool
  let isCoreSubject: Bool
  let isStaffDeveloper: Bool
  let rules: [Rule]
  /// Rule indices by authorization code number (a few per course: a list beats hashing).
  let byAuthorization: [CodeRules]
  /// Rules that name document codes but no authorization, by document code number.
  let byDocumentCode: [CodeRules]
  /// Title-only rules.
  let familyRules: [Int]
  /// Upper-case subject codes the course's rules name (a local assignment option given by subject applies).
  let subjects: Set<String>
  let statutoryRules: [StatutoryCourseRule]
  /// Each statutory rule's authorization and subject code numbers.
  let statutoryCodes: [(code: Int32, subject: Int32)]
  /// Some rule limits the students to grade 9 and below: the grades are worked out before matching.
  let needsStudentGrades: Bool
  /// The digests of `label` and of each rule's `explanationTail`, for a finding's fingerprint
  /// (`FindingProse.digest(into:)`). Declared last: the fields above are read by every decision.
  let labelDigest: StableDigest
  let explanationDigests: [StableDigest]

  init(
    code: String, course: StateCourse?, gradeRange: CourseGradeRange?, rules source: [CourseAuthorizationRule],
    reference: MonitoringReference, policy: MonitoringPolicy, codes: CodeTable
  ) {
    self.code = code
    codeNumber = codes.id(code)
    self.course = course
    name = course?.name ?? ""
    label = name.isEmpty ? "course " + code : code + " " + name
    let contentArea = course?.contentArea.code ?? ""
    self.contentArea = contentArea
    var introductory = (gradeRange?.elementary ?? false) || (gradeRange?.middle ?? false)
    if code == "9255" { introductory = policy.geometryIsIntroductoryContent }
    if policy.introductoryContentCourses.contains(code) { introductory = true }
    introductoryContent = introductory
    isSelfContained = code == reference.selfContainedCourse
    isCareerTechnical =
      contentArea == reference.careerTechnicalContentArea || (code >= "7000" && code <= "8999" && code.count == 4)
    isDepartmentalizedELD = reference.departmentalizedELDCourses.contains(code)
    isWorldLanguage = contentArea == "15"
    isCollegeCredit = (course?.name ?? "").lowercased().hasPrefix("college credit")
    isCoreSubject = reference.coreContentAreas.contains(contentArea)
    isStaffDeveloper = reference.staffDeveloperCourses.contains(code)
    let area = course?.contentArea.code ?? ""
    statutoryRules = reference.statutoryCourseRules.filter { $0.contentAreaCode == area && !area.isEmpty }
    statutoryCodes = statutoryRules.map { (codes.id($0.authorizationCode), codes.id($0.subjectCode)) }

    let subjectFamilies = [
      "SINGLE SUBJECT", "CURRENTLY ISSUED SINGLE SUBJECT", "SUPPLEMENTARY", "SPECIFIC SUPPLEMENTARY",
      "INTRODUCTORY SUPPLEMENTARY", "SPECIFIC SUBJECT MATTER", "INTRODUCTORY SUBJECT MATTER",
    ]
    let compiled = source.map { rule in
      let subject = rule.hasSubject ? rule.subjectCode.uppercased() : ""
      let restriction: GradeRestriction
      let lowered = rule.restrictions.map { $0.lowercased() }
      if lowered.contains(where: { $0.hasPrefix("curriculum grade") }) {
        restriction = .curriculumGrade9AndBelow
      } else if lowered.contains("grade 9 and below") {
        restriction = .studentsGrade9AndBelow
      } else {
        restriction = .none
      }
      let family =
        rule.authorizationCode.isEmpty && rule.documentCodes.isEmpty
        ? rule.documentTitle.trimmingCharacters(in: .whitespaces).uppercased() : ""
      return Rule(
        source: rule, subject: subject, subjectCode: codes.id(subject), restriction: restriction, family: family,
        familyNeedsSubject: !family.isEmpty && subjectFamilies.contains { family.hasPrefix($0) })
    }

    for rule in compiled {
      let source = rule.source
      var tail = " authorizes " + label + " through "
      if !source.authorizationCode.isEmpty { tail += source.authorizationCode + " " }
      tail += source.subjectName.isEmpty ? source.documentTitle : source.subjectName
      if source.coverage == .limited {
        tail += " within its restrictions (" + source.restrictions.joined(separator: "; ") + ")"
      }
      rule.explanationTail = tail
    }
    rules = compiled
    var byAuthorization: [CodeRules] = []
    var byDocumentCode: [CodeRules] = []
    func add(_ code: Int32, _ rule: Int, to list: inout [CodeRules]) {
      if let at = list.firstIndex(where: { $0.code == code }) {
        list[at].rules.append(rule)
      } else {
        list.append(CodeRules(code: code, rules: [rule]))
      }
    }
    var familyRules: [Int] = []
    var subjects: Set<String> = []
    for (i, rule) in rules.enumerated() {
      if !rule.subject.isEmpty { subjects.insert(rule.subject) }
      if !rule.source.authorizationCode.isEmpty {
        add(codes.id(rule.source.authorizationCode), i, to: &byAuthorization)
      } else if !rule.source.documentCodes.isEmpty {
        for document in rule.source.documentCodes { add(codes.id(document), i, to: &byDocumentCode) }
      } else if !rule.family.isEmpty {
        familyRules.append(i)
      }
    }
    self.byAuthorization = byAuthorization
    self.byDocumentCode = byDocumentCode
    self.familyRules = familyRules
    self.subjects = subjects
    needsStudentGrades = compiled.contains { $0.restriction == .studentsGrade9AndBelow }
    labelDigest = StableHasher.digest(label)
    explanationDigests = compiled.map { StableHasher.digest($0.explanationTail) }
  }
}

// MARK: - Allocation-free text comparison

/// ASCII case-insensitive equality without allocating (codes are ASCII; the fast path is plain equality).
@inline(__always)
func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
  if a == b { return true }
  guard a.utf8.count == b.utf8.count else { return false }
  return zip(a.utf8, b.utf8).allSatisfy { x, y in
    x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 97 && (x | 0x20) <= 122)
  }
}

/// Whether `text` begins with `prefix` (given in upper case), ignoring ASCII case, without allocating.
func hasPrefixIgnoringCase(_ text: String, upperPrefix prefix: String) -> Bool {
  var iterator = text.utf8.makeIterator()
  for p in prefix.utf8 {
    guard let c = iterator.next() else { return false }
    let upper = (c >= 97 && c <= 122) ? c - 32 : c
    if upper != p { return false }
  }
  return true
}

/// Whether `text` contains `needle` (given in upper case), ignoring ASCII case.
func containsIgnoringCase(_ text: String, upperNeedle needle: String) -> Bool {
  text.uppercased().contains(needle)
}

/// A dictionary lookup by code that tries the code as written, then upper-cased only when it has lower-case letters.
@inline(__always)
func lookup<Value>(_ dictionary: [String: Value], _ code: String) -> Value? {
  if let value = dictionary[code] { return value }
  guard code.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) else { return nil }
  return dictionary[code.uppercased()]
}

/// Concatenates strings into one allocation, copying UTF-8 bytes directly (explanations are written for every
/// returned finding, and `String.append` per piece costs more than the rules). Fixed parameters rather than a
/// variadic list: a variadic call allocates an array of its arguments.
func concat(
  _ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "", _ f: String = "",
  _ g: String = "", _ h: String = "", _ i: String = "", _ j: String = ""
) -> String {
  let count =
    a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count + g.utf8.count
    + h.utf8.count + i.utf8.count + j.utf8.count
  if count == 0 { return "" }
  return String(unsafeUninitializedCapacity: count) { buffer in
    var offset = 0
    append(a, to: buffer, at: &offset)
    append(b, to: buffer, at: &offset)
    append(c, to: buffer, at: &offset)
    append(d, to: buffer, at: &offset)
    append(e, to: buffer, at: &offset)
    append(f, to: buffer, at: &offset)
    append(g, to: buffer, at: &offset)
    append(h, to: buffer, at: &offset)
    append(i, to: buffer, at: &offset)
    append(j, to: buffer, at: &offset)
    return offset
  }
}

/// Copies `part`'s UTF-8 bytes into `buffer` at `offset` (a parameter, not a captured variable: a captured one is
/// boxed and checked for exclusive access on every use).
@inline(__always)
private func append(_ part: String, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int) {
  if part.isEmpty { return }
  let start = offset
  let copied = part.utf8.withContiguousStorageIfAvailable { bytes -> Int in
    let n = min(bytes.count, buffer.count - start)
    buffer.baseAddress!.advanced(by: start).update(from: bytes.baseAddress!, count: n)
    return n
  }
  if let copied {
    offset += copied
    return
  }
  for byte in part.utf8 where offset < buffer.count {
    buffer[offset] = byte
    offset += 1
  }
}

/// `YYYY-MM-DD` without intermediate strings (a small string: no allocation).
func isoText(_ date: CalendarDate) -> String {
  var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  let y = date.year
  let zero = UInt8(ascii: "0")
  let dash = UInt8(ascii: "-")
  bytes = (
    zero + UInt8(y / 1000 % 10), zero + UInt8(y / 100 % 10), zero + UInt8(y / 10 % 10), zero + UInt8(y % 10), dash,
    zero + UInt8(date.month / 10), zero + UInt8(date.month % 10), dash, zero + UInt8(date.day / 10),
    zero + UInt8(date.day % 10)
  )
  return withUnsafeBytes(of: &bytes) { String(decoding: $0, as: UTF8.self) }
}
