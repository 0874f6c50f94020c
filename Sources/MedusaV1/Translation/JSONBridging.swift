import Bridge
import MedusaAPI

extension JSONValue {
    /// `null` for nil, so optional facts keep their key in metadata.
    static func optional(_ text: String?) -> Self {
        text.map(Self.string) ?? .null
    }

    static func optional(_ number: Int?) -> Self {
        number.map(Self.integer) ?? .null
    }
}
