import FullCartAPI
import MedusaAPI

extension MedusaAPI.JSONValue {
    /// A merchant's free-form JSON (e.g. `add_to_cart_ref`) as Medusa metadata. Full Cart keeps every number
    /// as a `Double`; whole numbers come back as integers so `3` stays `3` on the wire.
    init(_ value: FullCartAPI.JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number): self = Int(exactly: number).map(Self.integer) ?? .number(number)
        case .string(let string): self = .string(string)
        case .array(let elements): self = .array(elements.map(Self.init))
        case .object(let members): self = .object(members.mapValues(Self.init))
        }
    }

    /// `null` for nil, so optional facts keep their key in metadata.
    static func optional(_ text: String?) -> Self {
        text.map(Self.string) ?? .null
    }

    static func optional(_ number: Int?) -> Self {
        number.map(Self.integer) ?? .null
    }
}
