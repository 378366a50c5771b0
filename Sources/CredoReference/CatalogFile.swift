import CredoDomain
import Foundation

/// Credo's catalog file format: one UTF-8 text file per table kind, tab-separated.
///
/// ```
/// # kind: course-authorizations
/// # source: CTC, "Appropriate Credentials for CALPADS State Course Codes", …
/// # as_of: 2026-11-22
/// # note: any number of note lines (optional)
/// course_code<TAB>coverage<TAB>document_codes<TAB>…
/// 9325<TAB>full<TAB>TC1<TAB>Single Subject Teaching Credential<TAB>R1S<TAB>SC<TAB>Science: Chemistry<TAB>
/// ```
///
/// - Comment lines start with `#`. Before the header row, `# kind:` (a `CatalogKind` raw value), `# source:`
///   (who published the table, which edition) and `# as_of:` (YYYY-MM-DD) are required; `# note:` may repeat.
///   Other comment lines are ignored, as are blank lines.
/// - The header row names every column of the kind (any order; see `CatalogFile.columns(of:)`), then one line per
///   row with the same number of tab-separated fields. Fields cannot contain tabs or line breaks.
/// - Empty means none. School years are `2019-2020` (empty or `N/A` = still in use); flags are Y/N; code lists
///   are comma-separated; phrase lists (restrictions, names) are semicolon-separated. The crosswalk's glued
///   restriction text from the CTC source is also accepted and separated on import.
/// - Each kind has a unique key (e.g. the course code); a duplicate is a problem.
///
/// The whole file is validated before anything is used: `parse` returns either the table or every problem
/// (file, line, field, reason), capped at `maximumProblems`. `CatalogDocument.canonicalText` is the file as Credo
/// writes it (fixed column order, normalized values); its SHA-256 identifies the content, so re-importing the
/// same table with different line endings or column order is recognized as the same.
public enum CatalogFile {
  public static let maximumProblems = 200

  /// The column names of a kind, in the order Credo writes them.
  public static func columns(of kind: CatalogKind) -> [String] { CatalogSchema.kind(kind).columns.map(\.name) }

  /// Validates a whole file. `expecting` rejects a file of another kind (e.g. `credo catalog import
  /// state-courses` given a crosswalk file).
  public static func parse(_ data: Data, fileName: String, expecting: CatalogKind? = nil) -> CatalogParseResult {
    var problems: [ImportProblem] = []
    func problem(_ line: Int, _ field: String, _ column: Int? = nil, _ reason: String) {
      problems.append(ImportProblem(file: fileName, line: line, field: field, column: column, reason: reason))
    }
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: bytes, encoding: .utf8) else {
      problem(1, "file", nil, "The file is not UTF-8 text; save it as UTF-8 (tab-separated).")
      return .invalid(problems, truncated: false)
    }
    // "\r\n" is one Character in Swift, so normalize line endings before splitting.
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    // Header comments, then the header row.
    var meta: [String: (line: Int, value: String)] = [:]
    var notes: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        index += 1
        continue
      }
      guard trimmed.hasPrefix("#") else { break }
      let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
      if let colon = body.firstIndex(of: ":") {
        let key = body[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if key == "note" {
          if !value.isEmpty { notes.append(value) }
        } else if ["kind", "source", "as_of"].contains(key) {
          if let previous = meta[key] {
            problem(index + 1, key, nil, "'# \(key):' appears again (first on line \(previous.line)); give it once.")
          }
          meta[key] = (index + 1, value)
        }
      }
      index += 1
    }
    let headerLine = index + 1
    let kindText = meta["kind"]?.value ?? ""
    let kind = CatalogKind(rawValue: kindText.lowercased())
    if kindText.isEmpty {
      problem(
        1, "kind", nil,
        "Missing '# kind:' line before the header row; expected one of \(CatalogKind.allCases.map(\.rawValue).joined(separator: ", "))."
      )
    } else if kind == nil {
      problem(
        meta["kind"]!.line, "kind", nil,
        "'\(kindText)' is not a catalog table kind; expected one of \(CatalogKind.allCases.map(\.rawValue).joined(separator: ", "))."
      )
    } else if let expecting, kind != expecting {
      problem(
        meta["kind"]!.line, "kind", nil,
        "The file is a '\(kindText)' table but '\(expecting.rawValue)' was asked for; import it as \(kindText).")
    }
    let source = meta["source"]?.value ?? ""
    if source.isEmpty {
      problem(
        meta["source"]?.line ?? 1, "source", nil, "Missing '# source:' line: who published this table, which edition.")
    }
    let asOfText = meta["as_of"]?.value ?? ""
    let asOf = CalendarDate(parsing: asOfText)
    if asOfText.isEmpty {
      problem(
        meta["as_of"]?.line ?? 1, "as_of", nil,
        "Missing '# as_of:' line: the date the table is current as of (YYYY-MM-DD).")
    } else if asOf == nil {
      problem(meta["as_of"]!.line, "as_of", nil, "'\(asOfText)' is not a date (YYYY-MM-DD).")
    }
    guard let kind, index < lines.count else {
      if kind != nil { problem(headerLine, "header", nil, "The file has no header row.") }
      return .invalid(problems, truncated: false)
    }
    if expecting != nil && kind != expecting { return .invalid(problems, truncated: false) }

    let schema = CatalogSchema.kind(kind)
    let header = lines[index].split(separator: "\t", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    var position: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      if position[name] != nil {
        problem(headerLine, "header", i + 1, "Column '\(name)' appears twice.")
      }
      position[name] = i
    }
    let expected = schema.columns.map(\.name)
    let missing = expected.filter { position[$0] == nil }
    let unknown = header.filter { !expected.contains($0) }
    if !missing.isEmpty {
      let hint =
        header.count == 1 && header[0].contains(",")
        ? " The file looks comma-separated; catalog files are tab-separated." : ""
      problem(
        headerLine, "header", nil,
        "Missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) for a \(kind.rawValue) table.\(hint)"
      )
    }
    if !unknown.isEmpty {
      problem(
        headerLine, "header", nil,
        "Unknown column\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")); a \(kind.rawValue) table has \(expected.joined(separator: ", "))."
      )
    }
    guard problems.isEmpty else { return .invalid(problems, truncated: false) }

    var records: [[String]] = []
    var recordLines: [Int] = []
    var seen: [[String]: Int] = [:]
    let keyIndexes = schema.key.compactMap { name in schema.columns.firstIndex { $0.name == name } }
    for lineIndex in (index + 1)..<lines.count {
      if problems.count >= maximumProblems { return .invalid(problems, truncated: true) }
      let raw = lines[lineIndex]
      let trimmed = raw.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let line = lineIndex + 1
      let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == header.count else {
        problem(
          line, "row", nil,
          "Has \(fields.count) tab-separated fields but the header has \(header.count); check for a stray tab or a missing field."
        )
        continue
      }
      let before = problems.count
      var values: [String] = []
      for column in schema.columns {
        let i = position[column.name]!
        switch column.canonical(fields[i]) {
        case .success(let value): values.append(value)
        case .failure(let error):
          problem(line, column.name, i + 1, "\(column.name) \(error.reason).")
          values.append("")
        }
      }
      guard problems.count == before else { continue }
      func value(_ name: String) -> String {
        schema.columns.firstIndex { $0.name == name }.map { values[$0] } ?? ""
      }
      for (field, reason) in CatalogSchema.rowProblems(kind, value) {
        problem(line, field, position[field].map { $0 + 1 }, reason + ".")
      }
      let key = keyIndexes.map { values[$0] }
      if let previous = seen[key] {
        problem(
          line, schema.key.first ?? "row", position[schema.key.first ?? ""].map { $0 + 1 },
          "\(schema.key.joined(separator: " + ")) \(key.joined(separator: " / ")) also appears on line \(previous); each once."
        )
      }
      guard problems.count == before else { continue }
      seen[key] = line
      records.append(values)
      recordLines.append(line)
    }
    if records.isEmpty && problems.isEmpty {
      problem(headerLine, "row", nil, "The file has a header but no rows.")
    }
    guard problems.isEmpty, let asOf else { return .invalid(problems, truncated: false) }
    return .valid(
      CatalogDocument(
        kind: kind, source: source, asOf: asOf, notes: notes, columns: expected, records: records, lines: recordLines))
  }
}

/// The outcome of validating a catalog file: the whole table, or every problem (capped), never both.
public enum CatalogParseResult: Sendable {
  case valid(CatalogDocument)
  case invalid([ImportProblem], truncated: Bool)
}

/// A validated catalog file: its header fields and its rows as canonical text values, in Credo's column order.
public struct CatalogDocument: Sendable, Hashable {
  public var kind: CatalogKind
  public var source: String
  public var asOf: CalendarDate
  public var notes: [String]
  public var columns: [String]
  public var records: [[String]]
  /// The line each record came from.
  public var lines: [Int]

  public init(
    kind: CatalogKind, source: String, asOf: CalendarDate, notes: [String], columns: [String], records: [[String]],
    lines: [Int]
  ) {
    self.kind = kind
    self.source = source
    self.asOf = asOf
    self.notes = notes
    self.columns = columns
    self.records = records
    self.lines = lines
  }

  public var rowCount: Int { records.count }

  /// The file as Credo writes it (the catalog format's writer): header comments, header row, rows.
  public var canonicalText: String {
    var text = "# kind: \(kind.rawValue)\n# source: \(Self.clean(source))\n# as_of: \(asOf.iso)\n"
    for note in notes { text += "# note: \(Self.clean(note))\n" }
    text += columns.joined(separator: "\t") + "\n"
    for record in records { text += record.map(Self.clean).joined(separator: "\t") + "\n" }
    return text
  }

  /// SHA-256 (hex) of `canonicalText`: identical content has the same digest.
  public var sha256: String { SHA256Digest.hex(Data(canonicalText.utf8)) }

  static func clean(_ value: String) -> String {
    value.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: " ")
      .replacingOccurrences(of: "\n", with: " ")
  }

  /// The typed rows.
  public var rows: CatalogRows {
    CatalogSchema.rows(kind, records.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) })
  }

  /// This document as one version of its table.
  public func table(
    version: Int, fileName: String, importedBy: String? = nil, importedAt: Date? = nil, sha256 digest: String? = nil
  ) -> CatalogTable {
    CatalogTable(
      info: CatalogTableInfo(
        kind: kind, version: version, source: source, asOf: asOf, notes: notes, rowCount: rowCount,
        sha256: digest ?? sha256, fileName: fileName, importedBy: importedBy, importedAt: importedAt),
      rows: rows)
  }
}

/// Writes rows in the catalog format (exports of a stored version write its canonical text directly).
public enum CatalogWriter {
  /// Writes `records` (values in `CatalogFile.columns(of: kind)` order) as a catalog file.
  public static func write(
    kind: CatalogKind, source: String, asOf: CalendarDate, notes: [String] = [], records: [[String]]
  ) -> String {
    CatalogDocument(
      kind: kind, source: source, asOf: asOf, notes: notes, columns: CatalogFile.columns(of: kind), records: records,
      lines: []
    ).canonicalText
  }
}
