/// Documents the educator holds that would cover the assignment if they were valid on the date (domain guide §1.1,
/// §1.9; rules 45–49): the engine re-decides with the document made valid, and the remedy says what makes it so.
///
/// - Rule 45: a pending application granted with an issue date on or before the census date leaves no exception
///   (Appropriate Assignment); granted later, the section is a misassignment until the issue date. A Temporary County
///   Certificate (EC 44332) lets the district pay the teacher meanwhile.
/// - Rule 47: a renewal is not retroactive; service between expiry and the new issue date is unauthorized unless a
///   Request for Validation of Service Without a Credential (CTC CL-856) is filed.
/// - Rule 48: a preliminary credential past its expiry cannot be renewed; the teacher must earn the clear credential.
/// - Rule 49: a TCC lasts at most one calendar year; CTC must issue the document it stood for.
/// - A document with no expiration date on file (`document.no_expiration`) is a record to complete.
/// Suspended, revoked, denied and surrendered documents are not the district's to fix and are not suggested.
enum DocumentRemedy {
  /// The invalid documents worth suggesting, each with a copy made valid on `date`.
  static func candidates(
    _ teacher: TeacherProfile?, on date: CalendarDate
  ) -> [(
    document: CredentialDocument, outcome: DocumentValidity.Outcome, valid: CredentialDocument
  )] {
    guard let teacher else { return [] }
    return teacher.documents.compactMap { document in
      let outcome = DocumentValidity.outcome(document, on: date)
      var fixed = document
      fixed.status = .active
      switch outcome {
      case .pending:
        fixed.issueDate = min(document.issueDate, date)
        if fixed.expirationDate.map({ $0 < date }) ?? true { fixed.expirationDate = date.adding(days: 5 * 365) }
      case .expired, .noExpiration:
        fixed.expirationDate = date.adding(days: 5 * 365)
      case .tccExpired:
        // The document the TCC stood for, issued by CTC with the TCC's authorizations.
        fixed.documentCode = ""
        fixed.term = .preliminary
        fixed.title = "CTC document for TCC \(document.documentNumber)"
        fixed.expirationDate = date.adding(days: 5 * 365)
      default:
        return nil
      }
      return (document, outcome, fixed)
    }
  }

  static func sentence(
    _ document: CredentialDocument, _ outcome: DocumentValidity.Outcome, covers what: String, on date: CalendarDate
  ) -> (String, String, ExceptionRemedy.Readiness, Determination?) {
    let name = "\(document.title.isEmpty ? document.documentCode : document.title) \(document.documentNumber)"
    let expired = document.expirationDate?.iso ?? "its expiration date"
    switch outcome {
    case .pending:
      return (
        "The application for \(name), which would cover \(what), is pending. If CTC grants it with an issue date on "
          + "or before \(date.iso), the exception clears; granted later, the assignment is a misassignment until the "
          + "issue date. A Temporary County Certificate lets the district pay the teacher meanwhile (TAMO incomplete).",
        "EC 44332; CalSAAS pending applications [S3]; domain rule 45", .clearsWhenGranted, .appropriateAssignment
      )
    case .expired where document.term == .preliminary:
      return (
        "\(name) would cover \(what) but expired on \(expired), and a preliminary credential cannot be renewed: the "
          + "teacher must complete the clear credential requirements. Service between expiry and the clear "
          + "credential's issue date is unauthorized unless a Request for Validation of Service Without a "
          + "Credential (CTC CL-856) is filed.",
        "T5 80001; CTC CL-856; domain rules 47, 48", .clearsWhenGranted, nil
      )
    case .expired:
      return (
        "\(name) would cover \(what) but expired on \(expired). Renew it; the renewal is not retroactive, so ask CTC "
          + "to validate the service since then (Request for Validation of Service Without a Credential, CL-856).",
        "CTC CL-856; domain rule 47", .clearsWhenGranted, nil
      )
    case .tccExpired:
      return (
        "Temporary County Certificate \(document.documentNumber) ended one year after issue. When CTC issues the "
          + "document it stood for, with an issue date on or before \(date.iso), it covers \(what); the county "
          + "cannot extend the TCC.",
        "EC 44332; domain rules 45, 49", .clearsWhenGranted, nil
      )
    default:
      return (
        "Credo has no expiration date for \(name), which would cover \(what). Enter it from CTC's record; if the "
          + "document was valid on \(date.iso), the exception clears.",
        "T5 80001; domain guide §1.1", .clearsNow, .appropriateAssignment
      )
    }
  }
}

extension SectionRemedies {
  mutating func documentActions() {
    for (document, outcome, fixed) in DocumentRemedy.candidates(assignment.teacher, on: date) {
      guard
        let decision = trialTeacher({ teacher in
          if let i = teacher.documents.firstIndex(of: document) { teacher.documents[i] = fixed }
        })
      else { continue }
      let (sentence, citation, readiness, determination) = DocumentRemedy.sentence(
        document, outcome, covers: courseLabel, on: date)
      add(
        .documentAction(documentNumber: document.documentNumber, validity: outcome), readiness, sentence,
        citation: citation, determination: determination, decision: decision)
    }
  }
}

extension ServiceRemedies {
  mutating func documentActions() {
    for (document, outcome, fixed) in DocumentRemedy.candidates(assignment.teacher, on: date) {
      guard
        let decision = trial({ changed in
          if let i = changed.teacher?.documents.firstIndex(of: document) { changed.teacher!.documents[i] = fixed }
        })
      else { continue }
      let (sentence, citation, readiness, determination) = DocumentRemedy.sentence(
        document, outcome, covers: label, on: date)
      add(
        .documentAction(documentNumber: document.documentNumber, validity: outcome), readiness, sentence,
        citation: citation, determination: determination, decision: decision)
    }
  }
}
