import FluentKit

/// Storage failures in terms a use case can act on; driver errors never leave `CredoStore`.
public enum StoreError: Error, Sendable, CustomStringConvertible {
  /// A unique key already exists (a second user with the same name, a second educator with one SEID).
  case duplicate(what: String)
  /// A referenced record does not exist.
  case missingReference(what: String)
  /// The record asked for does not exist.
  case notFound(what: String)
  /// The database could not be reached or refused the connection.
  case unavailable(reason: String)
  /// Anything else the database reported.
  case failed(reason: String)

  public var description: String {
    switch self {
    case .duplicate(let what): "\(what) already exists."
    case .missingReference(let what): "\(what) does not exist."
    case .notFound(let what): "\(what) was not found."
    case .unavailable(let reason): "The database is unavailable: \(reason)"
    case .failed(let reason): "The database reported an error: \(reason)"
    }
  }

  /// Maps a driver error to a store error using FluentKit's driver-neutral `DatabaseError`.
  static func from(_ error: any Error, what: String) -> any Error {
    if error is StoreError { return error }
    if let db = error as? any DatabaseError {
      if db.isConstraintFailure {
        let text = String(describing: error).lowercased()
        if text.contains("foreign") { return StoreError.missingReference(what: what) }
        return StoreError.duplicate(what: what)
      }
      if db.isConnectionClosed { return StoreError.unavailable(reason: String(describing: error)) }
    }
    return error
  }
}
