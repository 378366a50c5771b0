import CredoDomain
import Foundation

/// Reads a CTC action list (docs/INTERCHANGE-EXTENSIONS.md, "CTC action lists"): CSV with a header row; columns
/// by name, in any order: `name` ("Last, First") or `last_name` and `first_name`; `seid` (optional per row);
/// `birth_date`; `action`; `effective_date`; `end_date` (optional); `document` (optional); `source` (`APB` or
/// `license-match`; a file-wide `--source` may stand in for the column).
///
/// The whole file is checked first; one bad row rejects the file with every problem (file, line, field, what to do).
/// A private admonition is never imported (domain rule 79): it is confidential and not on the public list.
public enum CTCActionsFile {
  public static let maximumProblems = 200

  public static func parse(
    _ data: Data, fileName: String, defaultSource: CTCActionSource? = nil
  )
    -> ImportValidation<CTCActionEntry>
  {
    let records = DelimitedText(DelimitedText.decode(data), delimiter: ",").records
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, reason: reason))
    }
    guard let header = records.first else {
      problem(
        1, "header",
        "The file is empty; expected a header row such as name,seid,birth_date,action,effective_date,end_date,document,source."
      )
      return .invalid(problems, truncated: false)
    }
    var index: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() {
      index[name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")] = i
    }
    var missing: [String] = []
    if index["name"] == nil && index["last_name"] == nil { missing.append("name (or last_name and first_name)") }
    for column in ["birth_date", "action", "effective_date"] where index[column] == nil { missing.append(column) }
    if index["source"] == nil && defaultSource == nil { missing.append("source (or give the list's source)") }
    if !missing.isEmpty {
      problem(
        header.line, "header", "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")).")
      return .invalid(problems, truncated: false)
    }
    var entries: [CTCActionEntry] = []
    for record in records.dropFirst() {
      if problems.count >= maximumProblems { return .invalid(problems, truncated: true) }
      let line = record.line
      if record.fields.allSatisfy({ $0.trimmedOfWhitespace.isEmpty }) { continue }
      func value(_ name: String) -> String {
        guard let i = index[name], i < record.fields.count else { return "" }
        return record.fields[i].trimmedOfWhitespace
      }
      let before = problems.count
      var last = value("last_name")
      var first = value("first_name")
      if last.isEmpty, !value("name").isEmpty {
        let parts = value("name").split(separator: ",", maxSplits: 1).map { $0.trimmedOfWhitespace }
        if parts.count == 2 {
          (last, first) = (parts[0], parts[1])
        } else {
          problem(
            line, "name", "'\(value("name"))' is not \"Last, First\"; write the name with a comma after the last name.")
        }
      }
      if last.isEmpty, problems.count == before { problem(line, "name", "The holder's last name is empty.") }
      let seidText = value("seid")
      let seid = seidText.isEmpty ? nil : SEID(seidText)
      if !seidText.isEmpty, seid == nil {
        problem(line, "seid", "'\(seidText)' is not an SEID (10 digits); correct it or leave it empty.")
      }
      let birthText = value("birth_date")
      let birth = birthText.isEmpty ? nil : CalendarDate(parsing: birthText)
      if !birthText.isEmpty, birth == nil {
        problem(line, "birth_date", "'\(birthText)' is not a date; use YYYY-MM-DD.")
      }
      if seid == nil, birthText.isEmpty {
        problem(line, "birth_date", "A row without an SEID needs the birth date to be matched; add it.")
      }
      let actionText = value("action")
      let action = CTCActionKind(text: actionText)
      if CTCActionKind.isPrivateAdmonition(actionText) {
        problem(
          line, "action",
          "A private admonition is confidential and never on the All Points Bulletin (domain rule 79); remove the row and keep it out of Credo."
        )
      } else if action == nil {
        problem(
          line, "action",
          "'\(actionText)' is not an action Credo applies; use denial, suspension, revocation, reinstatement or public reproval."
        )
      }
      let effectiveText = value("effective_date")
      let effective = CalendarDate(parsing: effectiveText)
      if effective == nil {
        problem(line, "effective_date", "'\(effectiveText)' is not a date; use YYYY-MM-DD (required).")
      }
      let endText = value("end_date")
      let end = endText.isEmpty ? nil : CalendarDate(parsing: endText)
      if !endText.isEmpty, end == nil {
        problem(line, "end_date", "'\(endText)' is not a date; use YYYY-MM-DD or leave it empty.")
      }
      if let end, let effective, end < effective {
        problem(line, "end_date", "The end date \(end) is before the effective date \(effective).")
      }
      let sourceText = value("source")
      let source = sourceText.isEmpty ? defaultSource : CTCActionSource(text: sourceText)
      if source == nil {
        problem(line, "source", "'\(sourceText)' is not a list Credo reads; use APB or license-match.")
      }
      guard problems.count == before, let action, let effective, let source else { continue }
      entries.append(
        CTCActionEntry(
          line: line, source: source, lastName: last, firstName: first, seid: seid, birthDate: birth, action: action,
          effective: effective, end: end, document: value("document")))
    }
    if !problems.isEmpty { return .invalid(problems, truncated: false) }
    if entries.isEmpty {
      problem(header.line, "file", "The file has a header but no rows.")
      return .invalid(problems, truncated: false)
    }
    return .valid(entries)
  }
}
