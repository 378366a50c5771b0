import Foundation
import SQLKit
import Testing

@testable import CredoStore

/// The store decodes rows with its own camelCase → snake_case naming (`SnakeCaseColumn`, for speed); it must name
/// the same columns as SQLKit's encoder writes, or a record would be written to one column and read from another.
@Suite("Column names: the store's fast snake_case naming equals SQLKit's")
struct SnakeCaseColumnTests {
  struct Awkward: Encodable {
    var id = 1
    var educatorId = 1
    var sha256 = 1
    var seidURLValue = 1
    var aB = 1
    var ABC = 1
    var a = 1
    var x1Y = 1
    var districtCDSCode = 1
    var URLPath = 1
    var fooBAR = 1
    var already_snake = 1
    var _leading = 1
    var trailingX = 1
    var numbers2Go = 1
    var caféAuLait = 1
    var ÉcoleCode = 1
  }

  @Test("Every key of an awkward record is named as SQLKit's encoder names it")
  func sameAsSQLKit() throws {
    let encoded = try SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase).encode(Awkward())
    #expect(encoded.count == 17)
    #expect(SnakeCaseColumn.name("educatorId") == "educator_id")
    let keys = Mirror(reflecting: Awkward()).children.compactMap(\.label)
    for (key, (column, _)) in zip(keys, encoded) {
      #expect(SnakeCaseColumn.name(key) == column, "\(key)")
    }
  }
}
