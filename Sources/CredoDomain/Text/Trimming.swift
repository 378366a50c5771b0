import Foundation

extension StringProtocol {
  /// `trimmingCharacters(in: .whitespaces)` without Foundation's cost when there is nothing to trim: a value
  /// whose first and last bytes are ASCII other than space and tab (nearly every field of an office's file) is
  /// returned as is; anything else goes through Foundation, so the result is the same for every input. Import
  /// files call this millions of times.
  public var trimmedOfWhitespace: String {
    let string = String(self)
    guard let first = string.utf8.first, let last = string.utf8.last else { return "" }
    if first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return string }
    return string.trimmingCharacters(in: .whitespaces)
  }
}
