/// Statewide Educator Identifier: the 10-digit number the CTC assigns to every educator (CALPADS SDEM 7.08).
///
/// `9999999999` is CALPADS' placeholder for "no permanent teacher" on a course section (CRSE 9.16) and is
/// never a person; the type rejects it so that a vacancy can never be mistaken for an educator.
public struct SEID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let digits: String

  public static let vacancyPlaceholder = "9999999999"

  public init?(_ text: some StringProtocol) {
    let trimmed = text.trimmedOfWhitespace
    guard trimmed.utf8.count == 10, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      trimmed != SEID.vacancyPlaceholder
    else { return nil }
    digits = trimmed
  }

  public var description: String { digits }

  public static func < (lhs: SEID, rhs: SEID) -> Bool { lhs.digits < rhs.digits }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = SEID(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a 10-digit SEID.")
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(digits)
  }
}
