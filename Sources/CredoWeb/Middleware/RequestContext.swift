import CredoCore
import CredoDomain
import Vapor

/// What the authentication middleware learned about a request.
struct RequestIdentity: Sendable {
  var viewer: Viewer
  /// The session's CSRF token (nil for API-token requests, which carry no cookie and need none).
  var csrfToken: String?
}

private struct IdentityKey: StorageKey {
  typealias Value = RequestIdentity
}

private struct ServicesKey: StorageKey {
  typealias Value = CredoServices
}

private struct ConfigurationKey: StorageKey {
  typealias Value = CredoConfiguration
}

extension Application {
  var credo: CredoServices {
    get { storage[ServicesKey.self]! }
    set { storage[ServicesKey.self] = newValue }
  }

  var credoConfiguration: CredoConfiguration {
    get { storage[ConfigurationKey.self]! }
    set { storage[ConfigurationKey.self] = newValue }
  }
}

extension Request {
  var services: CredoServices { application.credo }

  var identity: RequestIdentity? {
    get { storage[IdentityKey.self] }
    set { storage[IdentityKey.self] = newValue }
  }

  /// The signed-in viewer; routes behind `RequireSignIn` can rely on it.
  var viewer: Viewer {
    get throws {
      guard let identity else { throw Abort(.unauthorized, reason: "Sign in first.") }
      return identity.viewer
    }
  }

  /// The client's address for the access log and throttling: the peer, not a forgeable header.
  var clientAddress: String {
    remoteAddress?.ipAddress ?? "unknown"
  }

  var isAPI: Bool { url.path.hasPrefix("/api/") }

  var wantsCSV: Bool { (try? query.get(String.self, at: "format")) == "csv" }
}

extension Viewer {
  /// Whether the viewer may use the administration pages.
  var canManageUsers: Bool { has(.manageUsers) }
}
