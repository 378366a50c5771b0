import SQLKit

/// How record structs map to columns: snake_case names, and explicit NULLs so that every row of a multi-row
/// insert names the same columns.
enum Coding {
  static let encoder = SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
  static let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)
}

extension SQLDatabase {
  /// Inserts rows in batches that stay under both backends' bind-parameter limits (SQLite 32,766;
  /// PostgreSQL 65,535), one statement per batch: the fastest portable way to load hundreds of thousands.
  func insertBatched<Row: Encodable & Sendable>(_ rows: [Row], into table: String, columnsPerRow: Int) async throws {
    guard !rows.isEmpty else { return }
    let batch = max(1, 30_000 / max(1, columnsPerRow))
    var start = 0
    while start < rows.count {
      let end = min(rows.count, start + batch)
      try await insert(into: table).models(Array(rows[start..<end]), with: Coding.encoder).run()
      start = end
    }
  }
}

/// A page of a longer list, and how many there are in all.
public struct Page<Item: Sendable>: Sendable {
  public var items: [Item]
  public var total: Int
  public var page: Int
  public var perPage: Int

  public init(items: [Item], total: Int, page: Int, perPage: Int) {
    self.items = items
    self.total = total
    self.page = page
    self.perPage = perPage
  }

  public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
  public var hasNext: Bool { page < pageCount }
  public var hasPrevious: Bool { page > 1 }
  public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
    Page<T>(items: try items.map(transform), total: total, page: page, perPage: perPage)
  }
}

/// Sorting and paging asked of a list. `perPage` of 0 means all rows (exports).
public struct ListWindow: Sendable, Hashable {
  public var sort: String
  public var descending: Bool
  public var page: Int
  public var perPage: Int

  public init(sort: String, descending: Bool = false, page: Int = 1, perPage: Int = 50) {
    self.sort = sort
    self.descending = descending
    // Capped so that (page - 1) * perPage cannot overflow, whatever a URL asks for.
    self.page = min(max(1, page), 1_000_000)
    self.perPage = max(0, min(perPage, 1000))
  }

  public static func all(sort: String, descending: Bool = false) -> ListWindow {
    var window = ListWindow(sort: sort, descending: descending)
    window.perPage = 0
    return window
  }

  var limitClause: SQLQueryString {
    perPage == 0 ? "" : " LIMIT \(literal: perPage) OFFSET \(literal: (page - 1) * perPage)"
  }
}
