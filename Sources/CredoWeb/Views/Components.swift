import CredoDomain
import CredoStore
import Foundation
import Plot

/// A list page's table: sortable column headers (links, so they work without JavaScript), the total,
/// page links and the CSV export of the same filter.
struct DataTable {
  struct Column {
    var key: String
    var label: String
    var sortable: Bool = true
    /// Right-aligned, like the numbers under it (`td.num`).
    var numeric: Bool = false
  }

  var id: String
  var caption: String
  var columns: [Column]
  var rows: [Node<HTML.TableRowContext>]
  var basePath: String
  /// The current filter's query items (without sort, dir, page).
  var filter: [(String, String?)]
  var window: ListWindow
  var total: Int
  var pageCount: Int
  var exportable: Bool

  func render() -> Node<HTML.BodyContext> {
    .div(
      .class("table-tools"),
      .p(
        .id("result-count"), .attribute(named: "role", value: "status"),
        .text("\(Format.number(total)) \(total == 1 ? "result" : "results")"),
        .if(pageCount > 1, .text(" · page \(window.page) of \(Format.number(pageCount))"))
      ),
      .if(
        exportable,
        .a(
          .id("export-csv"), .class("button secondary"),
          .href(basePath.withQuery(filter + sortItems + [("format", "csv")])),
          .text("Export CSV")
        )
      ),
      .div(
        .class("table-scroll"),
        .table(
          .id(id),
          .caption(.text(caption)),
          .thead(.tr(.forEach(columns) { header($0) })),
          .tbody(.forEach(rows) { .tr($0) })
        )
      ),
      pagination()
    )
  }

  private var sortItems: [(String, String?)] {
    [("sort", window.sort), ("dir", window.descending ? "desc" : nil)]
  }

  private func header(_ column: Column) -> Node<HTML.TableRowContext> {
    guard column.sortable else {
      return .th(.attribute(named: "scope", value: "col"), .if(column.numeric, .class("num")), .text(column.label))
    }
    let active = window.sort == column.key
    let nextDescending = active && !window.descending
    let href = basePath.withQuery(filter + [("sort", column.key), ("dir", nextDescending ? "desc" : nil)])
    let ariaSort = active ? (window.descending ? "descending" : "ascending") : "none"
    return .th(
      .attribute(named: "scope", value: "col"), .attribute(named: "aria-sort", value: ariaSort),
      .if(column.numeric, .class("num")),
      .a(.href(href), .text(column.label + (active ? (window.descending ? " ▼" : " ▲") : "")))
    )
  }

  private func pagination() -> Node<HTML.BodyContext> {
    guard pageCount > 1 else { return .empty }
    func link(_ page: Int, _ label: String, rel: String? = nil) -> Node<HTML.ListContext> {
      .li(
        .a(
          .href(basePath.withQuery(filter + sortItems + [("page", String(page))])), .text(label),
          .unwrap(rel) { .attribute(named: "rel", value: $0) }
        ))
    }
    return .nav(
      .class("pagination"), .attribute(named: "aria-label", value: "Pages"),
      .ul(
        .if(window.page > 1, link(1, "« First")),
        .if(window.page > 1, link(window.page - 1, "‹ Previous", rel: "prev")),
        .li(
          .attribute(named: "aria-current", value: "page"), .text("Page \(window.page) of \(Format.number(pageCount))")),
        .if(window.page < pageCount, link(window.page + 1, "Next ›", rel: "next")),
        .if(window.page < pageCount, link(pageCount, "Last »"))
      )
    )
  }
}

/// A table's header row: column headers with `scope="col"`, so screen readers announce each cell's column.
func headerRow(_ labels: String...) -> Node<HTML.TableContext> {
  .thead(.tr(.forEach(labels) { .th(.attribute(named: "scope", value: "col"), .text($0)) }))
}

/// Escapes text for an attribute value. Plot writes attribute values as given, so every value that can hold
/// user-entered or stored text passes through here.
func attributeText(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.count)
  for c in text {
    switch c {
    case "&": out += "&amp;"
    case "\"": out += "&quot;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "'": out += "&#39;"
    default: out.append(c)
    }
  }
  return out
}

/// A labelled text field with its error, as every form uses it.
func textField(
  _ name: String, label: String, value: String, error: String? = nil, type: HTMLInputType = .text,
  autocomplete: String? = nil, required: Bool = false, hint: String? = nil
) -> Node<HTML.FormContext> {
  var attributes: [Attribute<HTML.InputContext>] = [.type(type), .name(name), .id(name), .value(attributeText(value))]
  if let autocomplete { attributes.append(.attribute(named: "autocomplete", value: autocomplete)) }
  if required { attributes.append(.attribute(named: "required", value: "required")) }
  if error != nil { attributes.append(.attribute(named: "aria-invalid", value: "true")) }
  let describedBy = [error.map { _ in "\(name)-error" }, hint.map { _ in "\(name)-hint" }].compactMap { $0 }
  if !describedBy.isEmpty {
    attributes.append(.attribute(named: "aria-describedby", value: describedBy.joined(separator: " ")))
  }
  return .div(
    .class(error == nil ? "field" : "field has-error"),
    .label(.for(name), .text(label)),
    .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .text($0)) },
    .unwrap(error) { .p(.class("field-error"), .id("\(name)-error"), .text($0)) },
    .selfClosedElement(named: "input", attributes: attributes)
  )
}

/// A select with a label; options are (value, label).
func selectField(
  _ name: String, label: String, options: [(String, String)], selected: String?
) -> Node<HTML.FormContext> {
  .div(
    .class("field"),
    .label(.for(name), .text(label)),
    .element(
      named: "select",
      nodes: [.attribute(named: "name", value: name), .attribute(named: "id", value: name)]
        + options.map { value, text -> Node<HTML.BodyContext> in
          .element(
            named: "option",
            nodes: [
              .attribute(named: "value", value: attributeText(value), ignoreIfValueIsEmpty: false),
              .if(value == (selected ?? ""), .attribute(named: "selected", value: "selected")),
              .text(text),
            ])
        })
  )
}
