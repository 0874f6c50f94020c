@testable import MedusaV1
import Foundation
import Logging
import Testing

@testable import Bridge

@Suite struct JSONLogHandlerTests {
    /// Lines written by a handler, kept for inspection.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func oneObjectPerLineWithTheFixedFieldsAndMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "cartbridge") { label in JSONLogHandler(label: label, write: lines.append) }
        logger[metadataKey: "merchant"] = "apparel.example"
        logger.info("Request\nwith a newline", metadata: ["status": .stringConvertible(200), "tags": ["a", "b"]])
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"))
        let entry = try object(line)
        #expect(entry["level"] as? String == "info")
        #expect(entry["label"] as? String == "cartbridge")
        #expect(entry["message"] as? String == "Request\nwith a newline")
        #expect(entry["merchant"] as? String == "apparel.example")
        #expect(entry["status"] as? String == "200")
        #expect(entry["tags"] as? [String] == ["a", "b"])
        let time = try #require(entry["time"] as? String)
        #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }

    @Test func theRequestsMetadataReachesEveryLogger() throws {
        let lines = Lines()
        let logger = Logger(label: "cartbridge.fullcart") { label in
            JSONLogHandler(label: label, metadataProvider: RequestLogMetadata.provider, write: lines.append)
        }
        RequestLogMetadata.$current.withValue(["request_id": "req-1", "cart_id": "cart_9"]) {
            logger.info("Full Cart call")
        }
        logger.info("outside a request")
        let (inside, outside) = (try object(lines.all[0]), try object(lines.all[1]))
        #expect(inside["request_id"] as? String == "req-1")
        #expect(inside["cart_id"] as? String == "cart_9")
        #expect(outside["request_id"] == nil)
    }

    @Test(arguments: [
        #"quote " and backslash \ and slash /"#, "tab\tcarriage\rbell\u{07}nul\u{00}unit\u{1F}",
        "emoji 🛒, right-to-left ‏שלום‎, combining e\u{301}", "",
    ])
    func everyStringSurvivesTheRoundTrip(text: String) throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 0), level: .info, label: "l", message: text,
            metadata: ["nested": ["key \"x\"": .string(text)], "list": [.string(text)]])
        let entry = try object(line)
        #expect(entry["message"] as? String == text)
        #expect((entry["nested"] as? [String: String])?["key \"x\""] == text)
        #expect(entry["list"] as? [String] == [text])
        #expect(!line.contains("\n"))
    }

    @Test func belowTheLevelNothingIsWritten() {
        let lines = Lines()
        var logger = Logger(label: "quiet") { label in JSONLogHandler(label: label, write: lines.append) }
        logger.logLevel = .warning
        logger.info("dropped")
        #expect(lines.all.isEmpty)
    }

    @Test func metadataCannotReplaceTheFixedFields() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 0), level: .error, label: "l", message: "m",
            metadata: ["level": "fake", "message": "fake"])
        let entry = try object(line)
        #expect(entry["level"] as? String == "error")
        #expect(entry["message"] as? String == "m")
        #expect(entry["time"] as? String == "1970-01-01T00:00:00.000Z")
    }

    @Test func theConfiguredLevelApplies() {
        let handler = BridgeConfiguration.Logging(format: .text, level: .debug).makeHandler(label: "x")
        #expect(handler.logLevel == .debug)
        #expect(handler is StreamLogHandler)
        #expect(BridgeConfiguration.Logging().makeHandler(label: "x") is JSONLogHandler)
    }
}
