import Foundation

/// Today's calendar date in California, and the current instant, passed into use cases so rules never
/// call `Date()` themselves and tests can pin a day.
public struct Today: Sendable {
  public var now: @Sendable () -> Date
  public var timeZone: TimeZone

  public init(now: @escaping @Sendable () -> Date = { Date() }, timeZone: TimeZone = .california) {
    self.now = now
    self.timeZone = timeZone
  }

  /// The calendar date at `now` in the office's time zone.
  public var date: CalendarDate { CalendarDate(instant: now(), in: timeZone) }

  public static func fixed(_ instant: Date) -> Today { Today(now: { instant }) }
}

extension TimeZone {
  /// Every office Credo serves is in California.
  public static let california = TimeZone(identifier: "America/Los_Angeles") ?? .current
}

extension CalendarDate {
  public init(instant: Date, in timeZone: TimeZone) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    self.init(dayNumber: CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!.dayNumber)
  }
}
