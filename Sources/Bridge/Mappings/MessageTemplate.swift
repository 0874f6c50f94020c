/// A message with `{placeholder}`s, parsed once at load time so that an unknown placeholder is a load error and
/// a merchant description that happens to contain `{domain}` is never expanded a second time.
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Placeholder: String, Sendable, CaseIterable {
        /// The merchant's own text for the error.
        case description
        case domain
        /// The Full Cart error code.
        case code
    }

    private enum Part: Sendable, Hashable {
        case text(Substring)
        case placeholder(Placeholder)
    }

    private let parts: [Part]
    public let description: String

    /// Throws the offending `{name}` or unmatched brace as a message.
    public init(_ template: String) throws(TemplateError) {
        var parts: [Part] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(rest[..<open])) }
            guard let close = rest[open...].firstIndex(of: "}") else { throw TemplateError("unmatched \"{\"") }
            let name = rest[rest.index(after: open)..<close]
            guard let placeholder = Placeholder(rawValue: String(name)) else {
                throw TemplateError(
                    "unknown placeholder {\(name)}; use "
                        + Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", "))
            }
            parts.append(.placeholder(placeholder))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(rest)) }
        self.parts = parts
        description = template
    }

    public func render(_ values: [Placeholder: String]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): String(text)
            case .placeholder(let placeholder): values[placeholder] ?? ""
            }
        }.joined()
    }

    public struct TemplateError: Error, Sendable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
