import FullCartAPI

/// The merchants CartBridge buys from, by domain, each with its client.
public struct MerchantDirectory: Sendable {
    public let clients: [String: any FullCartMerchantAPI]
    /// Configuration order, for stable listings.
    public let domains: [String]

    public init(_ clients: [any FullCartMerchantAPI]) {
        self.clients = Dictionary(clients.map { ($0.merchant.domain, $0) }, uniquingKeysWith: { first, _ in first })
        domains = clients.map(\.merchant.domain)
    }

    public func client(for domain: String) throws(CheckoutError) -> any FullCartMerchantAPI {
        guard let client = clients[domain] else {
            throw CheckoutError.notFound("No merchant is configured for \(domain)")
        }
        return client
    }
}
