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

  /// Splits `text` into records. Works on UTF-8 bytes (every delimiter, quote and line break is ASCII), which is
  /// several times faster than walking `Character`s on files of hundreds of thousands of rows.
  public init(_ text: String, delimiter: Character) {
    var records: [Record] = []
    Self.forEachRecord(in: text, delimiter: delimiter) { record in
      records.append(record)
      return true
    }
    self.records = records
  }

  /// Hands each record of `text` to `body` as it is read, without holding them all: a state CALPADS extract has
  /// three million records, and keeping every one's fields as strings until the last was read took gigabytes.
  /// `body` returns false to stop. Empty lines are skipped; a record's `line` is where it starts (a quoted field
  /// may span lines).
  public static func forEachRecord(in text: String, delimiter: Character, _ body: (Record) -> Bool) {
    var text = text
    text.withUTF8 { bytes in forEachRecord(inUTF8: bytes, delimiter: delimiter, body) }
  }

  static func forEachRecord(
    inUTF8 bytes: UnsafeBufferPointer<UInt8>, delimiter: Character, _ body: (Record) -> Bool
  ) {
    let d = delimiter.asciiValue ?? UInt8(ascii: ",")
    let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    var fields: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var atFieldStart = true
    var line = 1
    var recordLine = 1
    var previousWasCR = false
    func finishField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
    }
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      if inQuotes {
        if b == quote {
          if i < bytes.count, bytes[i] == quote {
            field.append(quote)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if b == lf { line += 1 }
          field.append(b)
        }
        continue
      }
      if b == lf && previousWasCR {
        previousWasCR = false
        continue
      }
      previousWasCR = false
      switch b {
      case quote where atFieldStart:
        inQuotes = true
        atFieldStart = false
      case d:
        finishField()
        atFieldStart = true
      case lf, cr:
        previousWasCR = b == cr
        finishField()
        if !(fields.count == 1 && fields[0].isEmpty) {
          guard body(Record(line: recordLine, fields: fields)) else { return }
        }
        fields.removeAll(keepingCapacity: true)
        atFieldStart = true
        line += 1
        recordLine = line
      default:
        field.append(b)
        atFieldStart = false
      }
    }
    if !field.isEmpty || !fields.isEmpty {
      finishField()
      _ = body(Record(line: recordLine, fields: fields))
    }
  }
}
