import Foundation
import Plot

/// A horizontal bar chart as inline SVG, drawn on the server (no script). Accessible: the drawing has `role="img"`
/// and a `<title>` naming it, and the same figures follow as a table (visually hidden, read by screen readers,
/// printed with the page's text) so no number is only in the picture.
struct BarChart {
  struct Bar {
    var label: String
    var value: Double
    /// How the value is written next to its bar and in the table (e.g. `12.50` for FTE).
    var text: String
  }

  var title: String
  var bars: [Bar]
  /// The table's value column header.
  var valueLabel: String
  /// Unique on the page; links the drawing to its title. Derived from the title when not given.
  var id: String

  init(title: String, bars: [(label: String, value: Int)], valueLabel: String = "Count", id: String? = nil) {
    self.init(
      title: title, values: bars.map { Bar(label: $0.label, value: Double($0.value), text: Format.number($0.value)) },
      valueLabel: valueLabel, id: id)
  }

  init(title: String, values: [Bar], valueLabel: String, id: String? = nil) {
    self.title = title
    self.bars = values
    self.valueLabel = valueLabel
    self.id = id ?? "chart-" + Self.slug(title)
  }

  /// Lowercase letters and digits joined by hyphens: the same title gives the same id on every render.
  static func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty, out.last != "-" {
        out.append("-")
      }
    }
    while out.last == "-" { out.removeLast() }
    return out.isEmpty ? "chart" : out
  }

  func render() -> Node<HTML.BodyContext> {
    let maxValue = max(1, bars.map(\.value).max() ?? 1)
    let rowHeight = 28
    let labelWidth = 250
    let width = 720
    // Room for the longest value written after its bar (about 8 units a character at this size).
    let valueWidth = 12 + 8 * (bars.map(\.text.count).max() ?? 1)
    let height = max(rowHeight, bars.count * rowHeight)
    let titleId = "\(id)-title"
    var svg =
      "<svg role=\"img\" aria-labelledby=\"\(titleId)\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"\(titleId)\">\(escape(title))</title>"
    for (i, bar) in bars.enumerated() {
      let y = i * rowHeight
      let barWidth = Int(Double(width - labelWidth - valueWidth) * max(0, bar.value) / maxValue)
      svg +=
        "<text x=\"0\" y=\"\(y + 18)\" class=\"chart-label\">\(escape(Self.shortened(bar.label)))</text>"
        + "<rect x=\"\(labelWidth)\" y=\"\(y + 5)\" width=\"\(max(barWidth, 1))\" height=\"18\" class=\"chart-bar\"></rect>"
        + "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 18)\" class=\"chart-value\">\(escape(bar.text))</text>"
    }
    svg += "</svg>"
    // The drawing is for eyes; the same figures as a table for screen readers and for copying.
    let table: Node<HTML.BodyContext> = .table(
      .class("visually-hidden"),
      .caption(.text(title)),
      .thead(
        .tr(
          .th(.attribute(named: "scope", value: "col"), .text("Category")),
          .th(.attribute(named: "scope", value: "col"), .text(valueLabel)))),
      .tbody(.forEach(bars) { bar in .tr(.td(.text(bar.label)), .td(.text(bar.text))) })
    )
    return .element(
      named: "figure",
      nodes: [
        .attribute(named: "class", value: "chart"),
        .attribute(named: "id", value: id),
        .element(named: "div", nodes: [.attribute(named: "aria-hidden", value: "true"), .raw(svg)]),
        table,
        .element(named: "figcaption", nodes: [.text(title)]),
      ])
  }

  /// Labels longer than the label column are cut with an ellipsis (the table keeps them whole).
  static func shortened(_ label: String) -> String { label.count > 34 ? String(label.prefix(33)) + "…" : label }

  private func escape(_ text: String) -> String { attributeText(text) }
}
