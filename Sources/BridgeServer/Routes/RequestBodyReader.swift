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
        return try MedusaRequestDecoder.decode(type, from: Data(buffer.readableBytesView))
    }

    private var tooLarge: HTTPError {
        HTTPError(.contentTooLarge, message: "Request body is larger than \(maxBytes) bytes")
    }
}
