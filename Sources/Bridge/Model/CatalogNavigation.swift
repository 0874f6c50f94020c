import Foundation
import FullCartAPI

/// Where one product sits in the navigation: its collection, the categories it is directly in, its tags and type.
public struct CatalogPlacement: Sendable, Equatable {
    public var collection: String?
    public var categories: [String]
    public var tags: [String]
    public var productType: String?

    public init(collection: String? = nil, categories: [String] = [], tags: [String] = [], productType: String? = nil) {
        self.collection = collection
        self.categories = categories
        self.tags = tags
        self.productType = productType
    }
}

/// The collections, category tree, tags and types of one catalog load, derived from the merchants' products and
/// `CatalogNavigationMapping`. Everything is keyed by handle (tags and types by value); adapters make ids.
public struct CatalogNavigation: Sendable, Equatable {
    public struct Collection: Sendable, Equatable {
        public let handle: String
        public let title: String
    }

    public struct Category: Sendable, Equatable {
        public let handle: String
        public let name: String
        public let description: String
        public let parent: String?
        /// Position among its siblings.
        public let rank: Int
    }

    public let collections: [Collection]
    /// Roots first, each followed by its subtree (pre-order), siblings by rank.
    public let categories: [Category]
    public let tags: [String]
    public let productTypes: [String]

    public static let empty = CatalogNavigation(collections: [], categories: [], tags: [], productTypes: [])

    public func collection(handle: String) -> Collection? { collections.first { $0.handle == handle } }

    public func category(handle: String) -> Category? { categories.first { $0.handle == handle } }

    public func children(of handle: String?) -> [Category] { categories.filter { $0.parent == handle } }

    /// The category and everything below it.
    public func subtree(of handle: String) -> Set<String> {
        var found: Set<String> = [handle]
        var frontier = [handle]
        while let current = frontier.popLast() {
            for child in children(of: current) where found.insert(child.handle).inserted { frontier.append(child.handle) }
        }
        return found
    }

    /// The navigation and each product's placement (same order as `products`).
    public static func build(
        products: [(domain: String, product: FullCartProduct)], merchantDomains: [String], mapping: CatalogNavigationMapping
    ) -> (navigation: CatalogNavigation, placements: [CatalogPlacement]) {
        var collections = mapping.collections.map { Collection(handle: $0.handle, title: $0.title) }
        var merchantCollection: [String: String] = [:]
        if mapping.collectionPerMerchant {
            var taken = Set(collections.map(\.handle))
            for domain in merchantDomains {
                let title = mapping.merchantTitles[domain] ?? domain
                let handle = unique(CatalogSlug.make(title), in: &taken)
                merchantCollection[domain] = handle
                collections.append(Collection(handle: handle, title: title))
            }
        }

        let listedHandles = Set(mapping.categories.map(\.handle))
        let typeParents = Dictionary(
            mapping.productTypeParents.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        var typeCategories: [String: (name: String, parent: String?)] = [:]
        var placements: [CatalogPlacement] = []
        var tags: Set<String> = []
        var types: Set<String> = []
        for (domain, product) in products {
            let productTags = product.tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let productType = product.productType.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            tags.formUnion(productTags)
            if let productType { types.insert(productType) }
            let facts = ProductFacts(domain: domain, handle: product.handle, productType: productType, tags: productTags)
            var categories = mapping.categories.filter { $0.products.map(facts.matches) ?? false }.map(\.handle)
            if mapping.categoriesFromProductTypes, let productType {
                let handle = CatalogSlug.make(productType)
                if !listedHandles.contains(handle), typeCategories[handle] == nil {
                    typeCategories[handle] = (productType, typeParents[productType.lowercased()])
                }
                if !categories.contains(handle) { categories.append(handle) }
            }
            placements.append(
                CatalogPlacement(
                    collection: mapping.collections.first { facts.matches($0.products) }?.handle ?? merchantCollection[domain],
                    categories: categories, tags: productTags, productType: productType))
        }

        // Listed categories keep their file order among siblings; product-type ones follow, by name.
        let unranked =
            mapping.categories.map { ($0.handle, $0.name, $0.description ?? "", $0.parent) }
            + typeCategories.sorted { $0.value.name.localizedStandardCompare($1.value.name) == .orderedAscending }
            .map { ($0.key, $0.value.name, "", $0.value.parent) }
        var ordered: [Category] = []
        func appendSubtree(parent: String?) {
            for (rank, entry) in unranked.filter({ $0.3 == parent }).enumerated() {
                ordered.append(Category(handle: entry.0, name: entry.1, description: entry.2, parent: entry.3, rank: rank))
                appendSubtree(parent: entry.0)
            }
        }
        appendSubtree(parent: nil)
        let byName: (String, String) -> Bool = { $0.localizedStandardCompare($1) == .orderedAscending }
        return (
            CatalogNavigation(
                collections: collections, categories: ordered, tags: tags.sorted(by: byName),
                productTypes: types.sorted(by: byName)),
            placements
        )
    }

    private static func unique(_ handle: String, in taken: inout Set<String>) -> String {
        var candidate = handle
        var suffix = 2
        while !taken.insert(candidate).inserted {
            candidate = "\(handle)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}

/// What a `Selector` is matched against.
private struct ProductFacts {
    let domain: String
    let handle: String
    let productType: String?
    let tags: [String]

    func matches(_ selector: CatalogNavigationMapping.Selector) -> Bool {
        if let domains = selector.domains, !domains.contains(domain) { return false }
        if let handles = selector.handles, !handles.contains(handle) { return false }
        if let types = selector.productTypes {
            guard let productType, types.contains(where: { $0.caseInsensitiveCompare(productType) == .orderedSame }) else { return false }
        }
        if let wanted = selector.tags,
            !wanted.contains(where: { tag in tags.contains { $0.caseInsensitiveCompare(tag) == .orderedSame } })
        {
            return false
        }
        return true
    }
}
