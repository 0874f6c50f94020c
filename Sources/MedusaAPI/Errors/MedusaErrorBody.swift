import Foundation

/// The JSON body of a Medusa error: `{"code"?, "type", "message"}`, in that key order, with `code`
/// left out when there is none.
///
/// Deliberately not `Encodable`: `JSONEncoder` does not keep key order, so `jsonData()` writes the body.
public struct MedusaErrorBody: Decodable, Hashable, Sendable {
    public var code: MedusaErrorCode?
    /// A `MedusaErrorType` raw value, kept as a string because Medusa passes some thrown names through.
    public var type: String
    public var message: String

    public init(code: MedusaErrorCode? = nil, type: String, message: String) {
        self.code = code
        self.type = type
        self.message = message
    }

    public func jsonData() -> Data {
        var members: [(key: String, value: String)] = []
        if let code { members.append(("code", code.rawValue)) }
        members.append(("type", type))
        members.append(("message", message))
        let fields = members.map { "\(Self.quoted($0.key)):\(Self.quoted($0.value))" }
        return Data("{\(fields.joined(separator: ","))}".utf8)
    }

    /// A JSON string literal, escaped as `JSON.stringify` does.
    private static func quoted(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "\u{08}": literal += "\\b"
            case "\u{0C}": literal += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
