import CredoCore
import CredoDomain
import CredoStore
import CredoTestSupport
import Foundation
import Testing

/// A real SMTP server (aiosmtpd, `Tests/mail/smtp_sink.py`) on a loopback port, started per test, writing every
/// message it accepts to a directory the test reads back.
final class SMTPSink: @unchecked Sendable {
  let process = Process()
  let input = Pipe()
  let directory: URL
  let port: Int

  /// The python with aiosmtpd (`scripts/test` installs it and sets `CREDO_TEST_SMTP_PYTHON`).
  static var python: String { ProcessInfo.processInfo.environment["CREDO_TEST_SMTP_PYTHON"] ?? "/usr/bin/env" }
  static var pythonArguments: [String] {
    ProcessInfo.processInfo.environment["CREDO_TEST_SMTP_PYTHON"] == nil ? ["python3"] : []
  }

  /// Whether aiosmtpd can be imported; under CI its absence fails the tests rather than skipping them.
  static let available: Bool = {
    let check = Process()
    check.executableURL = URL(fileURLWithPath: python)
    check.arguments = pythonArguments + ["-c", "import aiosmtpd"]
    check.standardError = FileHandle.nullDevice
    guard (try? check.run()) != nil else { return false }
    check.waitUntilExit()
    return check.terminationStatus == 0
  }()

  static var required: Bool { ["true", "1", "yes"].contains(ProcessInfo.processInfo.environment["CI"] ?? "") }

  init(arguments: [String] = []) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("credo-smtp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("mail/smtp_sink.py").path
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = Self.pythonArguments + [script, "--dir", directory.path, "--lifetime", "300"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = input
    try process.run()
    // "READY <port>" once listening.
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
      process.terminate()
      throw SettingProblem("the SMTP test server did not start: \(text)")
    }
    self.port = port
  }

  /// The messages received so far: (envelope JSON, message bytes as text).
  func messages() throws -> [(envelope: [String: Any], text: String)] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".eml") }
      .sorted()
    return try names.map { name in
      let base = directory.appendingPathComponent(String(name.dropLast(4)))
      let envelope =
        try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathExtension("json")))
        as? [String: Any] ?? [:]
      return (envelope, try String(contentsOf: base.appendingPathExtension("eml"), encoding: .utf8))
    }
  }

  func stop() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: directory)
  }

  /// A self-signed certificate for `localhost` (openssl), and the directory it is in.
  static func selfSignedCertificate() throws -> (cert: String, key: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("credo-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let cert = dir.appendingPathComponent("cert.pem").path
    let key = dir.appendingPathComponent("key.pem").path
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj",
      "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ]
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    guard openssl.terminationStatus == 0 else { throw SettingProblem("openssl could not make a certificate") }
    return (cert, key)
  }
}

/// Decodes a quoted-printable body the way a mail reader would (for checking what arrived).
func decodeQuotedPrintable(_ text: String) -> String {
  var bytes: [UInt8] = []
  let joined = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
  var iterator = Array(joined.utf8).makeIterator()
  while let byte = iterator.next() {
    if byte == UInt8(ascii: "="), let a = iterator.next(), let b = iterator.next(),
      let value = UInt8(String(decoding: [a, b], as: UTF8.self), radix: 16)
    {
      bytes.append(value)
    } else {
      bytes.append(byte)
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

@Suite("Mail delivery to a real SMTP server on loopback (RFC 5321/5322; STARTTLS; AUTH; retries with back-off)")
struct MailDeliveryTests {
  func requireServer() throws -> Bool {
    if SMTPSink.available { return true }
    if SMTPSink.required { throw SettingProblem("aiosmtpd is not installed; CI needs it (scripts/test installs it)") }
    return false
  }

  let from = MailAddress(name: "Credo", address: "credentials@district.example.org")

  @Test("A message arrives whole: headers, UTF-8 subject, quoted-printable body, a dot-stuffed line")
  func plainDelivery() async throws {
    guard try requireServer() else { return }
    let sink = try SMTPSink()
    defer { sink.stop() }
    let transport = SMTPTransport(SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none))
    let body =
      "Dear José,\n.a line that starts with a dot\n..two dots\nA long line " + String(repeating: "x", count: 120)
    let message = MailMessage(
      from: from, to: MailAddress(name: "José Núñez", address: "jnunez@example.org"),
      subject: "Your credential expires — renew it", body: body, messageId: "<t1@district.example.org>",
      date: testNow)
    try await transport.send(message)
    let received = try sink.messages()
    #expect(received.count == 1)
    let (envelope, text) = try #require(received.first)
    #expect(envelope["mail_from"] as? String == "credentials@district.example.org")
    #expect(envelope["rcpt_tos"] as? [String] == ["jnunez@example.org"])
    #expect(text.contains("Message-ID: <t1@district.example.org>"))
    #expect(text.contains("Date: Tue, 15 Sep 2026 17:00:00 +0000"))
    #expect(text.contains("MIME-Version: 1.0"))
    #expect(text.contains("Subject: =?UTF-8?B?"))
    #expect(text.contains("Content-Transfer-Encoding: quoted-printable"))
    let parts = text.components(separatedBy: "\r\n\r\n")
    let decoded = decodeQuotedPrintable(parts.dropFirst().joined(separator: "\r\n\r\n"))
    // The CRLF before the terminating "." ends the last line (RFC 5321 §4.1.1.4), so the text ends with a newline.
    #expect(decoded.replacingOccurrences(of: "\r\n", with: "\n") == body + "\n")
    #expect(text.split(separator: "\r\n").allSatisfy { $0.count <= 998 })
  }

  @Test("STARTTLS required with a private CA, and AUTH: the credentials are sent over TLS only")
  func startTLSAndAuth() async throws {
    guard try requireServer() else { return }
    let (cert, key) = try SMTPSink.selfSignedCertificate()
    let sink = try SMTPSink(arguments: ["--starttls", cert, key, "--auth", "notices:s3cret pass"])
    defer { sink.stop() }
    let settings = try SMTPSettings(
      url: "smtp://notices:s3cret%20pass@localhost:\(sink.port)?starttls=required&ca_file=\(cert)")
    let message = MailMessage(
      from: from, to: MailAddress(address: "principal@example.org"), subject: "Test", body: "Hello",
      messageId: "<t2@district.example.org>", date: testNow)
    try await SMTPTransport(settings).send(message)
    let (envelope, _) = try #require(try sink.messages().first)
    #expect(envelope["tls"] as? Bool == true)
    #expect(envelope["auth_user"] as? String == "notices")

    // A wrong password is refused by the server (535): permanent, not retried.
    let wrong = try SMTPSettings(
      url: "smtp://notices:nope@localhost:\(sink.port)?starttls=required&ca_file=\(cert)")
    await #expect(throws: MailDeliveryError.self) { try await SMTPTransport(wrong).send(message) }
    // Without the private CA the server's certificate is not trusted.
    let untrusted = SMTPSettings(
      host: "localhost", port: sink.port, username: "notices", password: "s3cret pass", security: .startTLSRequired)
    do {
      try await SMTPTransport(untrusted).send(message)
      Issue.record("an untrusted certificate was accepted")
    } catch {
      let permanent: Bool? = (error as? MailDeliveryError)?.isPermanent
      #expect(permanent == false)
    }
    #expect(try sink.messages().count == 1)
  }

  @Test(
    "The outbox retries a refusing (451) or absent server with exponential back-off, then delivers once; notify run sends each notice once",
    arguments: TestBackend.available)
  func retriesAndBackOff(_ backend: TestBackend) async throws {
    guard try requireServer() else { return }
    try await withDemoDatabase(backend) { services, _ in
      let first = try await NotifyRun(services).run(mail: nil)
      #expect(first.enqueue.mailQueued > 0)
      // Everything waiting: the alert chain's e-mails and those the demo's pay runs and CTC list queued.
      let queued = try await NoticeRepository(services.database.sql).outboxCounts()[.queued] ?? 0
      #expect(queued >= first.enqueue.mailQueued)
      let retry = RetryPolicy(base: 60, maximum: 3600, maxAttempts: 3)

      // A server that answers 451 to every recipient: every message is retried later, none is lost.
      let refusing = try SMTPSink(arguments: ["--refuse", "451"])
      let refusingTransport = SMTPTransport(SMTPSettings(host: "127.0.0.1", port: refusing.port, security: .none))
      let attempt1 = try await MailDelivery(services, transport: refusingTransport, from: from, retry: retry)
        .deliverDue()
      refusing.stop()
      #expect(attempt1.sent == 0 && attempt1.retrying == queued)
      #expect(attempt1.errors.first?.contains("451") == true)
      let repository = NoticeRepository(services.database.sql)
      #expect(
        try await repository.dueMessages(at: services.now, limit: 10).isEmpty, "not due again before the back-off")
      #expect(try await repository.dueMessages(at: services.now.addingTimeInterval(61), limit: 100_000).count == queued)

      // Next attempt, a minute later, with the server down: retried again, now two minutes later (60 s × 2).
      let later = testServices(services.database, now: testNow.addingTimeInterval(61))
      let downTransport = SMTPTransport(SMTPSettings(host: "127.0.0.1", port: refusing.port, security: .none))
      let attempt2 = try await MailDelivery(later, transport: downTransport, from: from, retry: retry).deliverDue()
      #expect(attempt2.retrying == queued)
      #expect(try await repository.dueMessages(at: testNow.addingTimeInterval(61 + 119), limit: 10).isEmpty)
      let troubled = try await repository.troubledMessages(limit: 1)
      #expect(troubled.first?.attempts == 2)

      // Then a working server: everything arrives once, to the addresses on file.
      let sink = try SMTPSink()
      defer { sink.stop() }
      let muchLater = testServices(services.database, now: testNow.addingTimeInterval(3600))
      let transport = SMTPTransport(SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none))
      let attempt3 = try await MailDelivery(muchLater, transport: transport, from: from, retry: retry).deliverDue()
      #expect(attempt3.sent == queued)
      let received = try sink.messages()
      #expect(received.count == queued)
      #expect(received.allSatisfy { $0.text.contains("X-Credo-Notice: ") })
      // Running the whole job again sends nothing more.
      let settings = MailSettings(
        transport: .smtp(SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none)), from: from)
      let again = try await NotifyRun(muchLater).run(mail: settings)
      #expect(again.enqueue.notices == 0 && again.delivery.sent == 0)
      #expect(try sink.messages().count == queued)
      let counts = try await repository.outboxCounts()
      #expect(counts[.sent] == queued && counts[.queued] == nil)
    }
  }

  @Test("After too many attempts a message fails for good and is listed; retry-failed queues it again")
  func givingUp() async throws {
    guard try requireServer() else { return }
    try await withDemoDatabase(.sqlite) { services, _ in
      _ = try await NotifyRun(services).run(mail: nil)
      let refusing = try SMTPSink(arguments: ["--refuse", "451"])
      defer { refusing.stop() }
      let transport = SMTPTransport(SMTPSettings(host: "127.0.0.1", port: refusing.port, security: .none))
      let once = RetryPolicy(base: 60, maximum: 60, maxAttempts: 1)
      let report = try await MailDelivery(services, transport: transport, from: from, retry: once).deliverDue()
      #expect(report.failed > 0 && report.retrying == 0)
      let summary = try await NoticeInbox(services).summary(by: .system())
      #expect(summary.failed == report.failed && summary.retrying.first?.lastError?.contains("451") == true)
      #expect(try await NoticeInbox(services).retryFailed(by: .system()) == report.failed)
      #expect(try await NoticeInbox(services).summary(by: .system()).failed == 0)
    }
  }

  @Test("Mail settings are checked at start: bad URLs, plain-text passwords and a missing sender are refused")
  func settings() throws {
    #expect(throws: SettingProblem.self) { try SMTPSettings(url: "http://mail.example.org") }
    #expect(throws: SettingProblem.self) { try SMTPSettings(url: "smtp://u:p@mail.example.org?starttls=off") }
    #expect(throws: SettingProblem.self) { try SMTPSettings(url: "smtp://mail.example.org?tls=yes") }
    let ok = try SMTPSettings(url: "smtp://user:p%40ss@mail.example.org?starttls=required")
    #expect(ok.port == 587 && ok.password == "p@ss" && ok.security == .startTLSRequired)
    #expect(try SMTPSettings(url: "smtps://mail.example.org").port == 465)
    do {
      _ = try CredoConfiguration.resolve(
        flags: .init(), environment: ["CREDO_SMTP_URL": "smtp://mail.example.org:25?starttls=off"])
      Issue.record("mail without a sender was accepted")
    } catch {
      #expect(error.description.contains("CREDO_MAIL_FROM"))
    }
    let configured = try CredoConfiguration.resolve(
      flags: .init(),
      environment: [
        "CREDO_SMTP_URL": "smtp://mail.example.org:25?starttls=off", "CREDO_MAIL_FROM": "credo@example.org",
        "CREDO_NOTIFY_AT": "06:00",
      ])
    #expect(configured.mail?.from.address == "credo@example.org")
    #expect(configured.notifySchedule == .daily(hour: 6, minute: 0))
    #expect(throws: CredoConfiguration.Invalid.self) {
      try CredoConfiguration.resolve(flags: .init(), environment: ["CREDO_NOTIFY_AT": "25:00"])
    }
    #expect(try CredoConfiguration.resolve(flags: .init(), environment: [:]).mail == nil)
  }
}
