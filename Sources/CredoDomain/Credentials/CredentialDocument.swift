import Foundation

/// Where a CTC document stands (CTC status values as district HR systems carry them).
public enum DocumentStatus: String, Sendable, Codable, CaseIterable {
  case active, expired, suspended, revoked, denied, pending, surrendered

  public var label: String { rawValue.capitalized }
}

/// The term (level) of a document: what kind of validity and renewal it has (domain guide §1.1).
public enum CredentialTerm: String, Sendable, Codable, CaseIterable {
  case preliminary = "Preliminary"
  case clear = "Clear"
  case professionalClear = "Professional Clear"
  case life = "Life"
  case levelI = "Level I"
  case levelII = "Level II"
  case intern = "Intern"
  case permit = "Permit"
  case waiver = "Waiver"
  case certificate = "Certificate"
  case temporaryCountyCertificate = "Temporary County Certificate"

  /// Accepts the spellings of `credentials.csv` case-insensitively (`clear`, `Professional Clear`, `TCC`).
  public init?(text: String) {
    let wanted = text.trimmedOfWhitespace.lowercased()
    if wanted == "tcc" {
      self = .temporaryCountyCertificate
      return
    }
    guard let match = CredentialTerm.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
    self = match
  }

  /// Life documents never expire (issued until 1 Sept 1985; domain guide §1.1).
  public var expires: Bool { self != .life }
}

/// Whether a subject on a document is a major (full authorization) or a minor (supplementary).
public enum SubjectKind: String, Sendable, Codable, CaseIterable {
  case major, minor
}

/// One authorization printed on a document, with its subject and, for bilingual authorizations, the language.
public struct DocumentAuthorization: Sendable, Codable, Hashable, Comparable {
  public var authorizationCode: String
  public var subjectCode: String
  public var subjectKind: SubjectKind?
  public var language: String

  public init(
    authorizationCode: String, subjectCode: String = "", subjectKind: SubjectKind? = nil, language: String = ""
  ) {
    self.authorizationCode = authorizationCode
    self.subjectCode = subjectCode
    self.subjectKind = subjectKind
    self.language = language
  }

  public static func < (lhs: DocumentAuthorization, rhs: DocumentAuthorization) -> Bool {
    (lhs.authorizationCode, lhs.subjectCode, lhs.language) < (rhs.authorizationCode, rhs.subjectCode, rhs.language)
  }

  public var summary: String {
    [authorizationCode, subjectCode, subjectKind?.rawValue ?? "", language].filter { !$0.isEmpty }.joined(
      separator: " ")
  }
}

/// One version of a CTC document held by an educator. Every change (renewal, status change, correction)
/// is a new version; earlier versions are kept as the document's history.
public struct CredentialDocument: Sendable, Codable, Hashable, Identifiable {
  public var id: UUID
  public var educatorId: UUID
  public var documentNumber: String
  public var version: Int
  /// CTC credential title code (e.g. TC1).
  public var documentCode: String
  public var title: String
  public var term: CredentialTerm
  public var issueDate: CalendarDate
  public var expirationDate: CalendarDate?
  public var status: DocumentStatus
  /// For a suspension: its first and last day (EC 44421, 44424).
  public var statusFrom: CalendarDate?
  public var statusUntil: CalendarDate?
  /// Permits valid only for the employer that requested them (T5 §80023.2, §80026): the district's CD code.
  public var employerRestriction: DistrictCode?
  /// CTC renewal requirement codes printed on the document (e.g. R14I induction).
  public var renewalCodes: [String]
  /// When the document was registered with the county office (EC 44330), if it was.
  public var registeredOn: CalendarDate?
  public var authorizations: [DocumentAuthorization]

  public init(
    id: UUID, educatorId: UUID, documentNumber: String, version: Int = 1, documentCode: String, title: String,
    term: CredentialTerm, issueDate: CalendarDate, expirationDate: CalendarDate?, status: DocumentStatus,
    statusFrom: CalendarDate? = nil, statusUntil: CalendarDate? = nil, employerRestriction: DistrictCode? = nil,
    renewalCodes: [String] = [], registeredOn: CalendarDate? = nil, authorizations: [DocumentAuthorization]
  ) {
    self.id = id
    self.educatorId = educatorId
    self.documentNumber = documentNumber
    self.version = version
    self.documentCode = documentCode
    self.title = title
    self.term = term
    self.issueDate = issueDate
    self.expirationDate = expirationDate
    self.status = status
    self.statusFrom = statusFrom
    self.statusUntil = statusUntil
    self.employerRestriction = employerRestriction
    self.renewalCodes = renewalCodes
    self.registeredOn = registeredOn
    self.authorizations = authorizations
  }

  /// Whether two versions say the same thing (ignoring identity and version number): re-importing an
  /// unchanged document adds no version.
  public func sameContent(as other: CredentialDocument) -> Bool {
    var a = self
    var b = other
    a.id = b.id
    a.version = b.version
    a.educatorId = b.educatorId
    a.authorizations.sort()
    b.authorizations.sort()
    return a == b
  }
}

extension CredentialDocument: Auditable {
  public static let auditEntity = "credential_document"
  public var auditFields: [(String, String?)] {
    [
      ("document_number", documentNumber), ("document_code", documentCode.nilIfEmpty), ("title", title.nilIfEmpty),
      ("term", term.rawValue), ("issue_date", issueDate.iso), ("expiration_date", expirationDate?.iso),
      ("status", status.rawValue), ("status_from", statusFrom?.iso), ("status_until", statusUntil?.iso),
      ("employer_restriction", employerRestriction?.digits),
      ("renewal_codes", renewalCodes.joined(separator: " ").nilIfEmpty),
      ("registered_on", registeredOn?.iso),
      ("authorizations", authorizations.sorted().map(\.summary).joined(separator: "; ").nilIfEmpty),
    ]
  }
}
