import Foundation
import FullCartAPI
import Logging

/// The merchants' catalogs, fetched through Full Cart (product list, then each product) and cached for a TTL.
///
/// An actor because the cache and the catalog device sessions are shared by every request. Concurrent
/// callers during a refresh wait for that one refresh instead of starting their own.
public actor CatalogService {
    /// One merchant product with the domain it came from and its place in the navigation.
    public struct Entry: Sendable {
        public let domain: String
        public let product: FullCartProduct
        public let placement: CatalogPlacement
        /// Which catalog load this entry belongs to: a new load gets a new number, so whatever an adapter derives
        /// from an entry can be cached by (generation, domain, handle).
        public let generation: Int

        init(domain: String, product: FullCartProduct, placement: CatalogPlacement = .init(), generation: Int = 0) {
            self.domain = domain
            self.product = product
            self.placement = placement
            self.generation = generation
        }
    }

    /// One load: every product and the navigation derived from them.
    public struct Snapshot: Sendable {
        public let generation: Int
        public let entries: [Entry]
        public let navigation: CatalogNavigation
    }

    private let merchants: MerchantDirectory
    private let ttl: Duration
    private let navigationMapping: CatalogNavigationMapping
    private let refreshesInBackground: Bool
    private let pageSize: Int
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let maxConcurrentFetches = 8
    /// A merchant's list is read page by page until a short page; this many pages at most, so an answer that
    /// never ends cannot keep a refresh going forever.
    static let maxPages = 50
    static let missRefreshInterval = Duration.seconds(30)

    private var snapshot = Snapshot(generation: 0, entries: [], navigation: .empty)
    /// Which load the entries come from (0 before the first); what is derived from entries is valid for one.
    public var generation: Int { snapshot.generation }
    private var variantIndex: [String: (entry: Int, variant: Int)] = [:]
    private var loadedAt: Date?
    private var sessions: [String: DeviceSession] = [:]
    private var isLoading = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var lastError: CheckoutError?

    /// `refreshesInBackground`: a `CatalogRefresher` runs beside the server, so a request past the TTL answers from
    /// the catalog it has instead of waiting for the merchants (only the very first load is waited for).
    public init(
        merchants: MerchantDirectory, ttl: Duration, navigation: CatalogNavigationMapping = .inferred,
        refreshesInBackground: Bool = false, pageSize: Int = 2000, logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.merchants = merchants
        self.ttl = ttl
        self.navigationMapping = navigation
        self.refreshesInBackground = refreshesInBackground
        self.pageSize = pageSize
        self.logger = logger
        self.now = now
    }

    /// Every product of every merchant (in merchant then catalog order) with their navigation, from one load.
    public func current() async throws(CheckoutError) -> Snapshot {
        try await refreshIfStale()
        return snapshot
    }

    /// The refresher's tick: reload now, whatever the age; a failure is logged and keeps what was loaded.
    /// Returns when the next reload is due: the TTL, or sooner after a failure.
    public func scheduledReload() async -> Duration {
        do throws(CheckoutError) {
            try await refresh()
            return lastError == nil ? ttl : min(ttl, Self.missRefreshInterval)
        } catch {
            return min(ttl, Self.missRefreshInterval)
        }
    }

    /// The product and variant for a merchant SKU. When it is not cached (a product added at the merchant since
    /// the last load) the catalog is reloaded, but at most once per `missRefreshInterval` and only for a
    /// configured merchant: unknown ids sent by clients must not make every merchant refetch its catalog.
    public func variant(domain: String, sku: String) async throws(CheckoutError) -> (Entry, FullCartVariant)? {
        try await refreshIfStale()
        if let found = lookup(domain: domain, sku: sku) { return found }
        guard merchants.clients[domain] != nil, let loadedAt,
            now().timeIntervalSince(loadedAt) >= Self.missRefreshInterval.timeInterval
        else { return nil }
        try await refresh()
        return lookup(domain: domain, sku: sku)
    }

    /// The cached product and variant, without refreshing (for rendering, which must not call merchants).
    public func cachedVariant(domain: String, sku: String) -> (Entry, FullCartVariant)? {
        lookup(domain: domain, sku: sku)
    }

    private func lookup(domain: String, sku: String) -> (Entry, FullCartVariant)? {
        guard let position = variantIndex[Self.key(domain, sku)] else { return nil }
        let entry = snapshot.entries[position.entry]
        return (entry, entry.product.variants[position.variant])
    }

    private static func key(_ domain: String, _ sku: String) -> String { domain + "\u{1F}" + sku }

    private func refreshIfStale() async throws(CheckoutError) {
        if let loadedAt, refreshesInBackground || now().timeIntervalSince(loadedAt) < ttl.timeInterval { return }
        try await refresh()
    }

    private func refresh() async throws(CheckoutError) {
        if isLoading {
            await withCheckedContinuation { waiters.append($0) }
            if let lastError, loadedAt == nil { throw lastError }
            return
        }
        isLoading = true
        defer {
            isLoading = false
            let waiting = waiters
            waiters = []
            waiting.forEach { $0.resume() }
        }
        var loaded: [(domain: String, product: FullCartProduct)] = []
        var failure: CheckoutError?
        for domain in merchants.domains {
            do throws(CheckoutError) {
                loaded += try await load(domain: domain).map { (domain, $0) }
            } catch {
                // One merchant down must not hide the others; keep its previous products.
                logger.warning("catalog refresh failed", metadata: ["merchant": "\(domain)", "error": "\(error)"])
                failure = error
                loaded += snapshot.entries.filter { $0.domain == domain }.map { ($0.domain, $0.product) }
            }
        }
        lastError = failure
        if loaded.isEmpty, let failure { throw failure }
        install(loaded)
    }

    private func install(_ loaded: [(domain: String, product: FullCartProduct)]) {
        let generation = snapshot.generation + 1
        let (navigation, placements) = CatalogNavigation.build(
            products: loaded, merchantDomains: merchants.domains, mapping: navigationMapping)
        let entries = zip(loaded, placements).map { item, placement in
            Entry(domain: item.domain, product: item.product, placement: placement, generation: generation)
        }
        snapshot = Snapshot(generation: generation, entries: entries, navigation: navigation)
        var index: [String: (Int, Int)] = [:]
        for (entryIndex, entry) in entries.enumerated() {
            for (variantIndex, variant) in entry.product.variants.enumerated() {
                index[Self.key(entry.domain, variant.sku)] = (entryIndex, variantIndex)
            }
        }
        variantIndex = index
        loadedAt = now()
    }

    private func load(domain: String) async throws(CheckoutError) -> [FullCartProduct] {
        let client = try merchants.client(for: domain)
        var session = try await session(for: client)
        var handles: [String] = []
        var seen: Set<String> = []
        do throws(FullCartError) {
            for page in 1...Self.maxPages {
                let list = try await client.products(page: page, size: pageSize, session: session)
                session = list.session
                // A handle listed twice (a list that shifted between pages) is fetched once.
                handles += list.value.map(\.handle).filter { seen.insert($0).inserted }
                if list.value.count < pageSize { break }
                if page == Self.maxPages {
                    logger.warning(
                        "catalog list stopped at the page limit", metadata: ["merchant": "\(domain)", "pages": "\(page)"])
                }
            }
        } catch {
            throw CheckoutError.merchant(error, domain: domain)
        }
        sessions[domain] = session
        return try await fetchProducts(handles, client: client, session: session)
    }

    /// Product details, a bounded number at a time; the result keeps the list order.
    private func fetchProducts(_ handles: [String], client: any FullCartMerchantAPI, session: DeviceSession)
        async throws(CheckoutError) -> [FullCartProduct]
    {
        let limit = maxConcurrentFetches
        let results = await withTaskGroup(of: (Int, Result<FullCartProduct, FullCartError>).self) { group in
            var collected: [(Int, Result<FullCartProduct, FullCartError>)] = []
            for (offset, handle) in handles.enumerated() {
                if offset >= limit, let next = await group.next() { collected.append(next) }
                group.addTask {
                    do throws(FullCartError) {
                        return (offset, .success(try await client.product(handle: handle, postalCode: nil, session: session).value))
                    } catch {
                        return (offset, .failure(error))
                    }
                }
            }
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var products: [FullCartProduct] = []
        for result in results {
            switch result {
            case .success(let product): products.append(product)
            // Listed, then gone (404) before its details were read: the catalog goes on without it.
            case .failure(let error) where error.status == 404: continue
            case .failure(let error): throw CheckoutError.merchant(error, domain: client.merchant.domain)
            }
        }
        return products
    }

    private func session(for client: any FullCartMerchantAPI) async throws(CheckoutError) -> DeviceSession {
        if let existing = sessions[client.merchant.domain] { return existing }
        do throws(FullCartError) {
            let created = try await client.createSession()
            sessions[client.merchant.domain] = created
            return created
        } catch {
            throw CheckoutError.merchant(error, domain: client.merchant.domain)
        }
    }
}
