import Foundation

/// Throttling of repeated failed logins, so a password cannot be guessed by trying many.
///
/// NIST SP 800-63B §5.2.2 asks verifiers to limit consecutive failed attempts on one account; OWASP's
/// authentication guidance adds a per-address limit so one client cannot spray many accounts. Credo locks an
/// account after `maxFailuresPerAccount` failures within `window`, until `window` has passed since the last
/// failure, and likewise a client address after `maxFailuresPerAddress`. A successful login clears the
/// account's count (failures before it are not counted).
public struct LoginThrottle: Sendable, Hashable {
  public var maxFailuresPerAccount: Int
  public var maxFailuresPerAddress: Int
  public var window: TimeInterval

  public init(maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
    self.maxFailuresPerAccount = maxFailuresPerAccount
    self.maxFailuresPerAddress = maxFailuresPerAddress
    self.window = window
  }

  public struct Attempt: Sendable, Hashable {
    public var at: Date
    public var succeeded: Bool
    public init(at: Date, succeeded: Bool) {
      self.at = at
      self.succeeded = succeeded
    }
  }

  public enum Decision: Sendable, Hashable {
    case allowed
    /// Locked until the given instant; the login page says when to try again.
    case locked(until: Date)
  }

  /// Decides whether a new attempt may proceed, given the recent attempts on the account and from the address.
  public func decide(accountAttempts: [Attempt], addressAttempts: [Attempt], now: Date) -> Decision {
    let accountLock = lock(after: failuresSinceLastSuccess(accountAttempts), limit: maxFailuresPerAccount, now: now)
    let addressLock = lock(
      after: addressAttempts.filter { !$0.succeeded }.map(\.at), limit: maxFailuresPerAddress, now: now)
    switch (accountLock, addressLock) {
    case (nil, nil): return .allowed
    case (let a?, nil): return .locked(until: a)
    case (nil, let b?): return .locked(until: b)
    case (let a?, let b?): return .locked(until: max(a, b))
    }
  }

  private func failuresSinceLastSuccess(_ attempts: [Attempt]) -> [Date] {
    let sorted = attempts.sorted { $0.at < $1.at }
    let lastSuccess = sorted.last(where: \.succeeded)?.at
    return sorted.filter { attempt in !attempt.succeeded && (lastSuccess.map { attempt.at > $0 } ?? true) }.map(\.at)
  }

  private func lock(after failures: [Date], limit: Int, now: Date) -> Date? {
    let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
    guard recent.count >= limit, let last = recent.last else { return nil }
    let until = last.addingTimeInterval(window)
    return until > now ? until : nil
  }
}

/// Rules for a new password. NIST SP 800-63B §5.1.1.2: at least 8 characters (Credo asks 10), no
/// composition rules, and reject values known to be weak.
public enum PasswordPolicy {
  public static let minimumLength = 10

  public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
    case tooShort(minimum: Int)
    case tooLong(maximum: Int)
    case sameAsUsername
    case common

    public var description: String {
      switch self {
      case .tooShort(let minimum): "Use at least \(minimum) characters."
      case .tooLong(let maximum): "Use at most \(maximum) characters (bcrypt reads only the first 72 bytes)."
      case .sameAsUsername: "The password must not be the user name."
      case .common: "This password is too common; choose another."
      }
    }
  }

  private static let common: Set<String> = [
    "password", "password1", "password123", "1234567890", "qwertyuiop", "letmein123", "welcome123",
    "changeme123", "administrator", "credentials",
  ]

  public static func check(_ password: String, username: String) -> [Problem] {
    var problems: [Problem] = []
    if password.count < minimumLength { problems.append(.tooShort(minimum: minimumLength)) }
    if password.utf8.count > 72 { problems.append(.tooLong(maximum: 72)) }
    if password.lowercased() == username.lowercased() { problems.append(.sameAsUsername) }
    if common.contains(password.lowercased()) { problems.append(.common) }
    return problems
  }
}
