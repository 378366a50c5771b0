import CredoDomain
import CredoStore
import Foundation

/// `credo demo`: writes a `DemoDataSet` and the demo accounts into an empty database, in one transaction.
public struct DemoLoader: Sendable {
  let services: CredoServices

  public init(_ services: CredoServices) { self.services = services }

  /// The password of every demo account. It is printed by `credo demo` and `credo serve --demo`; a demo
  /// database is for trying Credo out, never for real records.
  public static let password = "credo-demo-2026"

  public struct DemoAccount: Sendable, Hashable {
    public var username: String
    public var role: Role
    public var organization: String
  }

  public struct Result: Sendable {
    public var size: DemoSize
    public var organizations: Int
    public var educators: Int
    public var employments: Int
    public var sections: Int
    public var exceptions: Int
    public var accounts: [DemoAccount]
    public var seconds: Double
  }

  public enum LoadError: Error, CustomStringConvertible {
    case notEmpty(educators: Int, organizations: Int)
    public var description: String {
      switch self {
      case .notEmpty(let educators, let organizations):
        "The database already holds \(organizations) organizations and \(educators) educators; the demo loads only into an empty database. Use a new --database file."
      }
    }
  }

  /// Whether the database has no organizations yet (so `serve --demo` knows to load).
  public func isEmpty() async throws -> Bool {
    try await OrganizationRepository(services.database.sql).count() == 0
  }

  /// `timings`, when given, gets the wall time of generating and of writing each table (`credo demo --timings`).
  /// With `monitor` false the CALPADS submission is written but not monitored (`credo bench monitor` times the run
  /// on its own). With `calpadsFile` the submission's SDEM, SASS and CRSE records go to that file instead of the
  /// database (for `credo import calpads`), and nothing is monitored; the rosters are still written to the database
  /// (a state year's `section-students.csv` would have 60 million rows).
  public func load(
    size: DemoSize, timings: PhaseTimings? = nil, monitor: Bool = true, calpadsFile: String? = nil,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws -> Result {
    let started = Date()
    let organizationCount = try await OrganizationRepository(services.database.sql).count()
    let educatorCount = try await EducatorRepository(services.database.sql).count()
    guard organizationCount == 0, educatorCount == 0 else {
      throw LoadError.notEmpty(educators: educatorCount, organizations: organizationCount)
    }
    progress("Generating the \(size.rawValue) data set…")
    let data = DemoDataSet.generate(size: size, today: services.today.date)
    timings?.end("generate")
    let accounts: [(String, String, Role, Organization)] = [
      ("admin", "Demo Administrator", .systemAdministrator, data.county),
      ("county.analyst", "County Credential Analyst", .countyCredentialAnalyst, data.county),
      ("district.a", "District A Credential Analyst", .districtCredentialAnalyst, data.districtA),
      ("district.b", "District B Credential Analyst", .districtCredentialAnalyst, data.districtB),
      ("principal", "Principal, \(data.schoolA.name)", .siteAdministrator, data.schoolA),
      ("payroll", "Payroll Technician", .payroll, data.districtA),
      ("custodian", "Custodian of Records", .custodianOfRecords, data.county),
      ("auditor", "Auditor", .auditor, data.county),
    ]
    let year = services.schoolYear
    let submission = DemoCalpads.generate(data, year: year, terms: DemoCalpads.terms(for: size))
    timings?.end("generate CALPADS submission")
    let hash = try services.passwords.hash(Self.password)
    timings?.end("hash password")
    let now = services.now
    progress(
      "Writing \(data.organizations.count) organizations, \(data.educators.count) educators, \(data.employments.count) employment records, \(data.documents.count) credential documents…"
    )
    try await services.database.transaction(bulk: true) { db in
      try await OrganizationRepository(db).insert(data.organizations, now: now)
      timings?.end("write organizations")
      try await EducatorRepository(db).insert(data.educators, now: now)
      timings?.end("write educators")
      try await EducatorRepository(db).insert(data.employments, now: now)
      timings?.end("write employments")
      for note in data.notes { try await NoteRepository(db).insert(note) }
      timings?.end("write notes")
      try await CredentialRepository(db).insertVersions(
        data.documents, source: "demo", recordedBy: "system", at: now, timings: timings)
      let calpads = CalpadsRepository(db)
      if calpadsFile == nil {
        try await calpads.replaceByLEA(
          year: year, staff: submission.extract.staff, assignments: submission.extract.assignments,
          sections: submission.extract.sections, digest: "demo", importRunId: UUID(), at: now)
      }
      try await calpads.replaceRosters(year: year, submission.rosters)
      timings?.end("write CALPADS submission")
      let users = UserRepository(db)
      for (username, display, role, organization) in accounts {
        let account = UserAccount(
          id: UUID(), username: username, displayName: display, email: "\(username)@demo.example.org")
        try await users.insert(account, passwordHash: hash, now: now)
        try await users.grant(userId: account.id, role: role, organizationId: organization.id, now: now)
      }
      try await ImportRunRepository(db).insert(
        ImportRun(
          id: UUID(), kind: "demo", fileName: "demo --size \(size.rawValue)", sha256: "", rows: data.educators.count,
          inserted: data.organizations.count + data.educators.count + data.employments.count, updated: 0, unchanged: 0,
          actorName: "system", startedAt: now, finishedAt: now))
      timings?.end("write accounts, import run")
    }
    timings?.end("commit")
    if let calpadsFile {
      try CalpadsFile.write(submission.extract, to: calpadsFile)
      timings?.end("write CALPADS file")
      progress("Wrote \(submission.extract.records) CALPADS records to \(calpadsFile).")
    }
    var exceptions = 0
    if monitor, calpadsFile == nil {
      progress(
        "Monitoring \(submission.extract.sections.count) sections and \(submission.extract.assignments.count) staff assignments of \(year)…"
      )
      let monitored = try await Monitor(services).run(
        year: year, by: .system(), keepOutcomes: false, progress: { progress("  " + $0) })
      exceptions = monitored.run.exceptions
      timings?.end("monitor")
    }
    // The demo county reviews year-round on its own cycle, opened two weeks ago, so the exception review can be
    // worked at once (CalSAAS's own cycle for the year would start next August).
    let today = services.today.date
    try await ExceptionReview(services).setCycle(
      year: year, monitoringStart: today.adding(days: -14), leaWindowDays: 60, authorityWindowDays: 90,
      finalization: nil, by: .system())
    timings?.end("exception cycle")
    try await loadPayAndCTC(data, today: today)
    timings?.end("pay periods, CTC actions")
    return Result(
      size: size, organizations: data.organizations.count, educators: data.educators.count,
      employments: data.employments.count, sections: submission.extract.sections.count,
      exceptions: exceptions,
      accounts: accounts.map { DemoAccount(username: $0.0, role: $0.2, organization: $0.3.name) },
      seconds: Date().timeIntervalSince(started))
  }

  /// Monthly pay periods for each district, the current month's paid a few days from today, evaluated so that
  /// `/pay` shows real holds (expired and pending documents in the data set); and a small CTC action list: one row
  /// matching an SEID (applied), one matching a name and birth date only (a candidate to confirm), one matching nobody.
  func loadPayAndCTC(_ data: DemoDataSet, today: CalendarDate) async throws {
    let pay = PayRelease(services)
    let districts = data.organizations.filter { $0.kind == .district }
    var periods: [PayPeriod] = []
    for district in districts {
      guard let code = district.place.district else { continue }
      for offset in -2...1 {
        var month = today.month + offset
        var year = today.year
        while month < 1 {
          month += 12
          year -= 1
        }
        while month > 12 {
          month -= 12
          year += 1
        }
        let days = CalendarDate.daysIn(month: month, year: year)
        let start = CalendarDate(year: year, month: month, day: 1)!
        let end = CalendarDate(year: year, month: month, day: days)!
        let payday = CalendarDate(year: year, month: month, day: min(days, today.day + 4))!
        periods.append(
          PayPeriod(id: UUID(), districtId: district.id, district: code, start: start, end: end, payday: payday))
      }
    }

    // The CTC list: educators of district A, so its analyst sees them.
    let inA = Set(data.employments.filter { $0.districtId == data.districtA.id }.map(\.educatorId))
    let holders = Set(data.documents.filter { $0.status == .active }.map(\.educatorId))
    let candidates = data.educators.filter { inA.contains($0.id) && holders.contains($0.id) && $0.seid != nil }
    // The CTC list first, so the pay runs below already see the suspension it applies.
    if candidates.count >= 2, let seidMatch = candidates.first, let byName = candidates.last,
      let birth = byName.birthDate
    {
      func csvField(_ text: String) -> String { "\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"" }
      let suspensionEnd = today.adding(days: 180)
      let lines = [
        "name,seid,birth_date,action,effective_date,end_date,document,source",
        "\(csvField("\(seidMatch.lastName), \(seidMatch.firstName)")),\(seidMatch.seid!.digits),\(seidMatch.birthDate?.iso ?? ""),suspension,\(today.adding(days: -3).iso),\(suspensionEnd.iso),,APB",
        // The list spells the name in capitals without the SEID: a candidate for an analyst to confirm.
        "\(csvField("\(byName.lastName.uppercased()), \(byName.firstName.uppercased())")),,\(birth.iso),revocation,\(today.adding(days: -1).iso),,,APB",
        "\(csvField("Nobody-Known, Pat")),,1970-01-01,suspension,\(today.adding(days: -10).iso),,,license-match",
      ]
      _ = try await CTCActions(services).importList(
        data: Data(lines.joined(separator: "\n").utf8), fileName: "demo-apb.csv", by: .system())
    }
    try await PayRepository(services.database.sql).insertPeriods(periods, by: "system", at: services.now)
    for period in periods where period.start <= today {
      _ = try await pay.evaluate(periodId: period.id, by: .system())
    }
  }
}
