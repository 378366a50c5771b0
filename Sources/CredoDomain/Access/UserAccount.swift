import Foundation

/// A person who signs in to Credo, and the roles they hold.
public struct UserAccount: Sendable, Codable, Hashable, Identifiable {
  public var id: UUID
  /// Stored and compared lowercased.
  public var username: String
  public var displayName: String
  public var email: String
  public var isActive: Bool
  public var lastLoginAt: Date?
  public var roles: [RoleAssignment]

  public init(
    id: UUID, username: String, displayName: String, email: String, isActive: Bool = true, lastLoginAt: Date? = nil,
    roles: [RoleAssignment] = []
  ) {
    self.id = id
    self.username = username
    self.displayName = displayName
    self.email = email
    self.isActive = isActive
    self.lastLoginAt = lastLoginAt
    self.roles = roles
  }

  /// Where the user may do `permission`.
  public func scope(for permission: Permission) -> AccessScope {
    AccessScope(assignments: roles, permission: permission)
  }

  public func has(_ permission: Permission) -> Bool { !scope(for: permission).isEmpty }

  public static func normalize(username: String) -> String {
    username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  /// User names are letters, digits, dots, dashes, underscores and @, 3 to 64 characters.
  public static func isValid(username: String) -> Bool {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-@")
    return (3...64).contains(username.count) && username.allSatisfy { allowed.contains($0) }
  }
}
