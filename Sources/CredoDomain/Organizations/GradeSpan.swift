/// A grade level as California reports it: preschool, transitional kindergarten, kindergarten, 1–12, adult.
public enum GradeLevel: Int, Sendable, Codable, Comparable, CaseIterable {
  case preschool = -2
  case transitionalKindergarten = -1
  case kindergarten = 0
  case g1 = 1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11, g12
  case adult = 13

  /// Accepts the CDE directory's (`P`, `K`, `1`…`12`, `Adult`) and CALPADS' (`TK`, `K`, `01`, `AD`) spellings.
  public init?(code: some StringProtocol) {
    let text = code.trimmedOfWhitespace.uppercased()
    switch text {
    case "P", "PK", "PS", "IT": self = .preschool
    case "TK": self = .transitionalKindergarten
    case "K", "KN": self = .kindergarten
    case "AD", "ADULT", "UE", "US": self = .adult
    default:
      guard let number = Int(text), let level = GradeLevel(rawValue: number), (1...12).contains(number) else {
        return nil
      }
      self = level
    }
  }

  public var code: String {
    switch self {
    case .preschool: "P"
    case .transitionalKindergarten: "TK"
    case .kindergarten: "K"
    case .adult: "Adult"
    default: String(rawValue)
    }
  }

  public static func < (lhs: GradeLevel, rhs: GradeLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The grades a school offers (CDE directory `GSoffered`, e.g. `K-5`, `9-12`, `P-8`, `Adult`).
public struct GradeSpan: Hashable, Sendable, Codable, CustomStringConvertible {
  public var low: GradeLevel
  public var high: GradeLevel

  public init?(low: GradeLevel, high: GradeLevel) {
    guard low <= high else { return nil }
    self.low = low
    self.high = high
  }

  /// Parses `K-12`, `9-12`, `P-5`, `TK-8`, `Adult`, `7`. Returns nil for empty text or `No Data`.
  public init?(parsing text: some StringProtocol) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    let pieces = trimmed.split(separator: "-", omittingEmptySubsequences: false)
    switch pieces.count {
    case 1:
      guard let only = GradeLevel(code: pieces[0]) else { return nil }
      self.init(low: only, high: only)
    case 2:
      guard let low = GradeLevel(code: pieces[0]), let high = GradeLevel(code: pieces[1]) else { return nil }
      self.init(low: low, high: high)
    default:
      return nil
    }
  }

  public func contains(_ grade: GradeLevel) -> Bool { low <= grade && grade <= high }

  public var description: String { low == high ? low.code : "\(low.code)-\(high.code)" }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let span = GradeSpan(parsing: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a grade span.")
    }
    self = span
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
