import CredoDomain
import Foundation

/// Synthetic CTC document portfolios for demo educators, shaped by their job and school: Multiple Subject
/// credentials at elementary schools, Single Subject with subjects at secondary schools, Education Specialist
/// for special education, services credentials for counselors, psychologists, speech-language pathologists
/// and librarians, interns and permits for provisional and probationary hires, substitute permits, and a
/// realistic share of expired, expiring, suspended, pending and unregistered documents.
enum DemoPortfolios {
  static let subjects: [(code: String, title: String)] = [
    ("MATH", "Mathematics"), ("ENGL", "English"), ("SS", "Social Science"), ("SBS", "Science: Biological Sciences"),
    ("SC", "Science: Chemistry"), ("SP", "Science: Physics"), ("ART", "Art"), ("MUSI", "Music"),
    ("PE", "Physical Education"),
    ("FLS", "Foreign Language: Spanish"),
  ]

  static func generate(
    educator: Educator, employment: EmploymentRecord, school: Organization?, today: CalendarDate, serial: inout Int,
    rng: inout SeededGenerator
  ) -> [CredentialDocument] {
    func number() -> String {
      serial += 1
      return String(200_000_000 + serial * 7)
    }
    /// A document issued some years ago with the usual validity, a few lapsing soon or already expired.
    func dates(years: Int) -> (CalendarDate, CalendarDate) {
      let roll = rng.int(1...100)
      let expiration: CalendarDate =
        roll <= 6
        ? today.adding(days: -rng.int(1...400))  // expired
        : roll <= 14
          ? today.adding(days: rng.int(0...120))  // expiring within four months
          : today.adding(days: rng.int(121...(years * 365 - 30)))
      let issue = CalendarDate(year: expiration.year - years, month: expiration.month, day: min(expiration.day, 28))!
      return (issue, expiration)
    }
    func document(
      _ code: String, _ title: String, _ term: CredentialTerm, years: Int, _ authorizations: [DocumentAuthorization],
      renewal: [String] = [], restriction: DistrictCode? = nil
    ) -> CredentialDocument {
      let (issue, expiration) = dates(years: years)
      var status: DocumentStatus = expiration < today ? .expired : .active
      var from: CalendarDate? = nil
      var until: CalendarDate? = nil
      let roll = rng.int(1...1000)
      if roll <= 3 {
        status = .suspended
        from = today.adding(days: -rng.int(10...60))
        until = today.adding(days: rng.int(30...200))
      } else if roll <= 4 {
        status = .revoked
      } else if roll <= 14 {
        status = .pending
      }
      return CredentialDocument(
        id: rng.uuid(), educatorId: educator.id, documentNumber: number(), documentCode: code, title: title, term: term,
        issueDate: issue, expirationDate: term == .life ? nil : expiration, status: status, statusFrom: from,
        statusUntil: until, employerRestriction: restriction, renewalCodes: renewal,
        registeredOn: rng.chance(0.9) ? issue.adding(days: rng.int(5...60)) : nil, authorizations: authorizations)
    }

    let level = school?.schoolTypeCode ?? ""
    let elementary = level == "60" || level == "61"
    let title = employment.jobTitle
    let preliminary = rng.chance(0.3)
    let term: CredentialTerm = preliminary ? .preliminary : .clear
    let renewal = preliminary ? ["R14I"] : ["1"]
    let district = employment.place.district
    var documents: [CredentialDocument] = []

    switch employment.status {
    case .substitute:
      documents.append(
        document(
          "credo-sub30", "Emergency 30-Day Substitute Teaching Permit", .permit, years: 1, [], restriction: nil))
      return documents
    case .provisional:
      documents.append(
        document(
          "credo-pip", "Provisional Internship Permit", .permit, years: 1,
          [],
          restriction: district))
      return documents
    default:
      break
    }

    if title.hasPrefix("Special Education") || title == "Resource Specialist" {
      let area = rng.chance(0.7) ? "R3MN" : "R3EN"
      documents.append(
        document(
          "TC3S", "Education Specialist Instruction Credential", term, years: 5,
          [DocumentAuthorization(authorizationCode: area), DocumentAuthorization(authorizationCode: "ELAE")],
          renewal: preliminary ? ["R19N"] : ["1"]))
      if title == "Resource Specialist" {
        documents.append(
          document(
            "SA1", "Resource Specialist Added Authorization", .clear, years: 5,
            [DocumentAuthorization(authorizationCode: "RSAA")]))
      }
    } else if title == "Counselor" || title == "School Psychologist" {
      // Credo's codes for the PPS specializations (see the monitoring reference tables).
      let specialization = title == "Counselor" ? "PPSC" : "PPSP"
      documents.append(
        document(
          "credo-pps", "Pupil Personnel Services Credential", .clear, years: 5,
          [DocumentAuthorization(authorizationCode: specialization)], renewal: ["1"]))
    } else if title == "Speech-Language Pathologist" {
      documents.append(
        document("credo-slp", "Speech-Language Pathology Services Credential", .clear, years: 5, [], renewal: ["1"]))
    } else if title == "Teacher Librarian" {
      documents.append(
        document(
          "SC2B", "Teacher Librarian Services Credential", .clear, years: 5,
          [DocumentAuthorization(authorizationCode: "R53A")]))
      documents.append(
        document(
          "TC2", "Multiple Subject Teaching Credential", .clear, years: 5,
          [DocumentAuthorization(authorizationCode: "ELAM")]))
    } else if elementary {
      var authorizations = [DocumentAuthorization(authorizationCode: "ELAM")]
      if rng.chance(0.1) {
        authorizations.append(DocumentAuthorization(authorizationCode: "R2B", subjectCode: "MATH", subjectKind: .minor))
      }
      if employment.status == .probationary && rng.chance(0.1) {
        documents.append(
          document("credo-intern-university", "University Intern Credential", .intern, years: 2, authorizations))
      } else {
        documents.append(
          document("TC2", "Multiple Subject Teaching Credential", term, years: 5, authorizations, renewal: renewal))
      }
    } else {
      let subject = rng.pick(subjects)
      var authorizations = [
        DocumentAuthorization(authorizationCode: "R1S", subjectCode: subject.code, subjectKind: .major),
        DocumentAuthorization(authorizationCode: "ELAS"),
      ]
      if rng.chance(0.15) {
        let second = rng.pick(subjects)
        if second.code != subject.code {
          authorizations.append(
            DocumentAuthorization(authorizationCode: "R1B", subjectCode: second.code, subjectKind: .minor))
        }
      }
      if employment.status == .probationary && rng.chance(0.1) {
        documents.append(
          document(
            "credo-intern-university", "University Intern Credential", .intern, years: 2,
            [DocumentAuthorization(authorizationCode: "R1S", subjectCode: subject.code, subjectKind: .major)]))
      } else {
        documents.append(
          document("TC1", "Single Subject Teaching Credential", term, years: 5, authorizations, renewal: renewal))
      }
    }
    if title == "Assistant Principal" {
      documents.append(
        document("credo-asc", "Administrative Services Credential", .clear, years: 5, [], renewal: ["1"]))
    }
    if rng.chance(0.05) {
      documents.append(
        document(
          "BCLAD", "Bilingual Authorization", .clear, years: 5,
          [DocumentAuthorization(authorizationCode: "BIL", language: "Spanish")]))
    }
    return documents
  }
}
