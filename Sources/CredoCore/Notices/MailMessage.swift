import Foundation

/// An e-mail as RFC 5322 text: `Date`, `Message-ID`, MIME 1.0, a UTF-8 text body in quoted-printable, headers with
/// non-ASCII words encoded (RFC 2047), CRLF line ends. Dot-stuffing is the SMTP transport's job (RFC 5321 §4.5.2).
public struct MailMessage: Sendable, Hashable {
  public var from: MailAddress
  public var to: MailAddress
  public var subject: String
  public var body: String
  public var messageId: String
  public var date: Date
  /// Extra headers (`X-Credo-Notice`).
  public var headers: [(String, String)] {
    get { headerPairs.map { ($0.name, $0.value) } }
    set { headerPairs = newValue.map { HeaderPair(name: $0.0, value: $0.1) } }
  }
  var headerPairs: [HeaderPair] = []

  struct HeaderPair: Sendable, Hashable {
    var name: String
    var value: String
  }

  public init(from: MailAddress, to: MailAddress, subject: String, body: String, messageId: String, date: Date) {
    self.from = from
    self.to = to
    self.subject = subject
    self.body = body
    self.messageId = messageId
    self.date = date
  }

  /// A new Message-ID in the sender's domain.
  public static func newMessageId(from: MailAddress) -> String {
    let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
    return "<\(UUID().uuidString.lowercased())@\(domain)>"
  }

  /// The whole message, CRLF line ends.
  public var rendered: String {
    var lines = [
      "Date: \(Self.rfc5322Date(date))",
      "From: \(from.header)",
      "To: \(to.header)",
      "Subject: \(Self.encodedWords(subject))",
      "Message-ID: \(messageId)",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
    ]
    for header in headerPairs { lines.append("\(header.name): \(Self.encodedWords(header.value))") }
    return lines.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body)
  }

  static func rfc5322Date(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
    return formatter.string(from: date)
  }

  /// A header value as is when printable ASCII, else as one RFC 2047 `=?UTF-8?B?…?=` word per 45 bytes.
  static func encodedWords(_ text: String) -> String {
    let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return clean }
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in clean {
      let bytes = Array(String(character).utf8)
      if chunk.count + bytes.count > 45 {
        words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
    return words.joined(separator: "\r\n ")
  }

  /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: lines end in CRLF, none longer than 76 characters (soft
  /// breaks `=`), `=`, control and non-ASCII bytes and trailing blanks encoded.
  static func quotedPrintable(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var output: [String] = []
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
      let bytes = Array(line.utf8)
      var encoded: [[UInt8]] = []
      for (index, byte) in bytes.enumerated() {
        let isLast = index == bytes.count - 1
        if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast) {
          encoded.append([byte])
        } else {
          encoded.append([UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
      }
      var current: [UInt8] = []
      for token in encoded {
        if current.count + token.count > 75 {
          output.append(String(decoding: current + [UInt8(ascii: "=")], as: UTF8.self))
          current = []
        }
        current += token
      }
      output.append(String(decoding: current, as: UTF8.self))
    }
    return output.joined(separator: "\r\n")
  }
}

/// An e-mail address with an optional display name.
public struct MailAddress: Sendable, Hashable {
  public var name: String
  public var address: String

  public init(name: String = "", address: String) {
    self.name = name
    self.address = address
  }

  /// Whether the address is usable as an SMTP path: one `@`, no spaces, brackets or line breaks.
  public var isValid: Bool {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
    return !address.contains { $0.isWhitespace || "<>\"(),;:".contains($0) }
  }

  var header: String {
    guard !name.isEmpty else { return "<\(address)>" }
    let plain = name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    if plain {
      return
        "\"\(name.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: ""))\" <\(address)>"
    }
    return "\(MailMessage.encodedWords(name)) <\(address)>"
  }
}
