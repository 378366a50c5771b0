import CredoDomain
import CredoStore
import Foundation
import Mustache

/// A notice rendered for one recipient.
public struct RenderedNotice: Sendable, Hashable {
  public var subject: String
  public var emailBody: String
  /// HTML: the letter page prints it between its letterhead styles.
  public var letterBody: String
}

/// Renders notice templates (Mustache). Subjects and e-mail bodies are plain text, letters HTML (values escaped).
public struct NoticeRenderer: Sendable {
  public init() {}

  /// The values a template sees: the notice's facts, the recipient, the sending organization and the date, plus
  /// `renewal_items` (one `{{text}}` per renewal requirement line) and `has_renewal`, `items` (one `{{text}}` per line
  /// of the `items` fact) and `has_items`.
  public static func context(
    facts: [String: String], recipientName: String, recipientRole: String, recipientEmail: String,
    organizationName: String, organizationAddress: String, date: CalendarDate
  ) -> [String: Any] {
    var context: [String: Any] = facts
    let renewal = (facts["renewal_requirements"] ?? "").split(separator: "\n").map { ["text": String($0)] }
    context["renewal_items"] = renewal
    context["has_renewal"] = !renewal.isEmpty
    // A list of lines (the exceptions of a cycle-close notice): one {{text}} per line.
    let items = (facts["items"] ?? "").split(separator: "\n").map { ["text": String($0)] }
    context["items"] = items
    context["has_items"] = !items.isEmpty
    // Mustache treats any non-empty string as true; a fact "escalated" of "" or "no" must not open the section.
    context["escalated"] = ["yes", "true", "1"].contains(facts["escalated"]?.lowercased() ?? "")
    context["recipient_name"] = recipientName
    context["recipient_role"] = recipientRole
    context["recipient_email"] = recipientEmail
    context["organization_name"] = organizationName
    context["organization_address"] = organizationAddress
    context["date"] = longDate(date)
    context["date_iso"] = date.iso
    return context
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  public static func longDate(_ date: CalendarDate) -> String { "\(months[date.month - 1]) \(date.day), \(date.year)" }

  /// Parses one template text; text templates escape nothing.
  static func parse(_ text: String, html: Bool) throws -> MustacheTemplate {
    try MustacheTemplate(string: html ? text : "{{% CONTENT_TYPE: TEXT}}" + text)
  }

  public func render(_ template: NoticeTemplateRecord, context: [String: Any]) throws -> RenderedNotice {
    let subject = try Self.parse(template.subject, html: false).render(context)
    return RenderedNotice(
      subject: subject.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces),
      emailBody: try Self.parse(template.emailBody, html: false).render(context),
      letterBody: try Self.parse(template.letterBody, html: true).render(context))
  }

  /// Problems with a template's syntax, field by field, with the line and column of each.
  public static func problems(subject: String, emailBody: String, letterBody: String) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    for (field, text) in [("subject", subject), ("email_body", emailBody), ("letter_body", letterBody)] {
      if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        problems.append(FieldProblem(field: field, message: "Write the text; it may not be empty."))
        continue
      }
      do { _ = try MustacheTemplate(string: text) } catch let error as MustacheTemplate.ParserError {
        problems.append(
          FieldProblem(
            field: field,
            message:
              "Mustache syntax error on line \(error.context.lineNumber), column \(error.context.columnNumber): \(describe(error.error)) (near “\(error.context.line.trimmingCharacters(in: .whitespaces))”)."
          ))
      } catch {
        problems.append(FieldProblem(field: field, message: "Mustache syntax error: \(error)."))
      }
    }
    return problems
  }

  static func describe(_ error: any Error) -> String {
    switch error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
    case .unfinishedName: "a tag is not closed with }}"
    case .expectedSectionEnd: "a section {{#…}} is never closed with {{/…}}"
    case .invalidSetDelimiter: "the set-delimiter tag is malformed"
    default: "\(error)"
    }
  }
}

/// The notice templates as offices edit them: listed, previewed with sample values, and saved after their syntax is
/// checked (county and district credential analysts and system administrators).
public struct NoticeTemplates: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// Writes the shipped defaults whose keys are not stored yet.
  public func ensureDefaults() async throws {
    try await NoticeRepository(services.database.sql).insertMissing(DefaultNoticeTemplates.all(at: services.now))
  }

  static let editors: Set<Role> = [.systemAdministrator, .countyCredentialAnalyst, .districtCredentialAnalyst]

  public static func mayEdit(_ viewer: Viewer) -> Bool {
    viewer.isSystem || viewer.roles.contains { editors.contains($0.role) }
  }

  func requireEditor(_ viewer: Viewer) throws {
    guard Self.mayEdit(viewer) else {
      throw CoreError.forbidden("notice templates (credential analysts and system administrators)")
    }
  }

  public func list(by viewer: Viewer) async throws -> [NoticeTemplateRecord] {
    try requireEditor(viewer)
    try await ensureDefaults()
    return try await NoticeRepository(services.database.sql).templates()
  }

  public func template(key: String, by viewer: Viewer) async throws -> NoticeTemplateRecord {
    try requireEditor(viewer)
    try await ensureDefaults()
    guard let template = try await NoticeRepository(services.database.sql).template(key: key) else {
      throw CoreError.notFound("Notice template \(key)")
    }
    return template
  }

  /// The template rendered with sample values (or the problems that prevent rendering).
  public func preview(_ template: NoticeTemplateRecord) -> Result<RenderedNotice, CoreError> {
    let problems = NoticeRenderer.problems(
      subject: template.subject, emailBody: template.emailBody, letterBody: template.letterBody)
    guard problems.isEmpty else { return .failure(.invalid(problems)) }
    let context = NoticeRenderer.context(
      facts: DefaultNoticeTemplates.sampleFacts, recipientName: "Jordan Lee", recipientRole: "Site administrator",
      recipientEmail: "jlee@example.org", organizationName: "Example Unified School District",
      organizationAddress: "100 Main Street, Example, CA", date: services.today.date)
    do { return .success(try NoticeRenderer().render(template, context: context)) } catch {
      return .failure(.invalid([FieldProblem(field: "template", message: "\(error)")]))
    }
  }

  /// Saves an edited template; refuses invalid syntax (with the line) and edits made meanwhile by someone else.
  public func save(
    key: String, subject: String, emailBody: String, letterBody: String, expectedVersion: Int, by viewer: Viewer
  ) async throws -> NoticeTemplateRecord {
    let existing = try await template(key: key, by: viewer)
    let problems = NoticeRenderer.problems(subject: subject, emailBody: emailBody, letterBody: letterBody)
    guard problems.isEmpty else { throw CoreError.invalid(problems) }
    guard existing.version == expectedVersion else {
      throw CoreError.conflict("Someone else saved this template after you opened it. Reload it and edit again.")
    }
    var edited = existing
    edited.subject = subject
    edited.emailBody = emailBody
    edited.letterBody = letterBody
    edited.updatedBy = viewer.actor.name
    edited.updatedAt = services.now
    let now = services.now
    let record = edited
    let saved = try await services.database.transaction { db in
      guard try await NoticeRepository(db).save(record, expectedVersion: expectedVersion) else { return false }
      try await AuditRepository(db).record(
        [
          AuditChange(field: "subject", oldValue: existing.subject, newValue: subject),
          AuditChange(field: "email_body", oldValue: existing.emailBody, newValue: emailBody),
          AuditChange(field: "letter_body", oldValue: existing.letterBody, newValue: letterBody),
        ].filter { $0.oldValue != $0.newValue }, entityType: "notice_template", entityId: Self.entityId(key),
        action: .update, actor: viewer.actor, at: now)
      return true
    }
    guard saved else {
      throw CoreError.conflict("Someone else saved this template after you opened it. Reload it and edit again.")
    }
    edited.version = expectedVersion + 1
    return edited
  }

  /// A stable audit id for a template key.
  static func entityId(_ key: String) -> UUID {
    ExceptionReview.entityId(SchoolYear(startYear: 2000), "notice-template:\(key)")
  }
}
