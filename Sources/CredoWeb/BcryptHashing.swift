import CredoCore
import Vapor

extension PasswordHashing {
  /// bcrypt with cost 12 (OWASP password storage guidance: at least 10), from Vapor.
  public static let bcrypt = PasswordHashing(
    hash: { try Bcrypt.hash($0, cost: 12) },
    verify: { password, hash in try Bcrypt.verify(password, created: hash) })
}
