import CredoDomain
import CredoStore
import Foundation

/// What the state course list is filtered by.
public struct CourseFilter: Sendable, Hashable {
  /// Matches a course code prefix, or the start of any word of the name.
  public var text: String?
  public var contentArea: String?
  /// Only courses valid (true) or no longer valid (false) in `year`.
  public var active: Bool?
  public var year: SchoolYear

  public init(text: String? = nil, contentArea: String? = nil, active: Bool? = nil, year: SchoolYear) {
    self.text = text
    self.contentArea = contentArea
    self.active = active
    self.year = year
  }
}

extension Catalog {
  /// Sort keys of the course list.
  public static let courseSortKeys: [String: String] = [
    "code": "code", "name": "name", "area": "content area", "grades": "grades", "first": "first year",
    "last": "last year",
  ]

  /// The state courses matching `filter`, sorted and paged (the table has about 1,300 rows, so this runs in memory).
  public func courses(_ filter: CourseFilter, window: ListWindow) async throws -> Page<StateCourse> {
    let catalog = try await current()
    return Self.courses(in: catalog, filter, window: window)
  }

  static func courses(in catalog: ReferenceCatalog, _ filter: CourseFilter, window: ListWindow) -> Page<StateCourse> {
    let words = (filter.text ?? "").lowercased().split(separator: " ").map(String.init)
    var items = catalog.courses.filter { course in
      if let area = filter.contentArea, course.contentArea.code != area { return false }
      if let active = filter.active, course.isActive(in: filter.year) != active { return false }
      guard !words.isEmpty else { return true }
      if words.count == 1, course.code.hasPrefix(words[0]) { return true }
      let nameWords = course.name.lowercased().split { !$0.isLetter && !$0.isNumber }
      return words.allSatisfy { word in nameWords.contains { $0.hasPrefix(word) } }
    }
    func key(_ c: StateCourse) -> [String] {
      switch window.sort {
      case "name": [c.name.lowercased(), c.code]
      case "area": [c.contentArea.name.lowercased(), c.code]
      case "grades":
        [String(format: "%03d", c.gradeLow.rawValue + 10), String(format: "%03d", c.gradeHigh.rawValue + 10), c.code]
      case "first": [c.years.first.description, c.code]
      case "last": [c.years.last?.description ?? "9999", c.code]
      default: [c.code]
      }
    }
    items.sort { a, b in
      let (ka, kb) = (key(a), key(b))
      return window.descending ? kb.lexicographicallyPrecedes(ka) : ka.lexicographicallyPrecedes(kb)
    }
    let total = items.count
    if window.perPage > 0 {
      let start = min(total, (window.page - 1) * window.perPage)
      items = Array(items[start..<min(total, start + window.perPage)])
    }
    return Page(
      items: items, total: total, page: window.page, perPage: window.perPage == 0 ? max(total, 1) : window.perPage)
  }
}
