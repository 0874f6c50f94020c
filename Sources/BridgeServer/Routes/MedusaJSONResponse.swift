import Foundation
import Hummingbird
import MedusaAPI

/// Response bodies as Medusa's Express server writes them.
enum MedusaJSONResponse {
    static let contentType = "application/json; charset=utf-8"

    /// 200 with `body` encoded by `MedusaJSON` (ISO-8601 dates with milliseconds, slashes unescaped).
    static func make(_ body: some Encodable) throws -> Response {
        make(encoded: try MedusaJSON.encode(body))
    }

    /// 200 with a body already encoded by `MedusaJSON`.
    static func make(encoded data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Express's `res.sendStatus(code)`: the reason phrase as plain text, e.g. `Not Found`.
    static func status(_ status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: status.reasonPhrase)))
    }
}
