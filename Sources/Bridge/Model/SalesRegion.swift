/// What the core needs to know of a region: its currency (merchant carts must be in it), the countries a cart
/// of it may ship to, and the payment providers it offers. Adapters keep their own richer region objects.
public struct SalesRegion: Sendable, Hashable {
    public var id: String
    /// Lower-case ISO 4217, e.g. `usd`.
    public var currencyCode: String
    /// Lower-case ISO 3166-1 alpha-2 codes, in the region's order.
    public var countryCodes: [String]
    public var paymentProviderIDs: [String]

    public init(id: String, currencyCode: String, countryCodes: [String], paymentProviderIDs: [String]) {
        self.id = id
        self.currencyCode = currencyCode.lowercased()
        self.countryCodes = countryCodes.map { $0.lowercased() }
        self.paymentProviderIDs = paymentProviderIDs
    }

    public func ships(to countryCode: String) -> Bool {
        countryCodes.contains(countryCode.lowercased())
    }

    public func offers(paymentProvider id: String) -> Bool {
        paymentProviderIDs.contains(id)
    }
}
