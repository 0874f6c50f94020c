import Foundation
import Hummingbird
import MedusaAPI

/// Reads a request body up to the configured limit and validates it as Medusa's class-validator would.
struct RequestBodyReader: Sendable {
    let maxBytes: Int

    func decode<Body: MedusaRequestBody>(_ type: Body.Type, from request: Request) async throws -> Body {
        // A declared length over the limit is refused before anything is read.
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw tooLarge
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        }
        // Express's json() parses only JSON media types and leaves `{}` otherwise. Doing the same keeps a
        // cross-site `text/plain` form post (sent without a CORS preflight) from acting on a cart.
        let body = Self.isJSON(request.headers[.contentType]) ? Data(buffer.readableBytesView) : Data()
        return try MedusaRequestDecoder.decode(type, from: body)
    }

    /// `application/json` or any `+json` type, parameters aside (type-is's `json` match).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    private var tooLarge: HTTPError {
        HTTPError(.contentTooLarge, message: "Request body is larger than \(maxBytes) bytes")
    }
}
