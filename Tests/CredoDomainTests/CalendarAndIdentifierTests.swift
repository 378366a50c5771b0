import CredoDomain
import Foundation
import Testing

@Suite("Calendar dates and identifiers")
struct CalendarAndIdentifierTests {
  @Test(
    "Dates parse from the forms offices' files use",
    arguments: [
      ("2025-07-01", "2025-07-01"), ("20250701", "2025-07-01"), ("7/1/2025", "2025-07-01"),
      ("2005-08-29 00:00:00", "2005-08-29"), ("2024-02-29", "2024-02-29"),
    ])
  func parses(_ text: String, _ iso: String) {
    #expect(CalendarDate(parsing: text)?.iso == iso)
  }

  @Test(
    "Impossible or malformed dates are rejected",
    arguments: ["2025-02-29", "2025-13-01", "2025-7", "July 1", "", "2025/07/01"])
  func rejects(_ text: String) {
    #expect(CalendarDate(parsing: text) == nil)
  }

  @Test("Day arithmetic crosses months, years and leap days")
  func arithmetic() {
    let d = CalendarDate(year: 2024, month: 2, day: 28)!
    #expect(d.adding(days: 1).iso == "2024-02-29")
    #expect(d.adding(days: 2).iso == "2024-03-01")
    #expect(CalendarDate(year: 2025, month: 12, day: 31)!.adding(days: 1).iso == "2026-01-01")
    #expect(
      CalendarDate(year: 2025, month: 10, day: 1)!.days(until: CalendarDate(year: 2026, month: 10, day: 1)!) == 365)
    #expect(CalendarDate(dayNumber: 0).iso == "1970-01-01")
    // 2025-10-01 was a Wednesday (CALPADS Fall 1 census day, first Wednesday of October).
    #expect(CalendarDate(year: 2025, month: 10, day: 1)!.weekday == 3)
  }

  @Test("Dates encode as YYYY-MM-DD text")
  func codable() throws {
    let data = try JSONEncoder().encode([CalendarDate(year: 2030, month: 6, day: 30)!])
    #expect(String(data: data, encoding: .utf8) == #"["2030-06-30"]"#)
    #expect(try JSONDecoder().decode([CalendarDate].self, from: data).first?.day == 30)
  }

  @Test("Today is the California calendar date, not UTC's")
  func californiaToday() {
    // 2026-01-01 05:00 UTC is still 2025-12-31 in Los Angeles.
    let instant = Date(timeIntervalSince1970: 1_767_243_600)
    #expect(Today.fixed(instant).date.iso == "2025-12-31")
  }

  @Test("SEID: ten digits; the CALPADS vacancy placeholder 9999999999 is not a person (CRSE 9.16)")
  func seid() {
    #expect(SEID("1234567890")?.digits == "1234567890")
    #expect(SEID(" 1234567890 ") != nil)
    #expect(SEID("123456789") == nil)
    #expect(SEID("12345678901") == nil)
    #expect(SEID("12345678a0") == nil)
    #expect(SEID("9999999999") == nil)
  }

  @Test("CDS codes: 2 county + 5 district + 7 school digits; school part 0000000 is a district")
  func cds() {
    let school = CDSCode("34674390000001")!
    #expect(school.kind == .school)
    #expect(school.countyCode.digits == "34")
    #expect(school.districtCode.digits == "3467439")
    #expect(CDSCode("34674390000000")!.kind == .district)
    #expect(CDSCode("34000000000000")!.kind == .county)
    #expect(CDSCode(county: CountyCode("19")!).digits == "19000000000000")
    #expect(CDSCode("59674390000000") == nil)  // no county 59
    #expect(CDSCode("3467439000000") == nil)
    #expect(OrganizationPlace(school).district?.digits == "3467439")
  }

  @Test(
    "Grade spans from the CDE directory's GSoffered",
    arguments: [("K-5", "K-5"), ("9-12", "9-12"), ("P-8", "P-8"), ("TK-6", "TK-6"), ("Adult", "Adult"), ("7", "7")])
  func gradeSpans(_ text: String, _ expected: String) {
    #expect(GradeSpan(parsing: text)?.description == expected)
  }

  @Test("Invalid grade spans", arguments: ["12-9", "K-13", "No Data", "", "K-5-8"])
  func invalidSpans(_ text: String) {
    #expect(GradeSpan(parsing: text) == nil)
  }

  @Test(
    "The fast paths for import files give what Foundation's trimming and the general date parser give",
    arguments: [
      "2025-07-01", " 2025-07-01", "2025-07-01\t", "\u{00A0}2025-07-01", "2025-02-30", "0000-01-01", "2025-7-01",
      "2025-07-0a", "1234567890", " 1234567890 ", "", " ", "\t\t", "é", " x ", "\u{2003}x\u{2003}",
    ])
  func fastPaths(_ text: String) {
    #expect(text.trimmedOfWhitespace == text.trimmingCharacters(in: .whitespaces))
    #expect(Substring(text).trimmedOfWhitespace == text.trimmingCharacters(in: .whitespaces))
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let pieces = trimmed.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
    let general =
      pieces.count == 3 && trimmed.count == 10 ? CalendarDate(year: pieces[0], month: pieces[1], day: pieces[2]) : nil
    if text.utf8.count == 10, trimmed == text, text.allSatisfy({ $0.isASCIIDigit || $0 == "-" }) {
      #expect(CalendarDate(parsing: text) == general)
    }
    #expect(SEID(text)?.digits == (trimmed.count == 10 && trimmed.allSatisfy(\.isASCIIDigit) ? trimmed : nil))
  }

  @Test("Bulk UUIDs are distinct random version-4 identifiers")
  func randomUUIDs() {
    let ids = RandomUUIDs()
    let made = (0..<1_000).map { _ in ids.next() }
    #expect(Set(made).count == 1_000)
    #expect(made.allSatisfy { $0.uuid.6 >> 4 == 4 && $0.uuid.8 >> 6 == 2 })
  }
}
