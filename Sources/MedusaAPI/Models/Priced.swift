/// An entity plus the price fields Medusa computes for it, encoded as one flat JSON object
/// (`PricedVariant`, `PricedShippingOption`). Reads and writes of the entity's own fields pass through.
@dynamicMemberLookup
public struct Priced<Base: Codable & Hashable & Sendable, Pricing: Codable & Hashable & Sendable>:
    Codable, Hashable, Sendable
{
    public var base: Base
    public var pricing: Pricing

    public init(_ base: Base, pricing: Pricing) {
        self.base = base
        self.pricing = pricing
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Base, Value>) -> Value {
        get { base[keyPath: keyPath] }
        set { base[keyPath: keyPath] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        base = try Base(from: decoder)
        pricing = try Pricing(from: decoder)
    }

    /// Both halves write into the same JSON object.
    public func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        try pricing.encode(to: encoder)
    }
}
