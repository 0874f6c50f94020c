import Foundation

/// `mappings/pinned-ids.json`: explicit Medusa ids for merchant products and variants, so a store moving an
/// existing Medusa catalog onto CartBridge keeps the ids its storefront, links and analytics already use.
/// Everything not pinned gets its `StableID`; both forms of id resolve back to the merchant's key.
public struct PinnedIDs: Sendable {
    public static let fileName = "pinned-ids.json"

    public struct ProductKey: Sendable, Hashable {
        public var domain: String
        public var handle: String

        public init(domain: String, handle: String) {
            self.domain = domain
            self.handle = handle
        }
    }

    public struct VariantKey: Sendable, Hashable {
        public var domain: String
        public var sku: String

        public init(domain: String, sku: String) {
            self.domain = domain
            self.sku = sku
        }
    }

    private let productIDs: [ProductKey: String]
    private let productKeys: [String: ProductKey]
    private let variantIDs: [VariantKey: String]
    private let variantKeys: [String: VariantKey]

    /// Nothing pinned: every id is a `StableID`.
    public init() {
        productIDs = [:]
        productKeys = [:]
        variantIDs = [:]
        variantKeys = [:]
    }

    /// Every id must be unique across products and variants, or a reverse lookup would be ambiguous.
    public init(products: [ProductKey: String], variants: [VariantKey: String]) throws(MappingTableError) {
        // Sorted so the same file always reports the same pair.
        let pins =
            (products.map { ($0.value, "\($0.key.domain) \($0.key.handle)") }
            + variants.map { ($0.value, "\($0.key.domain) \($0.key.sku)") }).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for (earlier, later) in zip(pins, pins.dropFirst()) where earlier.0 == later.0 {
            throw MappingTableError(
                file: Self.fileName, entry: "\"\(later.0)\"",
                reason: "the id is pinned to both \(earlier.1) and \(later.1)")
        }
        productIDs = products
        productKeys = Dictionary(uniqueKeysWithValues: products.map { ($0.value, $0.key) })
        variantIDs = variants
        variantKeys = Dictionary(uniqueKeysWithValues: variants.map { ($0.value, $0.key) })
    }

    public func productID(for key: ProductKey) -> String {
        productIDs[key] ?? StableID.product(domain: key.domain, handle: key.handle).id
    }

    public func variantID(for key: VariantKey) -> String {
        variantIDs[key] ?? StableID.variant(domain: key.domain, sku: key.sku).id
    }

    /// The merchant product behind a pinned or stable id; nil for an id CartBridge did not hand out.
    public func productKey(forID id: String) -> ProductKey? {
        if let key = productKeys[id] { return key }
        guard case .product(let domain, let handle) = StableID(id) else { return nil }
        return ProductKey(domain: domain, handle: handle)
    }

    /// The merchant variant behind a pinned or stable id; nil for an id CartBridge did not hand out.
    public func variantKey(forID id: String) -> VariantKey? {
        if let key = variantKeys[id] { return key }
        guard case .variant(let domain, let sku) = StableID(id) else { return nil }
        return VariantKey(domain: domain, sku: sku)
    }

    public static func load(directory: URL) throws(MappingTableError) -> PinnedIDs {
        let file = try MappingFile.decode(FileFormat.self, named: fileName, in: directory)
        var products: [ProductKey: String] = [:]
        for (index, entry) in file.products.enumerated() {
            let key = ProductKey(domain: entry.domain, handle: entry.handle)
            guard products[key] == nil else {
                throw MappingTableError(
                    file: fileName, entry: "products[\(index)]",
                    reason: "\(entry.domain) \(entry.handle) is pinned twice")
            }
            products[key] = entry.productID
        }
        var variants: [VariantKey: String] = [:]
        for (index, entry) in file.variants.enumerated() {
            let key = VariantKey(domain: entry.domain, sku: entry.sku)
            guard variants[key] == nil else {
                throw MappingTableError(
                    file: fileName, entry: "variants[\(index)]", reason: "\(entry.domain) \(entry.sku) is pinned twice")
            }
            variants[key] = entry.variantID
        }
        return try PinnedIDs(products: products, variants: variants)
    }

    private struct FileFormat: Decodable {
        var products: [PinnedProduct]
        var variants: [PinnedVariant]
    }

    private struct PinnedProduct: Decodable {
        var domain: String
        var handle: String
        var productID: String

        enum CodingKeys: String, CodingKey {
            case domain, handle
            case productID = "product_id"
        }
    }

    private struct PinnedVariant: Decodable {
        var domain: String
        var sku: String
        var variantID: String

        enum CodingKeys: String, CodingKey {
            case domain, sku
            case variantID = "variant_id"
        }
    }
}
