/// Codes as small integers. `AssignmentEngine.init` numbers every authorization, subject, document and course code
/// the catalog and the reference tables name (upper case, one namespace: a waiver's authorization code can be a
/// course code); a decision then compares integers and indexes arrays instead of hashing strings. A code nothing in
/// the tables names gets `unknown`, which equals no table entry, so it matches nothing, as its string did.
struct CodeTable: Sendable {
  /// The empty code ("no subject", "no authorization code").
  static let empty: Int32 = -1
  /// A code none of the tables names.
  static let unknown: Int32 = -2

  private var ids: [String: Int32] = [:]
  /// The same numbers for the codes of one to eight ASCII characters (nearly all), by `ShortCode` key: preparing a
  /// teacher numbers every document and authorization code, and hashing strings was most of that.
  private var short = ShortCodeTable()
  private(set) var count = 0

  /// Numbers `code` (upper-cased) if it is new; returns its number.
  @discardableResult
  mutating func add(_ code: String) -> Int32 {
    if code.isEmpty { return Self.empty }
    let key = code.uppercased()
    if let id = ids[key] { return id }
    let id = Int32(count)
    ids[key] = id
    if let packed = ShortCode.key(key) { short.insert(packed, id) }
    count += 1
    return id
  }

  /// The number of `code`, compared as `lookup` compares codes: as written, else upper-cased when it has lower-case
  /// ASCII letters. For a short ASCII code both come to its ASCII upper case, which is the `ShortCode` key.
  func id(_ code: String) -> Int32 {
    if code.isEmpty { return Self.empty }
    if let packed = ShortCode.key(code) { return short[packed] ?? Self.unknown }
    return lookup(ids, code) ?? Self.unknown
  }
}

/// A code of one to eight ASCII characters (no NUL) as an integer: its bytes upper-cased, little-endian, zero-padded.
/// Two such codes have the same key exactly when their ASCII upper cases are equal.
enum ShortCode {
  @inline(__always)
  static func key(_ code: String) -> UInt64? {
    var key: UInt64 = 0
    var shift: UInt64 = 0
    for byte in code.utf8 {
      guard byte != 0, byte < 128, shift < 64 else { return nil }
      let upper = byte >= 97 && byte <= 122 ? byte - 32 : byte
      key |= UInt64(upper) << shift
      shift += 8
    }
    return shift == 0 ? nil : key
  }

  /// The same without upper-casing: two such codes have the same key exactly when they are equal.
  @inline(__always)
  static func exactKey(_ code: String) -> UInt64? {
    var key: UInt64 = 0
    var shift: UInt64 = 0
    for byte in code.utf8 {
      guard byte != 0, byte < 128, shift < 64 else { return nil }
      key |= UInt64(byte) << shift
      shift += 8
    }
    return shift == 0 ? nil : key
  }
}

/// `ShortCode` keys → code numbers, open addressing with a multiplicative hash: no hashing of strings, no `Hasher`.
struct ShortCodeTable: Sendable {
  private var keys = [UInt64](repeating: 0, count: 16)
  private var values = [Int32](repeating: 0, count: 16)
  private var count = 0

  @inline(__always)
  private func slot(_ key: UInt64, in capacity: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (capacity - 1)
  }

  mutating func insert(_ key: UInt64, _ value: Int32) {
    if (count + 1) * 2 > keys.count { grow() }
    var i = slot(key, in: keys.count)
    while keys[i] != 0 && keys[i] != key { i = (i + 1) & (keys.count - 1) }
    if keys[i] == 0 { count += 1 }
    keys[i] = key
    values[i] = value
  }

  subscript(key: UInt64) -> Int32? {
    var i = slot(key, in: keys.count)
    while true {
      let found = keys[i]
      if found == key { return values[i] }
      if found == 0 { return nil }
      i = (i + 1) & (keys.count - 1)
    }
  }

  private mutating func grow() {
    let (oldKeys, oldValues) = (keys, values)
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [Int32](repeating: 0, count: oldKeys.count * 2)
    count = 0
    for (key, value) in zip(oldKeys, oldValues) where key != 0 { insert(key, value) }
  }
}

/// A document authorization as the engine compares it: its authorization and subject codes as `CodeTable` numbers.
struct CodedAuthorization: Sendable {
  var code: Int32
  var subject: Int32
}

/// One teacher's documents prepared for deciding on one date: each document's kind (`MonitoringReference.kind`),
/// its validity on the date (`DocumentValidity.outcome`), and its codes as the engine's integers. Deciding a section
/// needs all of this for every document of the teacher; a monitoring run prepares each teacher once
/// (`AssignmentEngine.prepare`) and decides all of the teacher's sections with it, instead of looking up the same
/// codes for every section. `decide` without one prepares the teacher on the spot, so both give the same decision.
public final class PreparedTeacher: Sendable {
  let date: CalendarDate
  /// The teacher's documents (shared with the teacher's profile, not copied), so that a decision reads them from
  /// here rather than out of its assignment.
  let documents: [CredentialDocument]
  /// One per document, in order.
  let holdings: [Holding]
  /// Every document's authorizations in order, one document after the other (`Holding.authorizations`).
  let codes: [CodedAuthorization]

  init(engine: EngineIndex, teacher: borrowing TeacherProfile, date: CalendarDate) {
    self.date = date
    var holdings: [Holding] = []
    var codes: [CodedAuthorization] = []
    let documents = teacher.documents
    self.documents = documents
    holdings.reserveCapacity(documents.count)
    // The authorizations counted first: `codes` grown by appending was reallocated two or three times per teacher.
    var authorizations = 0
    for i in documents.indices { authorizations += documents[i].authorizations.count }
    codes.reserveCapacity(authorizations)
    for i in documents.indices {
      let first = codes.count
      for authorization in documents[i].authorizations {
        codes.append(
          CodedAuthorization(
            code: engine.codes.id(authorization.authorizationCode), subject: engine.codes.id(authorization.subjectCode))
        )
      }
      let documentCode = engine.codes.id(documents[i].documentCode)
      holdings.append(
        Holding(
          index: i, kind: engine.kind(of: documents[i], code: documentCode),
          outcome: DocumentValidity.outcome(documents[i], on: date), documentCode: documentCode,
          authorizations: first..<codes.count))
    }
    self.holdings = holdings
    self.codes = codes
  }
}

extension AssignmentEngine {
  /// `teacher`'s documents prepared for deciding on `date` (see `PreparedTeacher`).
  public func prepare(_ teacher: borrowing TeacherProfile, asOf date: CalendarDate) -> PreparedTeacher {
    PreparedTeacher(engine: index, teacher: teacher, date: date)
  }
}
