import HTTPTypes
import Hummingbird
import Logging
import Bridge
import MedusaAPI
import MedusaV1

/// Turns every error thrown below it into Medusa's error envelope `{code?, type, message}`:
/// a `MedusaError` as it describes itself, Hummingbird's HTTP errors (unknown route, oversized body) with
/// their status, and anything else as Medusa's opaque 500 `unknown_error`, logged here.
struct MedusaErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return Self.response(for: error, request: request, logger: context.logger)
        }
    }

    static func response(for error: any Error, request: Request, logger: Logger) -> Response {
        switch error {
        case let error as ErrorWithHeaders:
            var response = response(for: error.underlying, request: request, logger: logger)
            response.headers.append(contentsOf: error.headers)
            return response
        case let error as CheckoutError:
            // The core's errors that reach the edge unmapped (the idempotency ledger's) need no merchant table.
            return response(for: MedusaErrorMapping.medusaError(for: error, table: nil), request: request, logger: logger)
        case let error as MedusaError where error.plainText:
            return Response(
                status: HTTPResponse.Status(code: error.httpStatus),
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: error.message)))
        case let error as MedusaError:
            if error.httpStatus >= 500 {
                // Request and cart ids come from the logger's metadata provider.
                logger.error(
                    "Answered \(error.httpStatus)",
                    metadata: ["error": "\(error)", "cause": "\(error.cause ?? "none recorded")"])
            }
            let headers = HTTPFields(
                error.headers.compactMap { name, value in
                    HTTPField.Name(name).map { HTTPField(name: $0, value: value) }
                })
            return envelope(error.body, status: HTTPResponse.Status(code: error.httpStatus), headers: headers)
        case let error as any HTTPResponseError where error.status.kind == .clientError:
            let headers = (error as? HTTPError)?.headers ?? [:]
            return envelope(clientErrorBody(error, request: request), status: error.status, headers: headers)
        default:
            // Only the error's own description: request bodies (which may hold card data) never reach here.
            logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return envelope(MedusaError(.unknownError, MedusaError.unknownMessage).body, status: .internalServerError)
        }
    }

    /// Hummingbird's 4xx errors in Medusa's words; an unknown route reads like Express's `Cannot GET /path`.
    private static func clientErrorBody(_ error: any HTTPResponseError, request: Request) -> MedusaErrorBody {
        let type: MedusaErrorType =
            switch error.status {
            case .unauthorized: .unauthorized
            case .notFound, .methodNotAllowed: .notFound
            case .conflict: .conflict
            default: .invalidData
            }
        let message =
            (error as? HTTPError)?.body
            ?? (type == .notFound ? "Cannot \(request.method.rawValue) \(request.uri.path)" : error.status.reasonPhrase)
        return MedusaError(type, message).body
    }

    private static func envelope(
        _ body: MedusaErrorBody, status: HTTPResponse.Status, headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[.contentType] = MedusaJSONResponse.contentType
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.jsonData())))
    }
}

/// An error from a route whose response must carry extra headers even when it fails
/// (Medusa's `Idempotency-Key`).
struct ErrorWithHeaders: Error {
    let underlying: any Error
    let headers: HTTPFields
}
