import Foundation

/// The dates of one CalSAAS monitoring cycle for an academic year.
///
/// Source: domain guide §2.3 and rules 70–71 [S9][S10][S11][S6]. Census day is the first Wednesday of October of
/// the academic year's first calendar year (e.g. 7 Oct 2020 for 2020-21). Monitoring of that year's data begins
/// 1 August of the following calendar year; LEAs make initial determinations within 60 calendar days of the start,
/// the monitoring authority works within 90, and the CTC finalizes results on 1 November.
///
/// The start and the window lengths are configurable because a county office also runs its own year-round review
/// (misassignments found outside CalSAAS, §2.2 "MA Reported"), on its own dates.
public struct MonitoringCycle: Sendable, Hashable, Codable {
  public var academicYear: SchoolYear
  /// The first day determinations are accepted (1 August after the academic year by default).
  public var monitoringStart: CalendarDate
  /// Calendar days after the start during which an LEA may make initial determinations (60, rule 71).
  public var leaWindowDays: Int
  /// Calendar days after the start during which the monitoring authority may act (90, rule 71).
  public var monitoringAuthorityWindowDays: Int
  /// The day the CTC finalizes results; the cycle is closed from this day on (1 November, rule 71).
  public var finalization: CalendarDate

  /// The CalSAAS defaults for `academicYear`; pass `monitoringStart` (and optionally the rest) for a county
  /// office's own cycle. Without an explicit finalization date it is 1 November of the start's year when that
  /// falls after the monitoring authority's deadline, otherwise the day after that deadline.
  public init(
    academicYear: SchoolYear, monitoringStart: CalendarDate? = nil, leaWindowDays: Int = 60,
    monitoringAuthorityWindowDays: Int = 90, finalization: CalendarDate? = nil
  ) {
    self.academicYear = academicYear
    let start = monitoringStart ?? CalendarDate(year: academicYear.startYear + 1, month: 8, day: 1)!
    self.monitoringStart = start
    self.leaWindowDays = leaWindowDays
    self.monitoringAuthorityWindowDays = monitoringAuthorityWindowDays
    let authorityDeadline = start.adding(days: monitoringAuthorityWindowDays)
    let november = CalendarDate(year: start.year, month: 11, day: 1)!
    self.finalization = finalization ?? (november > authorityDeadline ? november : authorityDeadline.adding(days: 1))
  }

  /// Census day: the first Wednesday of October of the year the academic year starts in (rule 70).
  public static func censusDate(for year: SchoolYear) -> CalendarDate {
    let october1 = CalendarDate(year: year.startYear, month: 10, day: 1)!
    let wednesday = 3
    return october1.adding(days: (wednesday - october1.weekday + 7) % 7)
  }

  public var censusDate: CalendarDate { Self.censusDate(for: academicYear) }

  /// The last day an LEA may make initial determinations (start + 60 days; 30 September by default).
  public var leaDeadline: CalendarDate { monitoringStart.adding(days: leaWindowDays) }

  /// The last day the monitoring authority may act (start + 90 days; 30 October by default).
  public var monitoringAuthorityDeadline: CalendarDate { monitoringStart.adding(days: monitoringAuthorityWindowDays) }

  /// True from the start through the LEA deadline, both days included.
  public func isLEAWindowOpen(on date: CalendarDate) -> Bool { monitoringStart <= date && date <= leaDeadline }

  /// True from the start through the monitoring authority's deadline, both days included.
  public func isMonitoringAuthorityWindowOpen(on date: CalendarDate) -> Bool {
    monitoringStart <= date && date <= monitoringAuthorityDeadline
  }

  /// True on and after the finalization date: results are final and anything undetermined is a misassignment
  /// (rule 72, see `CycleClose`).
  public func isClosed(on date: CalendarDate) -> Bool { date >= finalization }
}
