import Foundation
import Testing

@Suite("credo report (interchange spec §4, §5)")
struct ReportCLITests {
  @Test(
    "report tamo writes CDE's header and the computed rows (rules 67, 69); williams, exceptions, schedule write CSV")
  func reports() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("credo-cli-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let database = "sqlite://\(directory.path)/reports.sqlite"
    let steps: [[String]] = [
      ["import", "schools", fixturePath("pubschls-monitoring.txt")],
      ["import", "credentials", fixturePath("credentials-good.csv")],
      ["import", "calpads", fixturePath("calpads-fall2-good.txt"), fixturePath("calpads-fall2-other-lea.txt")],
      ["import", "section-students", fixturePath("section-students-good.csv"), "--year", "2025-2026"],
      ["monitor", "--year", "2025-2026"],
    ]
    for step in steps {
      let result = try runCredo(step + ["--database", database])
      #expect(result.status == 0, "\(step): \(result.err)")
    }

    let out = directory.appendingPathComponent("tamo.txt").path
    let tamo = try runCredo(["report", "tamo", "--year", "2025-2026", "--out", out, "--database", database])
    #expect(tamo.status == 0, "\(tamo.err)")
    #expect(tamo.out.contains("rows to \(out)"))
    let file = try String(contentsOfFile: out, encoding: .utf8)
    let lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines.first
        == "Academic Year\tAggregate Level\tCounty Code\tDistrict Code\tSchool Code\tCounty Name\tDistrict Name\tSchool Name\tCharter School\tDASS\tSchool Grade Span\tTeacher Experience Level\tTeacher Credential Level\tSubject Area\tTotal FTE\tClear FTE (count)\tOut-of-Field FTE (count)\tIntern FTE (count)\tIneffective FTE (count)\tIncomplete FTE (count)\tUnknown FTE (count)\tN/A FTE (count)\tClear FTE (percent)\tOut-of-Field FTE (percent)\tIntern FTE (percent)\tIneffective FTE (percent)\tIncomplete FTE (percent)\tUnknown FTE FTE (percent)\tN/A FTE (percent)"
    )
    // The state row first: 1.00 (Garcia) + 0.80 (Lee) + 1.00 (Ruiz); the vacant English 11 is left out (rule 69).
    #expect(lines.count > 2 && lines[1].hasPrefix("2025-26\tT\t00\t\t\tState\t\t\tAll\tAll\tALL\tALL\tALL\tTA\t2.80\t"))
    // Rule 67: one whole-school row for Riverbend High, with its directory names, span and FTE.
    let riverbend = lines.filter {
      $0.hasPrefix(
        "2025-26\tS\t34\t66977\t3430001\tSacramento\tRiverbend Unified\tRiverbend High\tNo\tNo\tGR912\tALL\tALL\tTA\t")
    }
    #expect(riverbend.count == 1)
    #expect(riverbend.first?.split(separator: "\t", omittingEmptySubsequences: false)[14] == "1.80")
    #expect(file.hasSuffix("\n"))

    // To standard output when --out is not given.
    let williams = try runCredo(["report", "williams", "--year", "2025-2026", "--database", database])
    #expect(williams.status == 0)
    #expect(williams.out.hasPrefix("academic_year,cds_code,county,district,school,assignments,misassignments,"))
    #expect(williams.out.contains("34669773430001,Sacramento,Riverbend Unified,Riverbend High,4,2,"))
    let exceptions = try runCredo([
      "report", "exceptions", "--year", "2025-2026", "--level", "county", "--database", database,
    ])
    #expect(exceptions.status == 0 && exceptions.out.split(separator: "\r\n").count == 2)
    let schedule = try runCredo([
      "report", "schedule", "--year", "2025-2026", "--school", "34669773430001", "--database", database,
    ])
    #expect(schedule.status == 0 && schedule.out.contains(",ENG11,3,FY,9106,"))

    let badYear = try runCredo(["report", "tamo", "--year", "2025", "--database", database])
    #expect(badYear.status != 0 && badYear.err.contains("--year"))
    let badLevel = try runCredo([
      "report", "exceptions", "--year", "2025-2026", "--level", "state", "--database", database,
    ])
    #expect(badLevel.status != 0 && badLevel.err.contains("--level"))
  }
}
