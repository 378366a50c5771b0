import Foundation

/// The monitoring authority's year-round deadlines.
///
/// Source: domain guide §2.6 and rule 73 [S15][S16]: a misassignment the monitoring authority identifies must be
/// corrected within 30 calendar days; an educator's complaint about the legality of an assignment is answered within
/// 15 working days. Working days exclude Saturdays, Sundays and the holidays the caller passes (the office's
/// calendar: state holidays differ by year and some offices close more days).
///
/// Counting: the day of the event is day 0, so a misassignment identified on 1 March is due 31 March; a complaint
/// received on a Monday with no holidays is due on the Monday three weeks later.
public enum CorrectionDeadlines {
  public static let misassignmentCorrectionDays = 30
  public static let complaintResponseWorkingDays = 15

  /// The date a misassignment identified on `identifiedOn` must be corrected by.
  public static func misassignmentCorrection(identifiedOn: CalendarDate) -> CorrectionDeadline {
    CorrectionDeadline(
      kind: .misassignmentCorrection, startDate: identifiedOn,
      dueDate: identifiedOn.adding(days: misassignmentCorrectionDays))
  }

  /// The date an educator complaint received on `receivedOn` must be answered by.
  public static func complaintResponse(
    receivedOn: CalendarDate, holidays: Set<CalendarDate> = []
  )
    -> CorrectionDeadline
  {
    CorrectionDeadline(
      kind: .complaintResponse, startDate: receivedOn,
      dueDate: adding(workingDays: complaintResponseWorkingDays, to: receivedOn, holidays: holidays))
  }

  /// Monday to Friday and not a holiday.
  public static func isWorkingDay(_ date: CalendarDate, holidays: Set<CalendarDate> = []) -> Bool {
    (1...5).contains(date.weekday) && !holidays.contains(date)
  }

  /// The `count`-th working day after `date` (the date itself is not counted).
  public static func adding(
    workingDays count: Int, to date: CalendarDate, holidays: Set<CalendarDate> = []
  )
    -> CalendarDate
  {
    var day = date
    var counted = 0
    while counted < count {
      day = day.adding(days: 1)
      if isWorkingDay(day, holidays: holidays) { counted += 1 }
    }
    return day
  }
}

/// One deadline: what it is for, when it started and when it is due.
public struct CorrectionDeadline: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case misassignmentCorrection = "misassignment_correction"
    case complaintResponse = "complaint_response"

    public var label: String {
      switch self {
      case .misassignmentCorrection: "Correct the misassignment (30 calendar days)"
      case .complaintResponse: "Answer the educator's complaint (15 working days)"
      }
    }
  }

  public var kind: Kind
  public var startDate: CalendarDate
  /// The last day that is still on time.
  public var dueDate: CalendarDate

  public init(kind: Kind, startDate: CalendarDate, dueDate: CalendarDate) {
    self.kind = kind
    self.startDate = startDate
    self.dueDate = dueDate
  }

  /// Late: resolved after the due date, or still open on a day after it.
  public func isOverdue(on date: CalendarDate, resolvedOn: CalendarDate? = nil) -> Bool {
    (resolvedOn ?? date) > dueDate
  }

  /// Calendar days from `date` to the due date (negative once overdue).
  public func daysRemaining(on date: CalendarDate) -> Int { date.days(until: dueDate) }
}
