import Foundation
import FullCartAPI
import WireJSON
import Hummingbird

/// JSON in and out of the simulator's routes. Bodies are decoded into the shared wire types; a body that does
/// not fit is an `ErrorInvalidInputBody` naming what is wrong.
enum JSONIO {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        throws -> Response
    {
        let encoder = JSONEncoder()
        // Sorted keys make every answer byte-for-byte reproducible.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func text(_ text: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The raw body bytes; an over-long body is refused like a malformed one.
    static func bodyData(_ request: Request, context: some RequestContext) async throws(SimulatorError) -> Data {
        var request = request
        do {
            return Data(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        } catch {
            throw .invalidInputBody("Request body is too large or could not be read")
        }
    }

    /// Decodes a JSON object body after checking that `required` top-level fields are present (all missing ones
    /// are named at once).
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: some RequestContext, required: [String] = []
    ) async throws(SimulatorError) -> T {
        let data = try await bodyData(request, context: context)
        return try decode(type, from: data, required: required)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, required: [String] = []) throws(SimulatorError)
        -> T
    {
        guard !data.isEmpty else { throw .invalidInputBody("Request body must be a JSON object") }
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: data) else {
            throw .invalidInputBody("Request body is not a JSON object")
        }
        let missing = required.filter { object[$0] == nil || object[$0] == .null }
        if !missing.isEmpty {
            throw .invalidInputBody("Missing required fields: \(missing.joined(separator: ", "))")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw .invalidInputBody(error.bodyProblem)
        } catch {
            throw .invalidInputBody("Request body could not be decoded")
        }
    }
}

extension DecodingError {
    /// Names the offending field, never its value.
    var bodyProblem: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "Missing required field: \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Field \(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "Request body is not valid JSON" : "Field \(path(context.codingPath)) is invalid"
        @unknown default:
            return "Request body could not be decoded"
        }
    }
}

extension SimulatorError {
    var response: Response {
        let body =
            switch envelope {
            case .standard: FullCartErrorBody(code: status, error: code, description: description)
            case .session: FullCartErrorBody(code: nil, error: code, message: description)
            }
        // Encoding four optional strings and an integer cannot fail.
        return (try? JSONIO.response(body, status: HTTPResponse.Status(code: status)))
            ?? Response(status: HTTPResponse.Status(code: status))
    }
}
