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
  private(set) var count = 0

  /// Numbers `code` (upper-cased) if it is new; returns its number.
  @discardableResult
  mutating func add(_ code: String) -> Int32 {
    if code.isEmpty { return Self.empty }
    let key = code.uppercased()
    if let id = ids[key] { return id }
    let id = Int32(count)
    ids[key] = id
    count += 1
    return id
  }

  /// The number of `code`, compared as `lookup` compares codes: as written, else upper-cased when it has lower-case
  /// ASCII letters.
  func id(_ code: String) -> Int32 {
    if code.isEmpty { return Self.empty }
    return lookup(ids, code) ?? Self.unknown
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
    for i in documents.indices {
      let first = codes.count
      for authorization in documents[i].authorizations {
        codes.append(
          CodedAuthorization(
            code: engine.codes.id(authorization.authorizationCode), subject: engine.codes.id(authorization.subjectCode))
        )
      }
      holdings.append(
        Holding(
          index: i, kind: engine.reference.kind(of: documents[i]),
          outcome: DocumentValidity.outcome(documents[i], on: date),
          documentCode: engine.codes.id(documents[i].documentCode), authorizations: first..<codes.count))
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
