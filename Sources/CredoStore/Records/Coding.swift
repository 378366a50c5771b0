import SQLKit

/// How record structs map to columns: snake_case names, and explicit NULLs so that every row of a multi-row
/// insert names the same columns.
enum Coding {
  static let encoder = SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
  /// Decodes with the same column names as SQLKit's `.convertFromSnakeCase`, computed by `SnakeCaseColumn` on
  /// bytes: SQLKit's conversion asks Unicode properties of every character of every key of every row, which was the
  /// largest single cost of reading rows (12 % of a notice run over the state data set).
  static let decoder = SQLRowDecoder(
    keyDecodingStrategy: .custom { path in
      SnakeCaseColumn.Key(stringValue: SnakeCaseColumn.name(path.last?.stringValue ?? ""))
    })
}

/// SQLKit's camelCase → snake_case column naming (`String.convertedToSnakeCase`, internal to SQLKit), reproduced:
/// words start at each upper-case letter; a run of capitals followed by a lower-case letter ends one letter early
/// (the last capital starts the next word); each word's first letter is lower-cased; words are joined with `_`.
/// `SnakeCaseColumnTests` checks it against SQLKit's encoder for a set of awkward keys.
enum SnakeCaseColumn {
  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  static func name(_ key: String) -> String {
    var utf8 = Array(key.utf8)
    guard !utf8.isEmpty else { return key }
    guard utf8.allSatisfy({ $0 < 0x80 }) else { return characterName(Array(key)) }
    func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    var words: [Range<Int>] = []
    var wordStart = 0
    var search = 1
    while let upper = utf8[min(search, utf8.count)...].firstIndex(where: isUpper) {
      words.append(wordStart..<upper)
      wordStart = upper
      guard let lower = utf8[upper...].firstIndex(where: isLower) else { break }
      search = lower
      if lower != upper + 1 {
        words.append(upper..<(lower - 1))
        wordStart = lower - 1
      }
    }
    words.append(wordStart..<utf8.count)
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count + words.count)
    for (i, word) in words.enumerated() {
      if i > 0 { out.append(0x5F) }
      for j in word {
        let b = utf8[j]
        out.append(j == word.lowerBound && isUpper(b) ? b + 0x20 : b)
      }
    }
    utf8 = out
    return String(decoding: utf8, as: UTF8.self)
  }

  /// The same on characters, for keys that are not ASCII.
  static func characterName(_ characters: [Character]) -> String {
    var words: [Range<Int>] = []
    var wordStart = 0
    var search = 1
    while let upper = characters[min(search, characters.count)...].firstIndex(where: \.isUppercase) {
      words.append(wordStart..<upper)
      wordStart = upper
      guard let lower = characters[upper...].firstIndex(where: \.isLowercase) else { break }
      search = lower
      if lower != upper + 1 {
        words.append(upper..<(lower - 1))
        wordStart = lower - 1
      }
    }
    words.append(wordStart..<characters.count)
    return words.map { word in
      word.isEmpty
        ? "" : characters[word.lowerBound].lowercased() + String(characters[(word.lowerBound + 1)..<word.upperBound])
    }.joined(separator: "_")
  }
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
