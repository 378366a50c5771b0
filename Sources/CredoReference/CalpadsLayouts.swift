import CredoDomain
import Foundation

/// Where each field of a CALPADS record sits: the layouts of SDEM, SASS and CRSE (CRSC shares CRSE's), kept as
/// data in `Layouts/calpads-layouts.tsv` (interchange spec §1: "keep each layout as data … so a corrected layout
/// is a data change"). Positions are 1-based as the CALPADS Data Guide numbers them.
public struct CalpadsLayout: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var position: Int
    public var name: String
    public var guideNumber: String
    public var title: String
    /// The position was not confirmed from the CALPADS File Specifications.
    public var unconfirmed: Bool
  }

  public var recordType: String
  public var fields: [Field]
  private var indexByName: [String: Int]

  public init(recordType: String, fields: [Field]) {
    self.recordType = recordType
    self.fields = fields.sorted { $0.position < $1.position }
    indexByName = Dictionary(fields.map { ($0.name, $0.position - 1) }, uniquingKeysWith: { first, _ in first })
  }

  /// The 0-based index of a field in a split record, nil when the layout has no such field.
  public func index(of name: String) -> Int? { indexByName[name] }

  public func field(named name: String) -> Field? { fields.first { $0.name == name } }

  /// The number of fields a complete record has.
  public var width: Int { fields.last?.position ?? 0 }
}

public enum CalpadsLayouts {
  /// The layouts shipped with Credo, by record type (`SDEM`, `SASS`, `CRSE`; `CRSC` maps to CRSE's).
  public static let bundled: [String: CalpadsLayout] = {
    guard let directory = Bundle.module.url(forResource: "Layouts", withExtension: nil),
      let data = try? Data(contentsOf: directory.appendingPathComponent("calpads-layouts.tsv"))
    else { preconditionFailure("The bundled CALPADS layouts file is missing.") }
    switch parse(data) {
    case .success(let layouts): return layouts
    case .failure(let problem): preconditionFailure("The bundled CALPADS layouts file is invalid: \(problem)")
    }
  }()

  /// Reads the layouts file: `#` comments, a header row `record_type position field guide_number name
  /// unconfirmed`, then one line per field. Positions must run 1…n without gaps per record type.
  public static func parse(_ data: Data) -> Result<[String: CalpadsLayout], ImportProblem> {
    let text = String(decoding: data, as: UTF8.self)
    var fields: [String: [CalpadsLayout.Field]] = [:]
    var sawHeader = false
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.isEmpty || line.hasPrefix("#") { continue }
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if !sawHeader {
        sawHeader = true
        continue
      }
      guard parts.count >= 6, let position = Int(parts[1]), position > 0 else {
        return .failure(
          ImportProblem(
            file: "calpads-layouts.tsv", line: offset + 1, field: "position",
            reason: "Expected six tab-separated fields with a positive position."))
      }
      fields[parts[0], default: []].append(
        CalpadsLayout.Field(
          position: position, name: parts[2], guideNumber: parts[3], title: parts[4], unconfirmed: parts[5] == "Y"))
    }
    var layouts: [String: CalpadsLayout] = [:]
    for (type, list) in fields {
      let positions = list.map(\.position).sorted()
      guard positions == Array(1...positions.count) else {
        return .failure(
          ImportProblem(
            file: "calpads-layouts.tsv", line: 0, field: type,
            reason: "Positions of \(type) must run from 1 without gaps or repeats."))
      }
      layouts[type] = CalpadsLayout(recordType: type, fields: list)
    }
    if let crse = layouts["CRSE"], layouts["CRSC"] == nil {
      layouts["CRSC"] = CalpadsLayout(recordType: "CRSC", fields: crse.fields)
    }
    return .success(layouts)
  }
}
