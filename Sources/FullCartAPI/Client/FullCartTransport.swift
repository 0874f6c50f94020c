import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP exchange with a merchant: builds the request, enforces the deadline and the body limit, retries
/// what is safe to retry, and turns every failure into a `FullCartError`.
struct FullCartTransport: Sendable {
    enum Host: Sendable { case api, payment }

    struct Request: Sendable {
        var method: HTTPMethod
        var host: Host
        var path: String
        var query: [(String, String)] = []
        var body: Data?
        var token: String?
        var headers: [(String, String)] = []
        /// Reads are retried with backoff; nothing else is (the Full Cart backend is not transactional).
        var isRetryable: Bool
        var timeout: Duration
        /// A second path tried when the first answers `RouteNotFound` (the reference documents two
        /// spellings for some routes).
        var fallbackPath: String?
        /// `METHOD path-template` for errors and logs; never the body.
        var name: String
    }

    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    let http: HTTPClient
    let merchant: FullCartMerchant
    let configuration: FullCartClientConfiguration
    let logger: Logger
    /// Told about every exchange: metrics, merchant health.
    var observers: [any FullCartCallObserver] = []

    func send(_ request: Request) async throws(FullCartError) -> Response {
        do throws(FullCartError) {
            return try await sendWithRetries(request, path: request.path)
        } catch let error where error.isRouteNotFound && request.fallbackPath != nil {
            return try await sendWithRetries(request, path: request.fallbackPath!)
        }
    }

    private func sendWithRetries(_ request: Request, path: String) async throws(FullCartError) -> Response {
        let attempts = request.isRetryable ? configuration.retry.maxAttempts : 1
        var attempt = 1
        while true {
            do throws(FullCartError) {
                let response = try await sendOnce(request, path: path)
                guard (200..<300).contains(response.status) else {
                    throw Self.merchantError(response, endpoint: request.name)
                }
                return response
            } catch {
                guard attempt < attempts, error.isTransient, !Task.isCancelled else { throw error }
                let delay = configuration.retry.delay(after: attempt)
                logger.debug(
                    "retrying Full Cart read",
                    metadata: ["endpoint": "\(request.name)", "attempt": "\(attempt)", "code": "\(error.code)"])
                try? await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    private func sendOnce(_ request: Request, path: String) async throws(FullCartError) -> Response {
        var httpRequest = HTTPClientRequest(url: url(for: request, path: path))
        httpRequest.method = request.method
        httpRequest.headers.add(name: "accept", value: "application/json")
        if let token = request.token {
            httpRequest.headers.add(name: "x-firmly-authorization", value: token)
        }
        for (name, value) in request.headers { httpRequest.headers.add(name: name, value: value) }
        if let body = request.body {
            httpRequest.headers.add(name: "content-type", value: "application/json")
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        let started = ContinuousClock.now
        do throws(FullCartError) {
            let response = try await exchange(httpRequest, request)
            await observe(request, status: response.status, failure: nil, since: started)
            return response
        } catch {
            let failure = error.status == nil ? error.code : nil
            await observe(request, status: error.status, failure: failure, since: started)
            throw error
        }
    }

    /// One deadline for the whole exchange: connecting, sending, the headers and the entire body. AsyncHTTPClient's
    /// own deadline ends at the headers, so a merchant that sends them and then stalls would hold the caller
    /// (and its cart lock) for ever; here the exchange is cancelled when the deadline passes.
    private func exchange(_ httpRequest: HTTPClientRequest, _ request: Request) async throws(FullCartError)
        -> Response
    {
        let outcome: Result<Response, FullCartError>? = await withTaskGroup(of: Result<Response, FullCartError>?.self) {
            group in
            group.addTask { [self] in
                do throws(FullCartError) {
                    return .success(try await receive(httpRequest, request))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                // Cancelled (and so returning early) once the exchange is over.
                try? await Task.sleep(for: request.timeout)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        guard let outcome else {
            throw FullCartError(
                kind: .timeout, status: nil, code: "Timeout",
                message: "no complete answer within \(request.timeout)", endpoint: request.name)
        }
        return try outcome.get()
    }

    private func receive(_ httpRequest: HTTPClientRequest, _ request: Request) async throws(FullCartError) -> Response {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(httpRequest, timeout: TimeAmount(request.timeout))
        } catch {
            throw Self.transportError(error, endpoint: request.name, bodyStarted: false)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw FullCartError(
                kind: .invalidResponse, status: Int(response.status.code), code: "InvalidResponse",
                message: "response body exceeds \(configuration.maxResponseBytes) bytes", endpoint: request.name)
        } catch {
            throw Self.transportError(error, endpoint: request.name, bodyStarted: true)
        }
        return Response(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }

    private func observe(
        _ request: Request, status: Int?, failure: String?, since started: ContinuousClock.Instant
    ) async {
        let call = FullCartCall(
            domain: merchant.domain, endpoint: request.name, status: status, failure: failure,
            duration: ContinuousClock.now - started)
        logger.debug(
            "Full Cart call",
            metadata: [
                "merchant": "\(call.domain)", "endpoint": "\(call.endpoint)", "status": "\(call.outcome)",
                "duration": "\(call.duration)",
            ])
        for observer in observers { await observer.observe(call) }
    }

    private func url(for request: Request, path: String) -> String {
        let base = request.host == .api ? merchant.apiBaseURL : merchant.paymentBaseURL
        guard !request.query.isEmpty else { return base + path }
        let query = request.query.map { "\(FullCartPath.encode($0.0))=\(FullCartPath.encode($0.1))" }
        return base + path + "?" + query.joined(separator: "&")
    }

    /// Maps an error status to the typed error. Only a body in one of Full Cart's error envelopes is the
    /// merchant's own word (`.merchant`, with its code); anything else (a proxy's error page, HTML, an empty
    /// body, a redirect) is `.unrecognizedAnswer`, which never counts as a definite refusal.
    static func merchantError(_ response: Response, endpoint: String) -> FullCartError {
        let reason = HTTPResponseStatus(statusCode: response.status).reasonPhrase
        guard let envelope = try? JSONDecoder().decode(FullCartErrorBody.self, from: response.body),
            !envelope.error.isEmpty, envelope.code == nil || envelope.code == response.status
        else {
            // A passing condition (a gateway's 502/503/504, a 429) or something to fix (a 404 page, a redirect).
            let passing = response.status == 429 || (500...599).contains(response.status)
            return FullCartError(
                kind: .unrecognizedAnswer, status: response.status,
                code: passing ? "UnrecognizedAnswer" : "UnexpectedAnswer",
                message: "HTTP \(response.status) \(reason), not a Full Cart answer", endpoint: endpoint)
        }
        return FullCartError(
            kind: .merchant, status: response.status, code: envelope.error, message: envelope.text, endpoint: endpoint)
    }

    static func transportError(_ error: any Error, endpoint: String, bodyStarted: Bool) -> FullCartError {
        func make(_ kind: FullCartError.Kind, _ code: String, _ message: String) -> FullCartError {
            FullCartError(kind: kind, status: nil, code: code, message: message, endpoint: endpoint)
        }
        if error is CancellationError {
            return make(.connectionLost, "Cancelled", "the call was cancelled before an answer arrived")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .socksHandshakeTimeout, .tlsHandshakeTimeout:
                return make(.connectionFailed, "ConnectionFailed", "could not connect: \(error)")
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return make(.timeout, "Timeout", "no answer before the deadline")
            case .cancelled:
                return make(.connectionLost, "Cancelled", "the call was cancelled before an answer arrived")
            default:
                return make(.connectionLost, "ConnectionLost", "the connection failed: \(error)")
            }
        }
        if !bodyStarted, Self.failedBeforeSending(error) {
            return make(.connectionFailed, "ConnectionFailed", "could not connect: \(error)")
        }
        return make(.connectionLost, "ConnectionLost", "the connection failed: \(error)")
    }

    /// Only errors that can happen before a single byte was written; anything else may have reached the merchant.
    private static func failedBeforeSending(_ error: any Error) -> Bool {
        if error is NIOConnectionError { return true }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        guard let error = error as? IOError else { return false }
        return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode)
    }
}

/// Percent-encoding for path segments and query values: only RFC 3986 unreserved characters stay as they are
/// (so a handle with `/` or spaces stays one segment).
enum FullCartPath {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
