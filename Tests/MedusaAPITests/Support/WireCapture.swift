import Foundation
import MedusaAPI

/// One HTTP exchange a response belongs to, as `scripts/validate-oas.py` reads it.
struct Exchange {
    var method = "GET"
    var path: String
    /// The OAS path template, e.g. `/store/carts/{id}`.
    var route: String
    var status = 200
}

/// Encodes response bodies as CartBridge sends them. When `CARTBRIDGE_OAS_CAPTURE` names a file,
/// each body is also appended to it as a JSONL line for the OAS validator.
enum Wire {
    static func encode(_ response: some Encodable, for exchange: Exchange) throws -> JSONValue {
        try record(MedusaJSON.encode(response), for: exchange)
    }

    static func encode(_ error: MedusaError, path: String, route: String, method: String = "POST") throws -> JSONValue {
        try record(error.body.jsonData(), for: Exchange(method: method, path: path, route: route, status: error.httpStatus))
    }

    private static func record(_ body: Data, for exchange: Exchange) throws -> JSONValue {
        try capture.append(body, for: exchange)
        return try JSONDecoder().decode(JSONValue.self, from: body)
    }

    private static let capture = CaptureFile(path: ProcessInfo.processInfo.environment["CARTBRIDGE_OAS_CAPTURE"])
}

private final class CaptureFile: @unchecked Sendable {
    private let path: String?
    // Tests run in parallel; lines must not interleave.
    private let lock = NSLock()

    init(path: String?) {
        self.path = path.flatMap { $0.isEmpty ? nil : $0 }
    }

    func append(_ body: Data, for exchange: Exchange) throws {
        guard let path else { return }
        let envelope = try MedusaJSON.encode([
            "method": exchange.method, "path": exchange.path, "route": exchange.route,
        ])
        // Splice the body in verbatim: `{...envelope, "status": N, "body": <body>}`.
        var line = envelope.dropLast()
        line.append(Data(#","status":\#(exchange.status),"body":"#.utf8))
        line.append(body)
        line.append(Data("}\n".utf8))

        lock.lock()
        defer { lock.unlock() }
        if !FileManager.default.fileExists(atPath: path),
            !FileManager.default.createFile(atPath: path, contents: nil)
        {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }
}
