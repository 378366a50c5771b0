import Foundation

/// Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled. Cells that
/// a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe (OWASP CSV
/// injection guidance), because offices open these files in Excel.
public struct CSVWriter: Sendable {
  public private(set) var text = ""

  public init(header: [String]) { append(header, guardFormulas: false) }

  public mutating func append(_ row: [String], guardFormulas: Bool = true) {
    text += row.map { Self.escape($0, guardFormulas: guardFormulas) }.joined(separator: ",") + "\r\n"
  }

  static func escape(_ field: String, guardFormulas: Bool) -> String {
    var value = field
    if guardFormulas, let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil {
      value = "'" + value
    }
    if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
  }
}

/// Reads delimited text (tab, caret or comma) with optional double-quoted fields, keeping each record's
/// physical line number so problems can be reported where an office will find them.
public struct DelimitedText: Sendable {
  public struct Record: Sendable {
    public var line: Int
    public var fields: [String]
  }

  public var records: [Record]

  /// Decodes UTF-8 (with or without a byte-order mark), falling back to Windows-1252, which older CDE and
  /// SIS exports use.
  public static func decode(_ data: Data) -> String {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    return String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: .windowsCP1252) ?? ""
  }

  public init(_ text: String, delimiter: Character) {
    var records: [Record] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var atFieldStart = true
    var line = 1
    var recordLine = 1
    var iterator = text.makeIterator()
    var pending: Character? = nil
    func next() -> Character? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let following = next() {
            if following == "\"" {
              field.append("\"")
            } else {
              inQuotes = false
              pending = following
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" || c == "\r\n" { line += 1 }
          field.append(c)
        }
        continue
      }
      switch c {
      case "\"" where atFieldStart:
        inQuotes = true
        atFieldStart = false
      case delimiter:
        fields.append(field)
        field = ""
        atFieldStart = true
      case "\n", "\r\n", "\r":
        fields.append(field)
        if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
        fields = []
        field = ""
        atFieldStart = true
        line += 1
        recordLine = line
      default:
        field.append(c)
        atFieldStart = false
      }
    }
    if !field.isEmpty || !fields.isEmpty {
      fields.append(field)
      records.append(Record(line: recordLine, fields: fields))
    }
    self.records = records
  }
}
