import CredoCore
import CredoDomain
import CredoStore
import Foundation
import Plot
import Vapor

/// The one place errors become responses: problem+json (RFC 9457) for the API, a friendly page with a way
/// back for browsers. Server faults are logged at error level; their details never reach the client.
struct ErrorMapping: AsyncMiddleware {
  struct Problem: Content {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldProblem]?
  }

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: request)
    } catch {
      return render(error, for: request)
    }
  }

  func render(_ error: any Error, for request: Request) -> Response {
    let (status, detail, fields) = Self.classify(error)
    if status.code >= 500 {
      request.logger.error(
        "request failed", metadata: ["path": .string(request.url.path), "error": .string(String(reflecting: error))])
    }
    var headers = HTTPHeaders()
    if let abort = error as? any AbortError { headers = abort.headers }
    if request.isAPI || request.headers.accept.contains(where: { $0.mediaType == .json }) {
      let problem = Problem(
        type: "about:blank", title: status.reasonPhrase, status: Int(status.code), detail: detail, errors: fields)
      let body = (try? JSONEncoder().encode(problem)) ?? Data()
      headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
      return Response(status: status, headers: headers, body: .init(data: body))
    }
    let page = Layout(
      title: status.reasonPhrase, viewer: request.identity?.viewer, csrfToken: request.identity?.csrfToken, current: ""
    )
    .render(
      .div(
        .class("narrow"),
        .h1(.text(Self.heading(status))),
        .p(.class("error"), .attribute(named: "role", value: "alert"), .text(detail)),
        .unwrap(fields) { list in .ul(.forEach(list) { .li(.text($0.description)) }) },
        .p(.a(.href(SiteURL.home.path), .text("Back to the dashboard")))
      ))
    let response = page.response(status: status)
    for (name, value) in headers where name.lowercased() != "content-type" {
      response.headers.replaceOrAdd(name: name, value: value)
    }
    return response
  }

  static func heading(_ status: HTTPResponseStatus) -> String {
    switch status.code {
    case 404: "Not found"
    case 403: "Not allowed"
    case 401: "Please sign in"
    case 422: "Please check what you entered"
    case 429: "Please wait"
    case 500...: "Something went wrong"
    default: status.reasonPhrase
    }
  }

  static func classify(_ error: any Error) -> (HTTPResponseStatus, String, [FieldProblem]?) {
    switch error {
    case let core as CoreError:
      switch core {
      case .forbidden: return (.forbidden, core.description, nil)
      case .notFound: return (.notFound, core.description, nil)
      case .invalid(let problems): return (.unprocessableEntity, "Some values are not valid.", problems)
      case .conflict: return (.conflict, core.description, nil)
      case .invalidCredentials: return (.unauthorized, core.description, nil)
      case .locked: return (.tooManyRequests, core.description, nil)
      case .importRejected(_, let problems, _):
        return (
          .unprocessableEntity, core.description,
          problems.map { FieldProblem(field: "line \($0.line) \($0.field)", message: $0.reason) }
        )
      }
    case let abort as any AbortError:
      return (abort.status, abort.reason, nil)
    case let decoding as DecodingError:
      return (.badRequest, "The request could not be read: \(decoding.localizedDescription)", nil)
    case StoreError.duplicate(let what):
      return (.conflict, "\(what) already exists.", nil)
    case StoreError.notFound(let what), StoreError.missingReference(let what):
      return (.notFound, "\(what) was not found.", nil)
    case StoreError.unavailable:
      return (.serviceUnavailable, "The database is unavailable; try again shortly.", nil)
    default:
      return (.internalServerError, "Credo could not complete this request. The error has been logged.", nil)
    }
  }
}
