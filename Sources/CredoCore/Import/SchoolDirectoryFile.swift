import CredoDomain
import CredoReference
import Foundation

/// One row of the CDE's "Public Schools and Districts" directory (pubschls.txt), as Credo uses it.
public struct SchoolDirectoryRow: Sendable, Hashable {
  public var line: Int
  public var cdsCode: CDSCode
  public var status: OrganizationStatus
  public var county: String
  public var district: String
  public var school: String
  public var isCharter: Bool
  public var charterNumber: String
  public var fundingType: String
  public var ownershipCode: String
  public var ownershipType: String
  public var schoolTypeCode: String
  public var schoolType: String
  public var gradeSpan: GradeSpan?
  public var openDate: CalendarDate?
  public var closedDate: CalendarDate?
  public var street: String
  public var city: String
  public var zip: String
  public var phone: String
  public var website: String
  public var administratorName: String
  public var administratorEmail: String
}

/// Reads the CDE directory file: tab-delimited text with a header row. Columns are found by name, so the
/// CDE's occasional additions and reorderings (see its "Changes to the Public Schools File" page) do not
/// break the import. Every row is checked before anything is written; problems name the line, the column
/// and what to do.
public enum SchoolDirectoryFile {
  public static let requiredColumns = ["CDSCode", "StatusType", "County", "District", "School"]
  public static let maximumProblems = 200

  public static func parse(_ data: Data, fileName: String) -> ImportValidation<SchoolDirectoryRow> {
    let text = DelimitedText.decode(data)
    let records = DelimitedText(text, delimiter: "\t").records
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ column: Int?, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, column: column, reason: reason))
    }
    guard let header = records.first else {
      problem(1, "header", nil, "The file is empty; expected the CDE directory's header row (CDSCode, StatusType, …).")
      return .invalid(problems, truncated: false)
    }
    var index: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() {
      index[name.trimmingCharacters(in: .whitespaces).lowercased()] = i
    }
    let missing = requiredColumns.filter { index[$0.lowercased()] == nil }
    if !missing.isEmpty {
      let delimiterHint =
        header.fields.count == 1 && header.fields[0].contains(",")
        ? " The file looks comma-separated; the CDE directory file is tab-delimited (download the .txt, not a .csv re-save)."
        : ""
      problem(
        header.line, "header", nil,
        "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).\(delimiterHint)")
      return .invalid(problems, truncated: false)
    }

    var rows: [SchoolDirectoryRow] = []
    var seen: [String: Int] = [:]
    for record in records.dropFirst() {
      if problems.count >= maximumProblems { return .invalid(problems, truncated: true) }
      let line = record.line
      if record.fields.count != header.fields.count {
        problem(
          line, "row", nil,
          "Has \(record.fields.count) tab-separated fields but the header has \(header.fields.count); check for a stray tab or a line break inside a field."
        )
        continue
      }
      func value(_ name: String) -> String {
        guard let i = index[name.lowercased()] else { return "" }
        return record.fields[i].trimmingCharacters(in: .whitespaces)
      }
      func column(_ name: String) -> Int? { index[name.lowercased()].map { $0 + 1 } }
      func firstValue(_ names: String...) -> String {
        names.lazy.map(value).first { !$0.isEmpty } ?? ""
      }
      let before = problems.count

      let cdsText = value("CDSCode")
      let cds = CDSCode(cdsText)
      if cds == nil {
        problem(line, "CDSCode", column("CDSCode"), "'\(cdsText)' is not a 14-digit CDS code with a county 01-58.")
      } else if let previous = seen[cdsText] {
        problem(line, "CDSCode", column("CDSCode"), "\(cdsText) also appears on line \(previous); each code once.")
      }
      if cds != nil { seen[cdsText] = line }

      let statusText = value("StatusType")
      let status = OrganizationStatus(directoryValue: statusText)
      if status == nil {
        problem(line, "StatusType", column("StatusType"), "'\(statusText)' is not Active, Closed, Merged or Pending.")
      }
      let county = value("County")
      if let cds, let expected = Optional(CaliforniaCounties.name(of: cds.countyCode)),
        county.lowercased() != expected.lowercased()
      {
        problem(
          line, "County", column("County"),
          "'\(county)' does not match the CDS code's county \(cds.countyCode.digits) (\(expected)).")
      }
      let district = value("District")
      if district.isEmpty { problem(line, "District", column("District"), "The district name is empty.") }
      let school = value("School")
      if cds?.kind == .school, school.isEmpty {
        problem(
          line, "School", column("School"),
          "A school's CDS code ends in its 7-digit school code, so School must name it.")
      }
      let charterText = value("Charter").uppercased()
      if !["", "Y", "N", "1", "0", "NO DATA"].contains(charterText) {
        problem(line, "Charter", column("Charter"), "'\(value("Charter"))' is not Y or N.")
      }
      func date(_ name: String) -> CalendarDate? {
        let text = value(name)
        guard !text.isEmpty, text.lowercased() != "no data" else { return nil }
        guard let parsed = CalendarDate(parsing: text) else {
          problem(line, name, column(name), "'\(text)' is not a date (YYYY-MM-DD or M/D/YYYY).")
          return nil
        }
        return parsed
      }
      let open = date("OpenDate")
      let closed = date("ClosedDate")
      if let open, let closed, closed < open {
        problem(line, "ClosedDate", column("ClosedDate"), "Closed \(closed) before it opened \(open).")
      }
      let gradesText = value("GSoffered")
      var grades: GradeSpan? = nil
      if !gradesText.isEmpty, gradesText.lowercased() != "no data" {
        grades = GradeSpan(parsing: gradesText)
        if grades == nil {
          problem(
            line, "GSoffered", column("GSoffered"), "'\(gradesText)' is not a grade span such as K-5, 9-12 or Adult.")
        }
      }
      guard problems.count == before, let cds, let status else { continue }
      let doc = OwnershipCodes.normalize(value("DOC"))
      let soc = OwnershipCodes.normalize(value("SOC"))
      let adminName = [firstValue("AdmFName", "AdmFName1"), firstValue("AdmLName", "AdmLName1")]
        .filter { !$0.isEmpty }.joined(separator: " ")
      rows.append(
        SchoolDirectoryRow(
          line: line, cdsCode: cds, status: status, county: county, district: district, school: school,
          isCharter: charterText == "Y" || charterText == "1", charterNumber: value("CharterNum"),
          fundingType: value("FundingType"), ownershipCode: doc,
          ownershipType: value("DOCType").isEmpty ? OwnershipCodes.district[doc] ?? "" : value("DOCType"),
          schoolTypeCode: soc,
          schoolType: value("SOCType").isEmpty ? OwnershipCodes.school[soc] ?? "" : value("SOCType"),
          gradeSpan: grades, openDate: open, closedDate: closed, street: value("Street"), city: value("City"),
          zip: value("Zip"), phone: value("Phone"), website: firstValue("WebSite", "Website"),
          administratorName: adminName, administratorEmail: firstValue("AdmEmail", "AdmEmail1")))
    }
    if records.count < 2 {
      problem(header.line, "row", nil, "The file has a header but no rows.")
    }
    return problems.isEmpty ? .valid(rows) : .invalid(problems, truncated: false)
  }
}
