import Vapor

/// Credential documents: analyst lists and the reverse search (who may teach a course).
enum CredentialPages {
  static func register(on routes: any RoutesBuilder) {}
  static func registerAPI(on routes: any RoutesBuilder) {}
}
