/// County-District-School code: the 14-digit identifier the CDE gives every public school and district in
/// California (2 county digits, 5 district digits, 7 school digits). A code whose school part is `0000000`
/// names a district or other local educational agency, including a county office of education.
///
/// County offices of education are districts in the CDE directory (District Ownership Code 00). Credo also
/// keeps the county itself as an organization, so that a county analyst's scope has something to point
/// at; the county's own code is `CC000000000000`, which the CDE never assigns to a school or district.
public struct CDSCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let digits: String

  public init?(_ text: some StringProtocol) {
    let trimmed = String(text).trimmingCharacters(in: .whitespaces)
    guard trimmed.count == 14, trimmed.allSatisfy(\.isASCIIDigit) else { return nil }
    guard let county = Int(trimmed.prefix(2)), (1...58).contains(county) else { return nil }
    digits = trimmed
  }

  public init(county: CountyCode) {
    digits = county.digits + "000000000000"
  }

  public init(district: DistrictCode) {
    digits = district.digits + "0000000"
  }

  public var countyCode: CountyCode { CountyCode(String(digits.prefix(2)))! }
  /// The 7-digit county-district code of the district this code belongs to.
  public var districtCode: DistrictCode { DistrictCode(String(digits.prefix(7)))! }
  /// The 7-digit school part, or nil for a district or county code.
  public var schoolCode: String? {
    let part = String(digits.suffix(7))
    return part == "0000000" ? nil : part
  }

  public var kind: OrganizationKind {
    if schoolCode != nil { return .school }
    if digits.dropFirst(2).prefix(5) == "00000" { return .county }
    return .district
  }

  public var description: String { digits }
  public static func < (lhs: CDSCode, rhs: CDSCode) -> Bool { lhs.digits < rhs.digits }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = CDSCode(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a 14-digit CDS code.")
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(digits)
  }
}

/// The two-digit county code (01 Alameda … 58 Yuba).
public struct CountyCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let digits: String

  public init?(_ text: some StringProtocol) {
    let trimmed = String(text).trimmingCharacters(in: .whitespaces)
    guard trimmed.count == 2, let number = Int(trimmed), (1...58).contains(number) else { return nil }
    digits = trimmed
  }

  public init?(number: Int) {
    guard (1...58).contains(number) else { return nil }
    digits = number < 10 ? "0\(number)" : "\(number)"
  }

  public var description: String { digits }
  public static func < (lhs: CountyCode, rhs: CountyCode) -> Bool { lhs.digits < rhs.digits }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = CountyCode(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a county code 01-58.")
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(digits)
  }
}

/// The 7-digit county-district (CD) code, CALPADS' "Reporting LEA" (SDEM 7.06, SASS 8.04, CRSE 9.04).
public struct DistrictCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let digits: String

  public init?(_ text: some StringProtocol) {
    let trimmed = text.trimmedOfWhitespace
    guard trimmed.count == 7, trimmed.allSatisfy(\.isASCIIDigit), CountyCode(trimmed.prefix(2)) != nil
    else { return nil }
    digits = trimmed
  }

  public var countyCode: CountyCode { CountyCode(String(digits.prefix(2)))! }
  public var description: String { digits }
  public static func < (lhs: DistrictCode, rhs: DistrictCode) -> Bool { lhs.digits < rhs.digits }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = DistrictCode(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not a 7-digit district code.")
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(digits)
  }
}
