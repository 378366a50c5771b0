import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// A bind of a bulk read: text, or a UUID (its upper-case string on SQLite, where UUIDs are stored so, and a `uuid`
/// on PostgreSQL).
enum ReadBind: Sendable {
  case text(String)
  case uuid(UUID)
  /// A page's `rowid` (SQLite).
  case integer(Int64)
}

extension SQLDatabase {
  /// The placeholder of the `n`th bind (from 1) of a bulk read in this dialect.
  func placeholder(_ n: Int) -> String { dialect.name == "postgresql" ? "$\(n)" : "?" }

  /// `count` placeholders from the `first`th, comma-separated (for `IN (…)`).
  func placeholders(from first: Int, count: Int) -> String {
    (first..<(first + count)).map(placeholder).joined(separator: ", ")
  }

  /// The read path of monitoring runs (millions of rows): runs `sql`, whose columns must all be text (or UUIDs on
  /// PostgreSQL; cast numbers with `CAST(… AS TEXT)`), and hands each row's values to `body` as they arrive, straight
  /// from the driver: SQLite's values and PostgreSQL's cells, without SQLKit's row decoding, which looks every
  /// column up by name and goes through `Decodable` (several times the cost at this size).
  func eachTextRow(
    _ sql: String, _ binds: [ReadBind], _ body: @escaping @Sendable ([String?]) throws -> Void
  ) async throws {
    let failure = ReadFailure()
    if dialect.name == "sqlite", let sqlite = self as? any SQLiteDatabase {
      let data: [SQLiteData] = binds.map {
        switch $0 {
        case .text(let text): .text(text)
        case .uuid(let id): .text(id.uuidString)
        case .integer(let n): .integer(Int(n))
        }
      }
      try await sqlite.query(sql, data) { row in
        guard failure.error == nil else { return }
        let values: [String?] = row.columns.map { column in
          switch column.data {
          case .text(let text): text
          case .integer(let n): String(n)
          case .float(let x): String(x)
          case .blob, .null: nil
          }
        }
        do { try body(values) } catch { failure.error = error }
      }
    } else if dialect.name == "postgresql", let postgres = self as? any PostgresDatabase {
      var bindings = PostgresBindings(capacity: binds.count)
      for bind in binds {
        switch bind {
        case .text(let text): bindings.append(text)
        case .uuid(let id): bindings.append(id)
        case .integer(let n): bindings.append(n)
        }
      }
      let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
      try await postgres.withConnection { connection in
        connection.eventLoop.makeFutureWithTask {
          let rows = try await connection.query(query, logger: postgres.logger)
          for try await row in rows {
            var values: [String?] = []
            values.reserveCapacity(row.count)
            for cell in row { values.append(try cell.decode(String?.self)) }
            try body(values)
          }
        }
      }.get()
    } else {
      throw StoreError.failed(reason: "bulk reads need SQLite or PostgreSQL, not \(dialect.name)")
    }
    if let error = failure.error { throw error }
  }
}

extension SQLDatabase {
  /// `eachTextRow` for reads of millions of rows: `SELECT columns FROM table WHERE condition`, in the order of
  /// `order` (columns that together identify a row, such as an index's columns and `rowid`).
  ///
  /// SQLiteNIO steps a whole result on its thread pool and queues every row, with a future, for the event loop: a
  /// reader slower than SQLite (any that decodes its rows) left most of a state year's result queued, gigabytes. So
  /// on SQLite the rows are read in pages of `pageSize`, each starting after the last row of the page before, which
  /// bounds the queue. PostgreSQL's driver streams with back-pressure: there it is one query, ordered only when
  /// `orderOnPostgres` (the order is then compared byte by byte, as `COLLATE "C"`).
  func eachTextRow(
    select columns: [String], from table: String, where condition: String, _ binds: [ReadBind], order: [String],
    orderOnPostgres: Bool = false, pageSize: Int = 50_000, _ body: @escaping @Sendable ([String?]) throws -> Void
  ) async throws {
    let list = columns.joined(separator: ", ")
    guard dialect.name == "sqlite" else {
      var sql = "SELECT \(list) FROM \(table) WHERE \(condition)"
      if orderOnPostgres { sql += " ORDER BY " + order.map { "\($0) COLLATE \"C\"" }.joined(separator: ", ") }
      try await eachTextRow(sql, binds, body)
      return
    }
    let keys = order.count
    let head = "SELECT \(order.joined(separator: ", ")), \(list) FROM \(table) WHERE (\(condition))"
    let tail = " ORDER BY \(order.joined(separator: ", ")) LIMIT \(pageSize)"
    let after =
      " AND (\(order.joined(separator: ", "))) > (\(Array(repeating: "?", count: keys).joined(separator: ", ")))"
    let last = Sink<[String?]?>(nil)
    let rows = Sink(0)
    repeat {
      rows.value = 0
      var sql = head
      var pageBinds = binds
      if let previous = last.value {
        sql += after
        for (column, value) in zip(order, previous) {
          if column == "rowid", let n = value.flatMap({ Int64($0) }) {
            pageBinds.append(.integer(n))
          } else {
            pageBinds.append(.text(value ?? ""))
          }
        }
      }
      try await eachTextRow(sql + tail, pageBinds) { row in
        rows.value += 1
        last.value = Array(row[0..<keys])
        try body(Array(row[keys...]))
      }
    } while rows.value == pageSize
  }
}

/// The first error of a row callback that cannot throw (SQLite's), reported after the query.
final class ReadFailure: @unchecked Sendable {
  var error: (any Error)?
}

extension UUID {
  /// Parses the 36-character form (`8-4-4-4-12` hex digits) directly; Foundation's `UUID(uuidString:)` goes
  /// through `sscanf`, which a state year's millions of stored ids make noticeable. Anything else goes to Foundation.
  init?(storedText text: String) {
    var text = text
    let parsed: uuid_t? = text.withUTF8 { bytes -> uuid_t? in
      guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else {
        return nil
      }
      var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      let complete = withUnsafeMutableBytes(of: &value) { out -> Bool in
        var next = 0
        var high: UInt8? = nil
        for byte in bytes where byte != 0x2D {
          let nibble: UInt8
          switch byte {
          case 0x30...0x39: nibble = byte - 0x30
          case 0x41...0x46: nibble = byte - 0x41 + 10
          case 0x61...0x66: nibble = byte - 0x61 + 10
          default: return false
          }
          if let h = high {
            guard next < 16 else { return false }
            out[next] = h << 4 | nibble
            next += 1
            high = nil
          } else {
            high = nibble
          }
        }
        return next == 16
      }
      return complete ? value : nil
    }
    if let parsed {
      self.init(uuid: parsed)
    } else if let fallback = UUID(uuidString: text) {
      self = fallback
    } else {
      return nil
    }
  }
}
