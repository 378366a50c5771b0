import Vapor

/// The reference catalog's pages: which documents authorize a course, what an authorization covers.
enum CatalogPages {
  static func register(on routes: any RoutesBuilder) {}
  static func registerAPI(on routes: any RoutesBuilder) {}
}
