/// One thing wrong with an input file, located precisely enough for an office to fix it: which file, which
/// line (1-based, counting the header), which field, what is wrong and what to do.
public struct ImportProblem: Sendable, Codable, Hashable, CustomStringConvertible, Error {
  public var file: String
  public var line: Int
  public var field: String
  public var column: Int?
  public var reason: String

  public init(file: String, line: Int, field: String, column: Int? = nil, reason: String) {
    self.file = file
    self.line = line
    self.field = field
    self.column = column
    self.reason = reason
  }

  public var description: String {
    let where_ = column.map { "line \(line), column \($0) (\(field))" } ?? "line \(line), \(field)"
    return "\(file): \(where_): \(reason)"
  }
}

/// The outcome of validating a whole file: either every row, or every problem (capped), never both.
public enum ImportValidation<Row: Sendable>: Sendable {
  case valid([Row])
  case invalid([ImportProblem], truncated: Bool)
}
