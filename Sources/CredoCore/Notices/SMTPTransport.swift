import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS (RFC 3207, NIOSSL), AUTH PLAIN or LOGIN (RFC 4954),
/// MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. One connection per message: notices go out a few hundred a
/// day, and a fresh session keeps one bad message from poisoning the rest.
///
/// Replies 4xx and connection failures are transient (the outbox retries with back-off); 5xx replies are permanent.
public struct SMTPTransport: MailTransport {
  public var settings: SMTPSettings
  /// The whole session's limit; a server that stops answering is dropped after it.
  public var timeout: TimeAmount

  public init(_ settings: SMTPSettings, timeout: TimeAmount = .seconds(60)) {
    self.settings = settings
    self.timeout = timeout
  }

  public var summary: String { settings.summary }

  public func send(_ message: MailMessage) async throws(MailDeliveryError) {
    do {
      try await session(message)
    } catch let error as MailDeliveryError {
      throw error
    } catch let error as NIOSSLError {
      throw .transient("TLS with \(settings.host):\(settings.port) failed: \(error)")
    } catch {
      throw .transient("SMTP with \(settings.host):\(settings.port) failed: \(error)")
    }
  }

  func tlsHandler(serverName: String) throws -> NIOSSLClientHandler {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let caFile = settings.caFile {
      configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
    }
    let context = try NIOSSLContext(configuration: configuration)
    // SNI and certificate names are host names; an address literal is verified against the certificate's IP entries.
    let isAddress = serverName.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : serverName)
  }

  func session(_ message: MailMessage) async throws {
    let replies = SMTPReplyReader()
    let host = settings.host
    let implicitTLS = settings.security == .tls
    // Checked here so that a bad CA file is reported before connecting; the handler itself is made on the channel's
    // event loop (it is not Sendable).
    if implicitTLS { _ = try tlsHandler(serverName: host) }
    let transport = self
    let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connectTimeout(.seconds(15))
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if implicitTLS { try channel.pipeline.syncOperations.addHandler(try transport.tlsHandler(serverName: host)) }
          try channel.pipeline.syncOperations.addHandler(replies.handler)
        }
      }
    let channel: any Channel
    do { channel = try await bootstrap.connect(host: host, port: settings.port).get() } catch {
      throw MailDeliveryError.transient("cannot connect to \(host):\(settings.port): \(error)")
    }
    let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    defer {
      deadline.cancel()
      channel.close(promise: nil)
    }

    func send(_ line: String) async throws {
      try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
    }
    func expect(_ codes: Set<Int>, after what: String) async throws -> SMTPReply {
      let reply = try await replies.next()
      guard codes.contains(reply.code) else {
        let text = "\(host) answered \(what) with \(reply.code) \(reply.lines.joined(separator: " "))"
        throw reply.code >= 500 ? MailDeliveryError.permanent(text) : MailDeliveryError.transient(text)
      }
      return reply
    }

    _ = try await expect([220], after: "the connection")
    try await send("EHLO \(settings.heloName)")
    var extensions = try await expect([250], after: "EHLO").extensions
    if !implicitTLS && settings.security != .none {
      if extensions.contains("STARTTLS") {
        try await send("STARTTLS")
        _ = try await expect([220], after: "STARTTLS")
        let transport = self
        try await channel.eventLoop.submit {
          try channel.pipeline.syncOperations.addHandler(transport.tlsHandler(serverName: host), position: .first)
        }.get()
        try await send("EHLO \(settings.heloName)")
        extensions = try await expect([250], after: "EHLO after STARTTLS").extensions
      } else if settings.security == .startTLSRequired {
        throw MailDeliveryError.permanent(
          "\(host) does not offer STARTTLS, which the settings require (starttls=required).")
      }
    }
    if let username = settings.username, let password = settings.password {
      let mechanisms =
        extensions.first { $0.hasPrefix("AUTH ") }?.split(separator: " ").dropFirst().map(String.init)
        ?? []
      if mechanisms.contains("PLAIN") {
        let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
        try await send("AUTH PLAIN \(token)")
        _ = try await expect([235], after: "AUTH PLAIN")
      } else if mechanisms.contains("LOGIN") {
        try await send("AUTH LOGIN")
        _ = try await expect([334], after: "AUTH LOGIN")
        try await send(Data(username.utf8).base64EncodedString())
        _ = try await expect([334], after: "the user name")
        try await send(Data(password.utf8).base64EncodedString())
        _ = try await expect([235], after: "the password")
      } else {
        throw MailDeliveryError.permanent(
          "\(host) offers no AUTH PLAIN or LOGIN (offers: \(mechanisms.joined(separator: " "))); check the URL.")
      }
    }
    try await send("MAIL FROM:<\(message.from.address)>")
    _ = try await expect([250], after: "MAIL FROM")
    try await send("RCPT TO:<\(message.to.address)>")
    _ = try await expect([250, 251], after: "RCPT TO <\(message.to.address)>")
    try await send("DATA")
    _ = try await expect([354], after: "DATA")
    try await channel.writeAndFlush(ByteBuffer(string: Self.dotStuffed(message.rendered) + "\r\n.\r\n"))
    _ = try await expect([250], after: "the message")
    try? await send("QUIT")
    _ = try? await replies.next()
  }

  /// RFC 5321 §4.5.2: a line that starts with a dot gets another, so a lone "." in the text does not end the data.
  static func dotStuffed(_ text: String) -> String {
    text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
  }
}

/// One SMTP reply: its code and text lines (several for a multi-line `250-…` reply).
struct SMTPReply: Sendable {
  var code: Int
  var lines: [String]
  /// EHLO keywords, upper-cased (`STARTTLS`, `AUTH PLAIN LOGIN`).
  var extensions: [String] { lines.dropFirst().map { $0.uppercased() } }
}

/// Reads replies from the channel into an async stream.
final class SMTPReplyReader: Sendable {
  let stream: AsyncThrowingStream<SMTPReply, any Error>
  let handler: Handler
  let iterator: IteratorBox

  init() {
    let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
    self.stream = stream
    self.handler = Handler(continuation)
    self.iterator = IteratorBox(stream.makeAsyncIterator())
  }

  func next() async throws -> SMTPReply {
    guard let reply = try await iterator.next() else {
      throw MailDeliveryError.transient("the server closed the connection")
    }
    return reply
  }

  /// The iterator is used by one task at a time (the SMTP session is strictly request-reply).
  final class IteratorBox: @unchecked Sendable {
    var iterator: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    init(_ iterator: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> SMTPReply? { try await iterator.next() }
  }

  /// Splits the bytes into CRLF lines and lines into replies (`250-…` continues, `250 …` ends).
  final class Handler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    var pending: [UInt8] = []
    var lines: [String] = []

    init(_ continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
      self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      var buffer = unwrapInboundIn(data)
      pending += buffer.readBytes(length: buffer.readableBytes) ?? []
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(pending[..<newline])
        pending.removeSubrange(...newline)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        let text = String(decoding: line, as: UTF8.self)
        guard text.count >= 3, let code = Int(text.prefix(3)) else {
          continuation.finish(throwing: MailDeliveryError.transient("unreadable SMTP reply: \(text)"))
          return
        }
        lines.append(text.count > 4 ? String(text.dropFirst(4)) : "")
        if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] == " " {
          continuation.yield(SMTPReply(code: code, lines: lines))
          lines = []
        }
      }
    }

    func channelInactive(context: ChannelHandlerContext) {
      continuation.finish()
      context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
      continuation.finish(throwing: error)
      context.close(promise: nil)
    }
  }
}
