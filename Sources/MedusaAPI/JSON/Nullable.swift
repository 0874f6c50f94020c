/// Encodes `nil` as an explicit JSON `null` instead of leaving the key out.
///
/// The Medusa OAS lists most nullable columns under `required`, and Medusa itself always sends them,
/// but synthesized `Encodable` drops `nil` optionals. Decoding is strict the other way round: the key
/// must be present (as `null` or a value), so a round trip catches a missing key.
@propertyWrapper
public struct Nullable<Wrapped: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var wrappedValue: Wrapped?

    public init(wrappedValue: Wrapped?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}
