import CredoDomain
import CredoStore
import Foundation
import SQLKit

/// What queuing a batch of notice requests did.
public struct NoticeEnqueueResult: Sendable, Hashable {
  /// Requests that made notices now.
  public var requestsAnswered = 0
  /// Requests answered before (by an earlier or a concurrent run): nothing was made for them.
  public var requestsAlreadyAnswered = 0
  /// Notices made (one per recipient).
  public var notices = 0
  /// E-mails queued in the outbox.
  public var mailQueued = 0
  /// Audiences that resolved to nobody (`<template> <trigger>: no site administrator on file`).
  public var unreached: [String] = []

  public init() {}
}

/// The entry point for every notice (`NoticeRequest`) a use case wants sent: resolves each audience to people,
/// renders the template for each, keeps the notice in the correspondence history (and the recipients' in-app list),
/// and queues the e-mail in the outbox. A request is answered once: its request key (template, educator or
/// organization, trigger) is checked first, and each notice's dedupe key (request key and recipient) is unique, so
/// two concurrent runs cannot make it twice.
///
/// Audiences (resolved on the day the request is answered):
/// - holder: the educator, at the e-mail on their record (correspondence only, no account);
/// - site administrators: users with `site_administrator` at each school of an employment covering today, else the
///   school's administrator e-mail from the CDE directory;
/// - district analysts: `district_credential_analyst` users of each employing district and of `organizationId`;
/// - county analysts: `county_credential_analyst` users of those districts' counties;
/// - payroll: `payroll` users of each employing district (of the county office when the district has none).
public struct NoticeOutbox: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// Answers `requests` in a transaction of its own. Call it after your own transaction has committed (a notice is
  /// then never about a change that was rolled back); use `enqueue(_:by:in:)` to write inside yours instead.
  @discardableResult
  public func enqueue(_ requests: [NoticeRequest], by viewer: Viewer) async throws -> NoticeEnqueueResult {
    guard !requests.isEmpty else { return NoticeEnqueueResult() }
    try await NoticeTemplates(services).ensureDefaults()
    return try await services.database.transaction { db in
      try await self.enqueue(requests, by: viewer, in: db)
    }
  }

  /// Answers `requests` inside the caller's transaction (`db`): the notices and outbox rows commit or roll back
  /// with the caller's change. The templates must have been written (`NoticeTemplates.ensureDefaults`), which the
  /// first call does outside the transaction.
  public func enqueue(
    _ requests: [NoticeRequest], by viewer: Viewer, in db: any SQLDatabase
  ) async throws -> NoticeEnqueueResult {
    var result = NoticeEnqueueResult()
    let repository = NoticeRepository(db)
    try await repository.insertMissing(DefaultNoticeTemplates.all(at: services.now))
    let templates = Dictionary(
      try await repository.templates().map { ($0.templateKey, $0) }, uniquingKeysWith: { first, _ in first })
    if let unknown = requests.first(where: { templates[$0.template] == nil }) {
      throw CoreError.notFound("Notice template \(unknown.template)")
    }
    let answered = try await repository.answeredRequests(Array(Set(requests.map(\.requestKey))))
    var resolver = AudienceResolver(db: db, today: services.today.date)
    try await resolver.preloadPlaces(
      Array(Set(requests.filter { !answered.contains($0.requestKey) }.compactMap(\.educatorId))))
    var seen: Set<String> = []
    let now = services.now
    for request in requests {
      guard !answered.contains(request.requestKey), seen.insert(request.requestKey).inserted else {
        result.requestsAlreadyAnswered += 1
        continue
      }
      let template = templates[request.template]!
      let context = try await resolver.context(for: request)
      let channels = Set(request.channels ?? [.email, .inApp])
      var madeAny = false
      for audience in request.audience {
        let recipients = try await resolver.recipients(audience, for: request)
        if recipients.isEmpty {
          result.unreached.append("\(request.template) \(request.trigger): no \(audience.label) on file")
        }
        for recipient in recipients {
          let rendered = try NoticeRenderer().render(
            template,
            context: NoticeRenderer.context(
              facts: request.facts, recipientName: recipient.name, recipientRole: audience.label,
              recipientEmail: recipient.email, organizationName: context.organizationName,
              organizationAddress: context.organizationAddress, date: services.today.date))
          let notice = StoredNotice(
            id: UUID(), dedupeKey: request.requestKey + "|" + recipient.key, requestKey: request.requestKey,
            templateKey: request.template, educatorId: request.educatorId, organizationId: request.organizationId,
            trigger: request.trigger, audience: audience.rawValue, recipientKey: recipient.key,
            recipientUserId: channels.contains(.inApp) ? recipient.userId : nil, recipientName: recipient.name,
            recipientEmail: recipient.email, subject: rendered.subject, emailBody: rendered.emailBody,
            letterBody: rendered.letterBody, dueOn: request.dueOn.iso, createdBy: viewer.actor.name, createdAt: now)
          if try await repository.insert(notice, queueMailAt: channels.contains(.email) ? now : nil) {
            madeAny = true
            result.notices += 1
            if channels.contains(.email) && !recipient.email.isEmpty { result.mailQueued += 1 }
          }
        }
      }
      if madeAny { result.requestsAnswered += 1 }
    }
    if !result.unreached.isEmpty {
      services.logger.notice(
        "Some notice audiences have nobody on file", metadata: ["count": "\(result.unreached.count)"])
    }
    return result
  }
}

extension NoticeAudience {
  public var label: String {
    switch self {
    case .holder: "Document holder"
    case .siteAdministrators: "Site administrator"
    case .districtAnalysts: "District credential analyst (certificated assignments)"
    case .countyAnalysts: "County credential analyst"
    case .payroll: "Payroll"
    }
  }
}

/// Resolves audiences to people for one batch, caching what several requests share (a school's principal).
struct AudienceResolver {
  let db: any SQLDatabase
  let today: CalendarDate
  var organizations: [UUID: Organization] = [:]
  var users: [String: [RoleRecipient]] = [:]
  var educators: [UUID: Educator] = [:]
  var places: [UUID: [(districtId: UUID, schoolId: UUID?, countyCode: String)]] = [:]

  init(db: any SQLDatabase, today: CalendarDate) {
    self.db = db
    self.today = today
  }

  struct Recipient {
    var key: String
    var userId: UUID?
    var name: String
    var email: String
  }

  struct Letterhead {
    var organizationName: String
    var organizationAddress: String
  }

  mutating func organization(_ id: UUID) async throws -> Organization? {
    if let cached = organizations[id] { return cached }
    let found = try await OrganizationRepository(db).find(id: id)
    organizations[id] = found
    return found
  }

  mutating func educator(_ id: UUID) async throws -> Educator? {
    if let cached = educators[id] { return cached }
    let found = try await EducatorRepository(db).find(id: id)
    educators[id] = found
    return found
  }

  /// Reads the places of many educators in a few queries (the requests of one batch).
  mutating func preloadPlaces(_ educatorIds: [UUID]) async throws {
    let missing = educatorIds.filter { places[$0] == nil }
    guard !missing.isEmpty else { return }
    for (id, found) in try await NoticeRepository(db).places(educatorIds: missing, on: today) { places[id] = found }
  }

  mutating func placesOf(
    _ request: NoticeRequest
  ) async throws -> (
    districts: [UUID], schools: [UUID], counties: [String]
  ) {
    var districts: [UUID] = []
    var schools: [UUID] = []
    var counties: [String] = []
    if let educatorId = request.educatorId {
      if places[educatorId] == nil {
        places[educatorId] = try await NoticeRepository(db).places(educatorId: educatorId, on: today)
      }
      for place in places[educatorId] ?? [] {
        districts.append(place.districtId)
        if let school = place.schoolId { schools.append(school) }
        counties.append(place.countyCode)
      }
    }
    if let organizationId = request.organizationId, let organization = try await organization(organizationId) {
      switch organization.kind {
      case .school:
        schools.append(organization.id)
        if let parent = organization.parentId { districts.append(parent) }
      case .district: districts.append(organization.id)
      case .county: break
      }
      counties.append(organization.cdsCode.countyCode.digits)
    }
    func unique<T: Hashable>(_ values: [T]) -> [T] {
      var seen: Set<T> = []
      return values.filter { seen.insert($0).inserted }
    }
    return (unique(districts), unique(schools), unique(counties))
  }

  mutating func context(for request: NoticeRequest) async throws -> Letterhead {
    let places = try await placesOf(request)
    let senderId = request.organizationId ?? places.districts.first
    if let senderId, let organization = try await organization(senderId) {
      let address = [
        organization.street,
        [organization.city, "CA", organization.zip].filter { !$0.isEmpty }
          .joined(separator: " "),
      ].filter { !$0.isEmpty && $0 != "CA" }.joined(separator: ", ")
      return Letterhead(organizationName: organization.name, organizationAddress: address)
    }
    return Letterhead(organizationName: "Credentials office", organizationAddress: "")
  }

  mutating func usersWith(
    _ role: Role, organizations ids: [UUID], counties: [String] = []
  ) async throws
    -> [RoleRecipient]
  {
    let key = "\(role.rawValue)|\(ids.map(\.uuidString).sorted().joined(separator: ","))|\(counties.sorted())"
    if let cached = users[key] { return cached }
    let found = try await NoticeRepository(db).users(role: role, organizationIds: ids, countyCodes: counties)
    users[key] = found
    return found
  }

  mutating func recipients(_ audience: NoticeAudience, for request: NoticeRequest) async throws -> [Recipient] {
    let places = try await placesOf(request)
    func people(_ users: [RoleRecipient]) -> [Recipient] {
      users.map { Recipient(key: "user:\($0.userId.uuidString)", userId: $0.userId, name: $0.name, email: $0.email) }
    }
    switch audience {
    case .holder:
      guard let id = request.educatorId, let educator = try await educator(id) else { return [] }
      let name = [educator.firstName, educator.lastName].filter { !$0.isEmpty }.joined(separator: " ")
      return [Recipient(key: "educator:\(id.uuidString)", userId: nil, name: name, email: educator.email)]
    case .siteAdministrators:
      var result: [Recipient] = []
      for school in places.schools {
        let users = try await usersWith(.siteAdministrator, organizations: [school])
        if !users.isEmpty {
          result += people(users)
        } else if let organization = try await organization(school), !organization.administratorEmail.isEmpty {
          // No Credo account at the school: the principal named in the CDE directory.
          let name =
            organization.administratorName.isEmpty ? "Principal, \(organization.name)" : organization.administratorName
          result.append(
            Recipient(
              key: "email:\(organization.administratorEmail.lowercased())", userId: nil, name: name,
              email: organization.administratorEmail))
        }
      }
      return result
    case .districtAnalysts:
      return people(try await usersWith(.districtCredentialAnalyst, organizations: places.districts))
    case .countyAnalysts:
      return people(try await usersWith(.countyCredentialAnalyst, organizations: [], counties: places.counties))
    case .payroll:
      let district = try await usersWith(.payroll, organizations: places.districts)
      if !district.isEmpty { return people(district) }
      return people(try await usersWith(.payroll, organizations: [], counties: places.counties))
    }
  }
}
