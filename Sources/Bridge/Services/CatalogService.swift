import Foundation
import FullCartAPI
import Logging

/// The merchants' catalogs, fetched through Full Cart (product list, then each product) and cached for a TTL.
///
/// An actor because the cache and the catalog device sessions are shared by every request. Concurrent
/// callers during a refresh wait for that one refresh instead of starting their own.
public actor CatalogService {
    /// One merchant product with the domain it came from.
    public struct Entry: Sendable {
        public let domain: String
        public let product: FullCartProduct
        /// Which catalog load this entry belongs to: a new load gets a new number, so whatever an adapter derives
        /// from an entry can be cached by (generation, domain, handle).
        public let generation: Int

        init(domain: String, product: FullCartProduct, generation: Int = 0) {
            self.domain = domain
            self.product = product
            self.generation = generation
        }
    }

    private let merchants: MerchantDirectory
    private let ttl: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let maxConcurrentFetches = 8
    static let missRefreshInterval = Duration.seconds(30)

    private var entries: [Entry] = []
    /// Which load the entries come from (0 before the first); what is derived from entries is valid for one.
    public private(set) var generation = 0
    private var variantIndex: [String: (entry: Int, variant: Int)] = [:]
    private var loadedAt: Date?
    private var sessions: [String: DeviceSession] = [:]
    private var isLoading = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var lastError: CheckoutError?

    public init(
        merchants: MerchantDirectory, ttl: Duration, logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.merchants = merchants
        self.ttl = ttl
        self.logger = logger
        self.now = now
    }

    /// Every product of every merchant, in merchant then catalog order.
    public func products() async throws(CheckoutError) -> [Entry] {
        try await refreshIfStale()
        return entries
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
        let entry = entries[position.entry]
        return (entry, entry.product.variants[position.variant])
    }

    private static func key(_ domain: String, _ sku: String) -> String { domain + "\u{1F}" + sku }

    private func refreshIfStale() async throws(CheckoutError) {
        if let loadedAt, now().timeIntervalSince(loadedAt) < ttl.timeInterval { return }
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
        var loaded: [Entry] = []
        for domain in merchants.domains {
            do throws(CheckoutError) {
                loaded += try await load(domain: domain)
            } catch {
                // One merchant down must not hide the others; keep its previous products.
                logger.warning("catalog refresh failed", metadata: ["merchant": "\(domain)", "error": "\(error)"])
                lastError = error
                loaded += entries.filter { $0.domain == domain }
            }
        }
        if loaded.isEmpty, let lastError { throw lastError }
        install(loaded)
    }

    private func install(_ loaded: [Entry]) {
        generation += 1
        entries = loaded.map { Entry(domain: $0.domain, product: $0.product, generation: generation) }
        var index: [String: (Int, Int)] = [:]
        for (entryIndex, entry) in entries.enumerated() {
            for (variantIndex, variant) in entry.product.variants.enumerated() {
                index[Self.key(entry.domain, variant.sku)] = (entryIndex, variantIndex)
            }
        }
        variantIndex = index
        loadedAt = now()
        lastError = nil
    }

    private func load(domain: String) async throws(CheckoutError) -> [Entry] {
        let client = try merchants.client(for: domain)
        var session = try await session(for: client)
        var summaries: [FullCartProductSummary] = []
        do throws(FullCartError) {
            let list = try await client.products(page: 1, size: 2000, session: session)
            summaries = list.value
            session = list.session
        } catch {
            throw CheckoutError.merchant(error, domain: domain)
        }
        sessions[domain] = session
        let fetched = try await fetchProducts(summaries.map(\.handle), client: client, session: session)
        return fetched.map { Entry(domain: domain, product: $0) }
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
