/// Everything CartBridge reads at start, from `config/cartbridge.yaml` (or another file) and
/// `CARTBRIDGE_<SECTION>_<KEY>` environment variables.
///
/// The defaults live here, in the initialisers; the shipped YAML file documents the same values, and a test
/// keeps the two equal.
public struct BridgeConfiguration: Sendable, Hashable {
    public var server: Server
    public var storage: Storage
    public var keys: CardKeys
    public var catalog: Catalog
    public var payment: Payment
    public var snapshot: Snapshot
    public var httpClient: HTTPClient
    public var simulator: Simulator
    public var logging: Logging
    public var rateLimit: RateLimit
    public var accounts: Accounts
    public var demo: Demo
    /// The Medusa regions the store offers.
    public var regions: [Region]
    /// The Full Cart merchants to buy from; when empty, CartBridge runs its embedded simulator instead.
    public var merchants: [Merchant]

    public init(
        server: Server = Server(),
        storage: Storage = Storage(),
        keys: CardKeys = CardKeys(),
        catalog: Catalog = Catalog(),
        payment: Payment = Payment(),
        snapshot: Snapshot = Snapshot(),
        httpClient: HTTPClient = HTTPClient(),
        simulator: Simulator = Simulator(),
        logging: Logging = Logging(),
        rateLimit: RateLimit = RateLimit(),
        accounts: Accounts = Accounts(),
        demo: Demo = Demo(),
        regions: [Region] = [.unitedStates],
        merchants: [Merchant] = []
    ) {
        self.server = server
        self.storage = storage
        self.keys = keys
        self.catalog = catalog
        self.payment = payment
        self.snapshot = snapshot
        self.httpClient = httpClient
        self.simulator = simulator
        self.logging = logging
        self.rateLimit = rateLimit
        self.accounts = accounts
        self.demo = demo
        self.regions = regions
        self.merchants = merchants
    }
}

extension BridgeConfiguration: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case server, storage, keys, catalog, payment, snapshot
        case httpClient = "http_client"
        case simulator, logging
        case rateLimit = "rate_limit"
        case accounts, demo, regions, merchants
    }

    /// Absent sections and keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let defaults = BridgeConfiguration()
        server = try container.decode(.server, default: defaults.server)
        storage = try container.decode(.storage, default: defaults.storage)
        keys = try container.decode(.keys, default: defaults.keys)
        catalog = try container.decode(.catalog, default: defaults.catalog)
        payment = try container.decode(.payment, default: defaults.payment)
        snapshot = try container.decode(.snapshot, default: defaults.snapshot)
        httpClient = try container.decode(.httpClient, default: defaults.httpClient)
        simulator = try container.decode(.simulator, default: defaults.simulator)
        logging = try container.decode(.logging, default: defaults.logging)
        rateLimit = try container.decode(.rateLimit, default: defaults.rateLimit)
        accounts = try container.decode(.accounts, default: defaults.accounts)
        demo = try container.decode(.demo, default: defaults.demo)
        // A region that names no payment provider offers CartBridge's own.
        regions = try container.decode(.regions, default: defaults.regions).map { [payment] region in
            var region = region
            if region.paymentProviders.isEmpty { region.paymentProviders = [payment.providerID] }
            return region
        }
        merchants = try container.decode(.merchants, default: defaults.merchants)
    }
}
