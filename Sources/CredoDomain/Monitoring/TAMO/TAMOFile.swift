import Foundation

/// The tab-delimited TAMO file in the layout of CDE's public download (interchange spec §4; header as recorded in
/// domain guide §6 [O13][C4]), so a district can compare its numbers with the state's file line by line.
///
/// The header keeps CDE's own spelling, including the doubled word in "Unknown FTE FTE (percent)": the domain
/// guide records it (sic) from the published file, and matching the file column for column matters more than the
/// typo. (The interchange spec describes the percent columns only as "the same seven as (percent)".)
///
/// Values: academic year as CDE writes it (`2024-25`); FTE with two decimals and percentages with one, rounded half
/// away from zero from the exact totals (domain guide §3.3 [O13]); percentages empty when a row's total is 0.
/// Counts are rounded one by one, so they add up to Total within 7 × 0.005 (rule 68). CDE suppresses small cells
/// with `*`; Credo's file is for the office itself and does not.
public enum TAMOFile {
  public static let columns: [String] = [
    "Academic Year", "Aggregate Level", "County Code", "District Code", "School Code", "County Name",
    "District Name", "School Name", "Charter School", "DASS", "School Grade Span", "Teacher Experience Level",
    "Teacher Credential Level", "Subject Area", "Total FTE", "Clear FTE (count)", "Out-of-Field FTE (count)",
    "Intern FTE (count)", "Ineffective FTE (count)", "Incomplete FTE (count)", "Unknown FTE (count)",
    "N/A FTE (count)", "Clear FTE (percent)", "Out-of-Field FTE (percent)", "Intern FTE (percent)",
    "Ineffective FTE (percent)", "Incomplete FTE (percent)", "Unknown FTE FTE (percent)", "N/A FTE (percent)",
  ]

  public static var header: String { columns.joined(separator: "\t") }

  /// The whole file: header and one line per row, each ending in a line feed.
  public static func render(_ report: TAMOReport) -> String { String(decoding: bytes(report), as: UTF8.self) }

  /// The whole file as UTF-8, ready to write.
  public static func bytes(_ report: TAMOReport) -> [UInt8] {
    var writer = TAMOLineWriter(capacity: (report.rows.count + 1) * 150)
    writer.text(header)
    writer.byte(TAMOLineWriter.lineFeed)
    let year = academicYear(report.academicYear)
    for row in report.rows {
      writer.line(row, academicYear: year)
      writer.byte(TAMOLineWriter.lineFeed)
    }
    return writer.bytes
  }

  /// The data lines one by one (no header, no line feed), for writing a statewide file in pieces.
  public static func forEachLine(of report: TAMOReport, _ body: (String) -> Void) {
    let year = academicYear(report.academicYear)
    var writer = TAMOLineWriter(capacity: 256)
    for row in report.rows {
      writer.bytes.removeAll(keepingCapacity: true)
      writer.line(row, academicYear: year)
      body(String(decoding: writer.bytes, as: UTF8.self))
    }
  }

  /// `2024-25`.
  public static func academicYear(_ year: SchoolYear) -> String {
    let next = (year.startYear + 1) % 100
    return "\(year.startYear)-\(next < 10 ? "0" : "")\(next)"
  }

  public static func line(_ row: TAMORow, academicYear: String) -> String {
    var writer = TAMOLineWriter(capacity: 256)
    writer.line(row, academicYear: academicYear)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// Billionths of an FTE as FTE with two decimals.
  public static func fte(_ units: Int64) -> String {
    var writer = TAMOLineWriter(capacity: 16)
    writer.fte(units)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  /// `part` as a percentage of `total` with one decimal; empty when the total is 0.
  public static func percent(_ part: Int64, of total: Int64) -> String {
    var writer = TAMOLineWriter(capacity: 8)
    writer.percent(part, of: total)
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}

/// Writes lines as UTF-8 bytes: numbers digit by digit, because `String(format:)` and interpolation cost
/// microseconds a field, which adds up to minutes for a statewide file.
struct TAMOLineWriter {
  static let lineFeed: UInt8 = 0x0A
  static let tab: UInt8 = 0x09
  var bytes: [UInt8]

  init(capacity: Int) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  mutating func byte(_ value: UInt8) { bytes.append(value) }
  mutating func text(_ value: String) { bytes.append(contentsOf: value.utf8) }

  mutating func field(_ value: String) {
    bytes.append(Self.tab)
    bytes.append(contentsOf: value.utf8)
  }

  mutating func line(_ row: TAMORow, academicYear: String) {
    text(academicYear)
    field(row.level.rawValue)
    field(row.countyCode)
    field(row.districtCode)
    field(row.schoolCode)
    field(row.countyName)
    field(row.districtName)
    field(row.schoolName)
    field(row.charter.map { $0 ? "Yes" : "No" } ?? "All")
    field(row.dass.map { $0 ? "Yes" : "No" } ?? "All")
    field(row.gradeSpan?.rawValue ?? "ALL")
    field(row.experience?.rawValue ?? "ALL")
    field(row.credential?.rawValue ?? "ALL")
    field(row.subject?.rawValue ?? "TA")
    let total = row.fte.totalUnits
    byte(Self.tab)
    fte(total)
    for outcome in TAMOOutcome.allCases {
      byte(Self.tab)
      fte(row.fte.units(outcome))
    }
    for outcome in TAMOOutcome.allCases {
      byte(Self.tab)
      percent(row.fte.units(outcome), of: total)
    }
  }

  /// Two decimals, rounded half away from zero (units are never negative).
  mutating func fte(_ units: Int64) {
    let step = TAMOFTE.unitsPerFTE / 100
    fixed((units + step / 2) / step, decimals: 2)
  }

  mutating func percent(_ part: Int64, of total: Int64) {
    guard total > 0 else { return }
    fixed(Int64((Double(part) * 1000 / Double(total)).rounded(.toNearestOrAwayFromZero)), decimals: 1)
  }

  /// A non-negative count of hundredths (2) or tenths (1) as decimal text.
  mutating func fixed(_ scaled: Int64, decimals: Int) {
    let divisor: Int64 = decimals == 2 ? 100 : 10
    integer(scaled / divisor)
    byte(UInt8(ascii: "."))
    let fraction = scaled % divisor
    if decimals == 2 { byte(UInt8(48 + fraction / 10)) }
    byte(UInt8(48 + fraction % 10))
  }

  mutating func integer(_ value: Int64) {
    guard value > 0 else {
      byte(UInt8(ascii: "0"))
      return
    }
    let start = bytes.count
    var rest = value
    while rest > 0 {
      bytes.append(UInt8(48 + rest % 10))
      rest /= 10
    }
    bytes[start...].reverse()
  }
}
