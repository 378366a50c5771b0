import CredoStore
import Vapor

/// Sorting and paging parameters common to every list page and API list: `sort`, `dir`, `page`, `per_page`
/// (`limit` too, for the API).
struct ListParameters {
  var window: ListWindow

  init(_ req: Request, defaultSort: String, allowed: [String: String], forExport: Bool) {
    let sort = (try? req.query.get(String.self, at: "sort")).flatMap { allowed[$0] == nil ? nil : $0 } ?? defaultSort
    let descending = (try? req.query.get(String.self, at: "dir")) == "desc"
    let page = (try? req.query.get(Int.self, at: "page")) ?? 1
    let perPage = (try? req.query.get(Int.self, at: "per_page")) ?? (try? req.query.get(Int.self, at: "limit")) ?? 50
    window =
      forExport
      ? ListWindow.all(sort: sort, descending: descending)
      : ListWindow(sort: sort, descending: descending, page: page, perPage: max(1, perPage))
  }
}

extension Request {
  /// A query value with surrounding space removed; nil when absent or empty.
  func queryText(_ key: String) -> String? {
    guard let value = try? query.get(String.self, at: key) else { return nil }
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? nil : trimmed
  }
}

/// A CSV download response.
func csvResponse(_ text: String, fileName: String) -> Response {
  let response = Response(status: .ok, body: .init(string: text))
  response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
  response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
  return response
}
