import CredoDomain
import Foundation

/// Every page's address, built in one place so links, redirects and routes cannot drift apart.
public enum SiteURL: Sendable {
  case home
  case login(next: String?)
  case logout
  case educators
  case educator(UUID)
  case educatorEdit(UUID)
  case educatorNotes(UUID)
  case organizations
  case organization(CDSCode)
  case account
  case accountTokens
  case accountPassword
  case users
  case stylesheet
  case healthz
  case openAPI
  case apiDocs
  case monitoring
  /// `williams`, `exceptions`, `superintendent` or `tamo`.
  case monitoringReport(String)
  case schoolSchedule(CDSCode)

  public var path: String {
    switch self {
    case .home: "/"
    case .login(let next):
      if let next = safeReturnPath(next) {
        "/login?next="
          + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?", "+"]))
            ?? "/")
      } else {
        "/login"
      }
    case .logout: "/logout"
    case .educators: "/educators"
    case .educator(let id): "/educators/\(id.uuidString.lowercased())"
    case .educatorEdit(let id): "/educators/\(id.uuidString.lowercased())/edit"
    case .educatorNotes(let id): "/educators/\(id.uuidString.lowercased())/notes"
    case .organizations: "/organizations"
    case .organization(let cds): "/organizations/\(cds.digits)"
    case .account: "/account"
    case .accountTokens: "/account/tokens"
    case .accountPassword: "/account/password"
    case .users: "/admin/users"
    case .stylesheet: "/static/credo.css"
    case .healthz: "/healthz"
    case .openAPI: "/api/v1/openapi.json"
    case .apiDocs: "/api"
    case .monitoring: "/monitoring"
    case .monitoringReport(let name): "/monitoring/reports/\(name)"
    case .schoolSchedule(let cds): "/monitoring/schools/\(cds.digits)/schedule"
    }
  }
}

/// A same-site path to return to after signing in, or nil. Rejects anything a browser could read as another
/// site: `//host`, `/\\host`, schemes, control characters.
func safeReturnPath(_ candidate: String?) -> String? {
  guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
    !candidate.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
    let components = URLComponents(string: candidate), components.scheme == nil, components.host == nil
  else { return nil }
  return candidate
}

extension String {
  /// Appends query items to a path, skipping empty values.
  func withQuery(_ items: [(String, String?)]) -> String {
    let pairs = items.compactMap { key, value -> String? in
      guard let value, !value.isEmpty else { return nil }
      let allowed = CharacterSet.urlQueryAllowed.subtracting(["&", "=", "?", "+", "#"])
      return "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
    }
    guard !pairs.isEmpty else { return self }
    return self + (contains("?") ? "&" : "?") + pairs.joined(separator: "&")
  }
}
