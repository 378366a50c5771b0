import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import SQLKit

/// One column value on the bulk-load path. Rows list their values as these rather than as `Encodable`
/// existentials so that each backend can take them without `Codable`: SQLite binds them as the plain values its
/// encoder would have produced (a UUID as its string, a date as seconds since 1970), PostgreSQL receives them
/// through `COPY … FROM STDIN`.
enum BulkValue: Sendable {
  case text(String)
  case uuid(UUID)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case date(Date)
  case null

  static func of(_ text: String?) -> BulkValue { text.map(BulkValue.text) ?? .null }
  static func of(_ id: UUID?) -> BulkValue { id.map(BulkValue.uuid) ?? .null }

  /// The value SQLite stores, as `SQLiteDataEncoder` would have made it from the `Codable` value.
  var sqliteData: SQLiteData {
    switch self {
    case .text(let value): .text(value)
    case .uuid(let value): .text(value.uuidString)
    case .int(let value): .integer(value)
    case .double(let value): .float(value)
    case .bool(let value): .integer(value ? 1 : 0)
    case .date(let value): .float(value.timeIntervalSince1970)
    case .null: .null
    }
  }

  /// The value SQLKit binds: for SQLite exactly what `SQLiteDataEncoder` makes of the `Codable` value (a UUID
  /// encodes as its `uuidString`, a `Date` as `timeIntervalSince1970`), for PostgreSQL the typed value.
  func bind(sqlite: Bool) -> any Encodable & Sendable {
    switch self {
    case .text(let value): value
    case .uuid(let value): sqlite ? value.uuidString : value
    case .int(let value): value
    case .double(let value): value
    case .bool(let value): value
    case .date(let value): sqlite ? value.timeIntervalSince1970 : value
    case .null: String?.none
    }
  }

  /// Appends the value in `COPY` text format: `\N` for NULL, backslash escapes for the characters that
  /// delimit fields and rows.
  func writeCopyText(into buffer: inout ByteBuffer) {
    switch self {
    case .text(let value):
      if value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
        for byte in value.utf8 {
          switch byte {
          case 0x5C: buffer.writeStaticString("\\\\")
          case 0x09: buffer.writeStaticString("\\t")
          case 0x0A: buffer.writeStaticString("\\n")
          case 0x0D: buffer.writeStaticString("\\r")
          default: buffer.writeInteger(byte)
          }
        }
      } else {
        buffer.writeString(value)
      }
    case .uuid(let value): buffer.writeString(value.uuidString)
    case .int(let value): buffer.writeString(String(value))
    case .double(let value): buffer.writeString(String(value))
    case .bool(let value): buffer.writeStaticString(value ? "t" : "f")
    case .date(let value): Self.writeTimestamp(value, into: &buffer)
    case .null: buffer.writeStaticString("\\N")
    }
  }

  /// A `timestamptz` in UTC with microseconds, truncated the way PostgresNIO's binary encoding truncates, so a
  /// date written by `COPY` reads back equal to one written by a bound parameter.
  static func writeTimestamp(_ date: Date, into buffer: inout ByteBuffer) {
    let micros = Int64(date.timeIntervalSince(Date(timeIntervalSince1970: 946_684_800)) * 1_000_000)
    let perDay: Int64 = 86_400_000_000
    var days = micros / perDay
    var rest = micros % perDay
    if rest < 0 {
      rest += perDay
      days -= 1
    }
    // Days since 2000-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
    let z = days + 10_957 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    let seconds = rest / 1_000_000
    let fraction = rest % 1_000_000
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : String(n) }
    var text = String(year) + "-" + two(month) + "-" + two(day) + " " + two(seconds / 3600) + ":"
    text += two(seconds / 60 % 60) + ":" + two(seconds % 60) + "."
    let digits = String(fraction)
    text += String(repeating: "0", count: 6 - digits.count) + digits + "+00"
    buffer.writeString(text)
  }
}

/// A row type that lists its own column values, for the bulk-load path: encoding hundreds of thousands of
/// rows through `Codable` costs several times more than binding the values directly (`credo demo --size state`
/// went from 200 s to the figure in docs/PERFORMANCE.md).
protocol BulkRow: Sendable {
  static var columns: [String] { get }
  var values: [BulkValue] { get }
}

extension SQLDatabase {
  /// Inserts rows as fast as the backend allows: on PostgreSQL one `COPY … FROM STDIN` stream (on the
  /// transaction's connection when called inside one), on SQLite multi-row statements sized under its
  /// bind-parameter limit (32,766), written as SQL text and bound as `SQLiteData` directly (SQLKit's
  /// serializer and the `Encodable` binds cost as much as SQLite's own work at this size).
  func insertBulk<Row: BulkRow>(_ rows: [Row], into table: String) async throws {
    guard !rows.isEmpty else { return }
    if dialect.name == "postgresql", let postgres = self as? any PostgresDatabase {
      try await postgres.copy(rows, into: table, logger: logger)
      return
    }
    if dialect.name == "sqlite", let sqlite = self as? any SQLiteDatabase {
      try await sqlite.insertRows(rows, into: table)
      return
    }
    let sqlite = dialect.name == "sqlite"
    let batch = max(1, 30_000 / Row.columns.count)
    var start = 0
    while start < rows.count {
      let end = min(rows.count, start + batch)
      var builder = insert(into: table).columns(Row.columns)
      for row in rows[start..<end] { builder = builder.values(row.values.map { $0.bind(sqlite: sqlite) }) }
      try await builder.run()
      start = end
    }
  }
}

extension PostgresDatabase {
  /// Streams `rows` into `table` with `COPY … FROM STDIN` (text format), in buffers of about 1 MiB.
  func copy<Row: BulkRow>(_ rows: [Row], into table: String, logger: Logger) async throws {
    try await withConnection { connection in
      connection.eventLoop.makeFutureWithTask {
        try await connection.copyFrom(table: table, columns: Row.columns, logger: logger) { writer in
          var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
          for row in rows {
            var first = true
            for value in row.values {
              if !first { buffer.writeInteger(UInt8(0x09)) }
              first = false
              value.writeCopyText(into: &buffer)
            }
            buffer.writeInteger(UInt8(0x0A))
            if buffer.readableBytes >= 1 << 20 {
              try await writer.write(buffer)
              buffer.clear()
            }
          }
          if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
      }
    }.get()
  }
}

extension SQLiteDatabase {
  /// Multi-row `INSERT` statements with their values bound as `SQLiteData`.
  func insertRows<Row: BulkRow>(_ rows: [Row], into table: String) async throws {
    let batch = max(1, 30_000 / Row.columns.count)
    let head =
      "INSERT INTO \"\(table)\" (" + Row.columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
    let placeholders = "(" + Array(repeating: "?", count: Row.columns.count).joined(separator: ", ") + ")"
    var fullBatchSQL: String?
    var start = 0
    while start < rows.count {
      let end = min(rows.count, start + batch)
      let sql: String
      if end - start == batch, let cached = fullBatchSQL {
        sql = cached
      } else {
        sql = head + Array(repeating: placeholders, count: end - start).joined(separator: ", ")
        if end - start == batch { fullBatchSQL = sql }
      }
      var binds: [SQLiteData] = []
      binds.reserveCapacity((end - start) * Row.columns.count)
      for row in rows[start..<end] {
        for value in row.values { binds.append(value.sqliteData) }
      }
      try await query(sql, binds) { _ in }
      start = end
    }
  }
}
