/// A calendar date with no time of day and no time zone.
///
/// Credential law counts in calendar days: a document issued 2025-07-01 and expiring 2030-07-01 is valid
/// through the whole of its last day wherever the office is, and the census date is "the first Wednesday
/// of October", not an instant. Storing these as `Date` invites off-by-one-day errors at time-zone
/// boundaries, so the domain keeps them as year, month and day and stores them as `YYYY-MM-DD` text.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Creates a date, or returns nil when the day does not exist (2025-02-29).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses the forms offices' files use: `YYYY-MM-DD`, `YYYYMMDD` (CALPADS) and `M/D/YYYY` (spreadsheets).
  /// A trailing time (`2005-08-29 00:00:00`, as some CDE files carry) is ignored.
  public init?(parsing text: some StringProtocol) {
    // Fast path for the stored and interchange form, read from the bytes (import files hold millions of dates);
    // it gives the same result as the general path below for every 10-byte `DDDD-DD-DD`.
    var string = String(text)
    if let (year, month, day) = string.withUTF8(Self.isoParts) {
      self.init(year: year, month: month, day: day)
      return
    }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let datePart = trimmed.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    let parts: [Int]
    if datePart.count == 8, datePart.allSatisfy(\.isASCIIDigit) {
      let digits = Array(datePart)
      parts = [String(digits[0..<4]), String(digits[4..<6]), String(digits[6..<8])].compactMap { Int($0) }
    } else if datePart.contains("-") {
      let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
      guard pieces.count == 3, pieces[0].count == 4, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
      else { return nil }
      parts = pieces.compactMap { Int($0) }
    } else if datePart.contains("/") {
      let pieces = datePart.split(separator: "/", omittingEmptySubsequences: false)
      guard pieces.count == 3, pieces[2].count == 4, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
      else { return nil }
      let numbers = pieces.compactMap { Int($0) }
      parts = numbers.count == 3 ? [numbers[2], numbers[0], numbers[1]] : []
    } else {
      return nil
    }
    guard parts.count == 3 else { return nil }
    self.init(year: parts[0], month: parts[1], day: parts[2])
  }

  private static func isoParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    guard bytes.count == 10 else { return nil }
    var year = 0
    var month = 0
    var day = 0
    for offset in 0..<10 {
      let byte = bytes[offset]
      if offset == 4 || offset == 7 {
        guard byte == UInt8(ascii: "-") else { return nil }
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int(byte - UInt8(ascii: "0"))
      if offset < 4 {
        year = year * 10 + digit
      } else if offset < 7 {
        month = month * 10 + digit
      } else {
        day = day * 10 + digit
      }
    }
    return (year, month, day)
  }

  /// `YYYY-MM-DD`, the form stored in both databases and written to every file.
  public var iso: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
  }

  public var description: String { iso }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic that the law does in days.
  public var dayNumber: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public init(dayNumber z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.year = y
    self.month = m
    self.day = d
  }

  public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

  public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

  /// 0 = Sunday … 6 = Saturday.
  public var weekday: Int {
    let w = (dayNumber + 4) % 7  // 1970-01-01 was a Thursday.
    return w < 0 ? w + 7 : w
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = CalendarDate(parsing: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not a calendar date (expected YYYY-MM-DD).")
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}

extension Character {
  /// ASCII 0-9 only: `isNumber` also accepts other scripts' digits, which no state file uses.
  public var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
