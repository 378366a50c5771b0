/// What a document lets its holder teach, from the CTC course → authorization crosswalk ("Appropriate
/// Credentials for CALPADS State Course Codes", in the catalog's `course-authorizations` table).
///
/// A crosswalk rule matches a document when:
/// - the rule names an authorization code and the document carries that authorization, with the rule's subject
///   when the rule names one (T5 §80004–80005: a Single Subject credential authorizes the subjects printed on
///   it); or
/// - the rule names no authorization but names document codes, and the document is one of them; or
/// - the rule names neither (the source gives only a family, e.g. course 1000 → "Multiple Subject"), and the
///   document's title begins with that family's name.
///
/// Restrictions the rule carries (e.g. "Grade 9 and below", EC 44256(b)/T5 §80089.2 for introductory
/// authorizations) travel with the result; `allows(grade:)` applies the grade one. Which documents are valid on
/// the date is `DocumentValidity`'s decision, made before this one.
public enum TeachableCourses {
  public struct Entry: Sendable, Hashable {
    public var rule: CourseAuthorizationRule
    public var course: StateCourse?
    public var document: CredentialDocument

    public init(rule: CourseAuthorizationRule, course: StateCourse?, document: CredentialDocument) {
      self.rule = rule
      self.course = course
      self.document = document
    }

    /// Whether the rule covers a class at `grade`: the course's grade band, and "grade 9 and below" limits.
    public func allows(grade: GradeLevel) -> Bool {
      if rule.isLimitedToGrade9AndBelow, grade > .g9 { return false }
      if let course, !(course.gradeLow <= grade && grade <= course.gradeHigh) { return false }
      return true
    }
  }

  /// Whether `rule` is satisfied by `document` (see the type's documentation).
  public static func matches(_ rule: CourseAuthorizationRule, _ document: CredentialDocument) -> Bool {
    if !rule.authorizationCode.isEmpty {
      return document.authorizations.contains { authorization in
        authorization.authorizationCode.caseInsensitiveCompare(rule.authorizationCode) == .orderedSame
          && (rule.subjectCode.isEmpty
            || authorization.subjectCode.caseInsensitiveCompare(rule.subjectCode) == .orderedSame)
      }
    }
    if !rule.documentCodes.isEmpty {
      return rule.documentCodes.contains { $0.caseInsensitiveCompare(document.documentCode) == .orderedSame }
    }
    let family = rule.documentTitle.trimmingCharacters(in: .whitespaces).lowercased()
    return !family.isEmpty && document.title.lowercased().hasPrefix(family)
  }

  /// Every course the valid documents authorize, one entry per (course rule, document), sorted by course.
  public static func entries(for validDocuments: [CredentialDocument], catalog: ReferenceCatalog) -> [Entry] {
    var result: [Entry] = []
    for rule in catalog.rules {
      for document in validDocuments where matches(rule, document) {
        result.append(Entry(rule: rule, course: catalog.course(rule.courseCode), document: document))
      }
    }
    return result.sorted {
      ($0.rule.courseCode, $0.document.documentNumber) < ($1.rule.courseCode, $1.document.documentNumber)
    }
  }
}
