import Foundation

/// One pay period of a district's payroll: the days worked (`start` … `end`, both included) and the day the
/// warrants are issued for them. The pay-release check (`PayCoverage`) asks, before `payday`, whether every
/// certificated employee held a valid document on every one of those days (EC 45037).
public struct PayPeriod: Sendable, Hashable, Codable, Identifiable {
  public var id: UUID
  public var districtId: UUID
  public var district: DistrictCode
  public var start: CalendarDate
  public var end: CalendarDate
  public var payday: CalendarDate

  public init(
    id: UUID, districtId: UUID, district: DistrictCode, start: CalendarDate, end: CalendarDate, payday: CalendarDate
  ) {
    self.id = id
    self.districtId = districtId
    self.district = district
    self.start = start
    self.end = end
    self.payday = payday
  }

  /// Why the dates cannot make a pay period (empty when they can), by field name.
  public static func problems(
    start: CalendarDate, end: CalendarDate, payday: CalendarDate
  ) -> [(
    field: String, message: String
  )] {
    var problems: [(field: String, message: String)] = []
    if end < start { problems.append(("end", "The period ends (\(end)) before it starts (\(start)).")) }
    if start.days(until: end) > 62 {
      problems.append(("end", "A pay period longer than two months (\(start)–\(end)) is not a pay period; split it."))
    }
    if payday < start {
      problems.append(("payday", "Payday \(payday) is before the period starts (\(start)); pay follows the work."))
    }
    return problems
  }

  /// Every day of the period, in order.
  public var days: [CalendarDate] {
    guard start <= end else { return [] }
    return (0...start.days(until: end)).map { start.adding(days: $0) }
  }

  /// The monthly periods of the months from `first` through `last` (each 1st to month end), paid on `paydayOfNextMonth`
  /// of the following month (clamped to that month's length): the demo's and many districts' schedule.
  public static func monthly(
    districtId: UUID, district: DistrictCode, from first: CalendarDate, through last: CalendarDate,
    paydayOfNextMonth: Int, ids: () -> UUID
  ) -> [PayPeriod] {
    var result: [PayPeriod] = []
    var year = first.year
    var month = first.month
    while (year, month) <= (last.year, last.month) {
      let start = CalendarDate(year: year, month: month, day: 1)!
      let end = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
      let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
      let payday = CalendarDate(
        year: nextYear, month: nextMonth,
        day: min(max(1, paydayOfNextMonth), CalendarDate.daysIn(month: nextMonth, year: nextYear)))!
      result.append(
        PayPeriod(id: ids(), districtId: districtId, district: district, start: start, end: end, payday: payday))
      (year, month) = (nextYear, nextMonth)
    }
    return result
  }
}

/// A run of consecutive days (both ends included).
public struct DayRange: Sendable, Hashable, Codable, CustomStringConvertible {
  public var first: CalendarDate
  public var last: CalendarDate

  public init(first: CalendarDate, last: CalendarDate) {
    self.first = first
    self.last = last
  }

  public var dayCount: Int { first.days(until: last) + 1 }
  public var description: String { first == last ? first.iso : "\(first.iso)..\(last.iso)" }

  /// Parses what `description` writes.
  public init?(parsing text: some StringProtocol) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: true)
    guard let first = parts.first.flatMap({ CalendarDate(parsing: $0) }) else { return nil }
    let last = parts.count > 1 ? CalendarDate(parsing: parts[1]) : Optional(first)
    guard let last, first <= last else { return nil }
    self.init(first: first, last: last)
  }

  /// Groups sorted days into ranges of consecutive days.
  public static func ranges(of days: [CalendarDate]) -> [DayRange] {
    var result: [DayRange] = []
    for day in days.sorted() {
      if let last = result.last, last.last.adding(days: 1) == day {
        result[result.count - 1].last = day
      } else {
        result.append(DayRange(first: day, last: day))
      }
    }
    return result
  }
}
