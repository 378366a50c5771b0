import CredoDomain
import CredoStore
import Foundation

/// Everything the educator page shows, already cut to what the viewer may see.
public struct EducatorDetail: Sendable {
  public var educator: Educator
  public var employments: [EmploymentSummary]
  public var history: [AuditEntry]
  /// Notes the viewer may read (general ones, and confidential ones of entitled categories; each
  /// confidential one shown was logged).
  public var notes: [EducatorNote]
  /// Confidential notes the viewer may not read, counted by category, so they know a file exists.
  public var restrictedNoteCounts: [NoteCategory: Int]
  /// Categories the viewer may add a note in.
  public var writableNoteCategories: [NoteCategory]
  public var canEdit: Bool
  /// Reads of this person's confidential notes, for those entitled to one of them.
  public var accessLog: [AuditRepository.AccessEntry]
  /// Current CTC documents, each with whether it is valid today and why.
  public var documents: [(document: CredentialDocument, validity: DocumentValidity.Decision)]
  /// Every version of every document, newest first.
  public var documentHistory: [DocumentVersion]
  /// The date validity was decided for.
  public var asOf: CalendarDate
}

/// Changes a user may make to an educator's identifying fields.
public struct EducatorChanges: Sendable {
  public var seid: String
  public var firstName: String
  public var middleName: String
  public var lastName: String
  public var birthDate: String
  public var email: String

  public init(seid: String, firstName: String, middleName: String, lastName: String, birthDate: String, email: String) {
    self.seid = seid
    self.firstName = firstName
    self.middleName = middleName
    self.lastName = lastName
    self.birthDate = birthDate
    self.email = email
  }
}

/// Reading and editing educators' records.
public struct EducatorRecords: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  private var educators: EducatorRepository { EducatorRepository(services.database.sql) }

  public func list(
    _ filter: EducatorFilter, window: ListWindow, by viewer: Viewer, forExport: Bool = false
  ) async throws
    -> Page<EducatorSummary>
  {
    let scope = try viewer.require(forExport ? .exportData : .viewRecords, forExport ? "exporting" : "viewing records")
    var page = try await educators.list(filter, scope: scope, window: window)
    // An educator who also worked elsewhere is listed, but the other employer's records stay with that employer.
    for i in page.items.indices {
      page.items[i].employments.removeAll { !scope.covers($0.record.place) }
    }
    return page
  }

  /// The educator's page. `showNotes` is false for uses that do not show notes (the edit form, the API), so
  /// the access log records only reads that happened.
  public func detail(id: UUID, by viewer: Viewer, showNotes: Bool = true) async throws -> EducatorDetail {
    let scope = try viewer.require(.viewRecords, "viewing records")
    guard let educator = try await educators.find(id: id),
      try await educators.isVisible(educatorId: id, scope: scope)
    else { throw CoreError.notFound("Educator") }
    let employments = try await educators.employments(of: id).filter { scope.covers($0.record.place) }
    let places = employments.map(\.record.place)
    let history = try await AuditRepository(services.database.sql).history(
      entityType: Educator.auditEntity, entityId: id, limit: 100)

    // Confidential categories this viewer may read for this person: entitled role, in scope.
    var readable: Set<NoteCategory> = [.general]
    for category in ConfidentialCategory.allCases where viewer.scope(for: category).covers(anyOf: places) {
      readable.insert(NoteCategory(rawValue: category.rawValue)!)
    }
    let notes =
      showNotes ? try await NoteRepository(services.database.sql).notes(educatorId: id, categories: readable) : []
    // Whether criminal history or medical records exist is itself confidential (PC 11142): only discipline
    // files are counted for those who may not read them.
    let counts = try await NoteRepository(services.database.sql).counts(educatorId: id)
    let restricted = counts.filter { !readable.contains($0.key) && $0.key == .discipline }
    let now = services.now
    let confidentialShown = notes.filter { $0.category.confidential != nil }
    if !confidentialShown.isEmpty {
      try await AuditRepository(services.database.sql).logAccess(
        confidentialShown.map {
          AuditRepository.AccessEntry(
            at: now, userId: viewer.account?.id, username: viewer.actor.name, entityType: "educator_note",
            entityId: $0.id, subjectId: id, category: $0.category.rawValue,
            purpose: "educator page (\(viewer.channel))",
            address: viewer.address)
        })
    }
    let canEdit = viewer.scope(for: .editRecords).covers(anyOf: places)
    let writable = NoteCategory.allCases.filter { category in
      guard canEdit || category.confidential != nil else { return false }
      return readable.contains(category)
    }
    // The access log shows reads of the categories the viewer may read, and no others.
    let accessLog =
      readable.count > 1
      ? try await AuditRepository(services.database.sql).accessLog(subjectId: id, limit: 50)
        .filter { NoteCategory(rawValue: $0.category).map(readable.contains) ?? false } : []
    let today = services.today.date
    let credentials = CredentialRepository(services.database.sql)
    let documents = try await credentials.current(educatorId: id).map { ($0, DocumentValidity.decide($0, on: today)) }
    let documentHistory = try await credentials.history(educatorId: id)
    return EducatorDetail(
      educator: educator, employments: employments, history: history, notes: notes, restrictedNoteCounts: restricted,
      writableNoteCategories: writable, canEdit: canEdit, accessLog: accessLog, documents: documents,
      documentHistory: documentHistory, asOf: today)
  }

  /// Validates and saves changes to an educator, recording each changed field in the audit trail.
  @discardableResult
  public func update(id: UUID, changes: EducatorChanges, by viewer: Viewer) async throws -> Educator {
    let scope = try viewer.require(.editRecords, "editing records")
    guard let current = try await educators.find(id: id), try await educators.isVisible(educatorId: id, scope: scope)
    else { throw CoreError.notFound("Educator") }
    var problems: [FieldProblem] = []
    var updated = current
    let seidText = changes.seid.trimmingCharacters(in: .whitespaces)
    if seidText.isEmpty {
      updated.seid = nil
    } else if let seid = SEID(seidText) {
      updated.seid = seid
    } else {
      problems.append(FieldProblem(field: "seid", message: "An SEID is 10 digits (and never 9999999999)."))
    }
    updated.firstName = changes.firstName.trimmingCharacters(in: .whitespaces)
    updated.middleName = changes.middleName.trimmingCharacters(in: .whitespaces)
    updated.lastName = changes.lastName.trimmingCharacters(in: .whitespaces)
    if updated.lastName.isEmpty { problems.append(FieldProblem(field: "last_name", message: "Enter the last name.")) }
    if updated.firstName.isEmpty {
      problems.append(FieldProblem(field: "first_name", message: "Enter the first name."))
    }
    let birth = changes.birthDate.trimmingCharacters(in: .whitespaces)
    if birth.isEmpty {
      updated.birthDate = nil
    } else if let date = CalendarDate(parsing: birth), date < services.today.date {
      updated.birthDate = date
    } else {
      problems.append(FieldProblem(field: "birth_date", message: "Enter a past date as YYYY-MM-DD."))
    }
    updated.email = changes.email.trimmingCharacters(in: .whitespaces)
    if !updated.email.isEmpty, !updated.email.contains("@") {
      problems.append(FieldProblem(field: "email", message: "'\(updated.email)' is not an e-mail address."))
    }
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    let diff = updated.changes(from: current)
    guard !diff.isEmpty else { return current }
    let now = services.now
    let final = updated
    do {
      try await services.database.transaction { db in
        try await EducatorRepository(db).update(final, now: now)
        try await AuditRepository(db).record(
          diff, entityType: Educator.auditEntity, entityId: id, action: .update, actor: viewer.actor, at: now)
      }
    } catch StoreError.duplicate {
      throw CoreError.invalid([FieldProblem(field: "seid", message: "Another educator already has SEID \(seidText).")])
    }
    return updated
  }

  /// Adds a note to an educator's file; confidential categories only by roles entitled to read them.
  public func addNote(educatorId: UUID, category: NoteCategory, body: String, by viewer: Viewer) async throws {
    let detail = try await detail(id: educatorId, by: viewer, showNotes: false)
    guard detail.writableNoteCategories.contains(category) else {
      throw CoreError.forbidden("adding \(category.label.lowercased()) notes")
    }
    let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty, text.count <= 10_000 else {
      throw CoreError.invalid([FieldProblem(field: "body", message: "Write a note of 1-10,000 characters.")])
    }
    let note = EducatorNote(
      id: UUID(), educatorId: educatorId, category: category, body: text, authorId: viewer.account?.id,
      authorName: viewer.actor.name, createdAt: services.now)
    let now = services.now
    try await services.database.transaction { db in
      try await NoteRepository(db).insert(note)
      // The audit trail says a note was added and of which kind, never what a confidential one says.
      try await AuditRepository(db).record(
        [
          AuditChange(
            field: "note", oldValue: nil, newValue: category.confidential == nil ? text : "(\(category.label) note)")
        ],
        entityType: Educator.auditEntity, entityId: educatorId, action: .update, actor: viewer.actor, at: now)
    }
  }
}
