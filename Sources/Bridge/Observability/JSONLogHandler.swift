import Foundation
import Logging

/// One JSON object per line: `time` (UTC, milliseconds), `level`, `message`, `label`, then the metadata
/// (handler, provider, then the call's own, later ones winning) as top-level keys.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let write: @Sendable (String) -> Void

    /// `write` receives each line without its newline; the default writes it to stderr in one call, so
    /// concurrent lines do not interleave.
    public init(
        label: String, metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        merged.merge(metadataProvider?.get() ?? [:]) { _, provided in provided }
        merged.merge(event.metadata ?? [:]) { _, explicit in explicit }
        write(Self.line(time: Date(), level: event.level, label: label, message: "\(event.message)", metadata: merged))
    }

    /// The JSON text of one entry, keys sorted; the fixed fields win over metadata keys of the same name.
    /// Written by hand: every request logs a line, and `JSONSerialization` (boxing each value) was 8% of a
    /// cart read's CPU in the benchmark's profile.
    static func line(
        time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var object = metadata
        object["time"] = .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(time))
        object["level"] = .string(level.rawValue)
        object["label"] = .string(label)
        object["message"] = .string(message)
        var line = ""
        line.reserveCapacity(256)
        append(.dictionary(object), to: &line)
        return line
    }

    private static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text):
            append(string: text, to: &line)
        case .stringConvertible(let convertible):
            append(string: convertible.description, to: &line)
        case .array(let values):
            line.append("[")
            for (index, element) in values.enumerated() {
                if index > 0 { line.append(",") }
                append(element, to: &line)
            }
            line.append("]")
        case .dictionary(let entries):
            line.append("{")
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { line.append(",") }
                append(string: key, to: &line)
                line.append(":")
                append(entries[key]!, to: &line)
            }
            line.append("}")
        }
    }

    /// RFC 8259 string escaping: quote, backslash and control characters; everything else as is.
    private static func append(string text: String, to line: inout String) {
        line.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line.append("\\\"")
            case "\\": line.append("\\\\")
            case "\n": line.append("\\n")
            case "\r": line.append("\\r")
            case "\t": line.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: line.unicodeScalars.append(scalar)
            }
        }
        line.append("\"")
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
