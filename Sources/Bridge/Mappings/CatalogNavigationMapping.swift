import Foundation

/// `mappings/catalog-navigation.json`: how the merchants' products are grouped into the collections and
/// categories a storefront navigates by. Full Cart has no such groups; a product carries only its merchant,
/// `product_type` and perhaps `tags`, so a store states here which groups it wants and which products join them.
public struct CatalogNavigationMapping: Sendable, Equatable {
    public static let fileName = "catalog-navigation.json"

    /// Which products a listed group takes. Every condition given must hold; within one list, any value matches
    /// (product types and tags case-insensitively).
    public struct Selector: Sendable, Equatable, Decodable {
        public var domains: [String]?
        public var productTypes: [String]?
        public var tags: [String]?
        public var handles: [String]?

        public init(domains: [String]? = nil, productTypes: [String]? = nil, tags: [String]? = nil, handles: [String]? = nil) {
            self.domains = domains
            self.productTypes = productTypes
            self.tags = tags
            self.handles = handles
        }

        enum CodingKeys: String, CodingKey {
            case domains
            case productTypes = "product_types"
            case tags, handles
        }

        var isEmpty: Bool { [domains, productTypes, tags, handles].allSatisfy { $0 == nil } }
    }

    public struct Collection: Sendable, Equatable, Decodable {
        public var handle: String
        public var title: String
        public var products: Selector

        public init(handle: String, title: String, products: Selector) {
            self.handle = handle
            self.title = title
            self.products = products
        }
    }

    public struct Category: Sendable, Equatable, Decodable {
        public var handle: String
        public var name: String
        public var description: String?
        /// The handle of another listed category.
        public var parent: String?
        /// Nil: a category that only groups others (its products are its descendants').
        public var products: Selector?

        public init(handle: String, name: String, description: String? = nil, parent: String? = nil, products: Selector? = nil) {
            self.handle = handle
            self.name = name
            self.description = description
            self.parent = parent
            self.products = products
        }
    }

    /// Listed collections, first match wins (a Medusa product has one collection).
    public var collections: [Collection]
    /// A product no listed collection takes joins its merchant's collection.
    public var collectionPerMerchant: Bool
    /// The merchant collections' titles by domain; the domain itself when absent.
    public var merchantTitles: [String: String]
    /// Listed categories, in the order siblings are ranked.
    public var categories: [Category]
    /// Each product type becomes a category (handle from its name) unless a listed category has that handle.
    public var categoriesFromProductTypes: Bool
    /// The parent (a listed category's handle) of each product-type category, by product type.
    public var productTypeParents: [String: String]

    public init(
        collections: [Collection] = [], collectionPerMerchant: Bool = true, merchantTitles: [String: String] = [:],
        categories: [Category] = [], categoriesFromProductTypes: Bool = true, productTypeParents: [String: String] = [:]
    ) throws(MappingTableError) {
        self.collections = collections
        self.collectionPerMerchant = collectionPerMerchant
        self.merchantTitles = merchantTitles
        self.categories = categories
        self.categoriesFromProductTypes = categoriesFromProductTypes
        self.productTypeParents = productTypeParents
        try validate()
    }

    /// No listed groups: one collection per merchant, one category per product type.
    public static let inferred = try! CatalogNavigationMapping()

    public static func load(directory: URL) throws(MappingTableError) -> CatalogNavigationMapping {
        let file = try MappingFile.decode(FileForm.self, named: fileName, in: directory)
        return try CatalogNavigationMapping(
            collections: file.collections?.list ?? [], collectionPerMerchant: file.collections?.onePerMerchant ?? true,
            merchantTitles: file.collections?.merchantTitles ?? [:], categories: file.categories?.list ?? [],
            categoriesFromProductTypes: file.categories?.fromProductTypes ?? true,
            productTypeParents: file.categories?.productTypeParents ?? [:])
    }

    private func validate() throws(MappingTableError) {
        func fail(_ entry: String, _ reason: String) -> MappingTableError {
            MappingTableError(file: Self.fileName, entry: entry, reason: reason)
        }
        var collectionHandles: Set<String> = []
        for (index, collection) in collections.enumerated() {
            let entry = "collections.list[\(index)]"
            guard CatalogSlug.isValid(collection.handle) else { throw fail(entry, "handle \"\(collection.handle)\" must be lower-case letters, digits and - / _") }
            guard !collection.title.isEmpty else { throw fail(entry, "title is empty") }
            guard !collection.products.isEmpty else { throw fail(entry, "products must name at least one condition") }
            guard collectionHandles.insert(collection.handle).inserted else { throw fail(entry, "handle \"\(collection.handle)\" is listed twice") }
        }
        var parents: [String: String?] = [:]
        for (index, category) in categories.enumerated() {
            let entry = "categories.list[\(index)]"
            guard CatalogSlug.isValid(category.handle) else { throw fail(entry, "handle \"\(category.handle)\" must be lower-case letters, digits and - / _") }
            guard !category.name.isEmpty else { throw fail(entry, "name is empty") }
            if let products = category.products, products.isEmpty { throw fail(entry, "products must name at least one condition") }
            guard parents.updateValue(category.parent, forKey: category.handle) == nil else { throw fail(entry, "handle \"\(category.handle)\" is listed twice") }
        }
        for (index, category) in categories.enumerated() {
            guard let parent = category.parent else { continue }
            guard parents[parent] != nil else { throw fail("categories.list[\(index)]", "parent \"\(parent)\" is not a listed category") }
            // Walking up from here must end at a root; coming back to this category is a cycle.
            var seen: Set<String> = [category.handle]
            var next: String? = parent
            while let current = next {
                guard seen.insert(current).inserted else { throw fail("categories.list[\(index)]", "parents form a cycle through \"\(current)\"") }
                next = parents[current] ?? nil
            }
        }
        for (type, parent) in productTypeParents.sorted(by: { $0.key < $1.key }) where parents[parent] == nil {
            throw fail("categories.product_type_parents.\(type)", "parent \"\(parent)\" is not a listed category")
        }
    }

    private struct FileForm: Decodable {
        struct Collections: Decodable {
            var onePerMerchant: Bool?
            var merchantTitles: [String: String]?
            var list: [Collection]?

            enum CodingKeys: String, CodingKey {
                case onePerMerchant = "one_per_merchant"
                case merchantTitles = "merchant_titles"
                case list
            }
        }

        struct Categories: Decodable {
            var fromProductTypes: Bool?
            var productTypeParents: [String: String]?
            var list: [Category]?

            enum CodingKeys: String, CodingKey {
                case fromProductTypes = "from_product_types"
                case productTypeParents = "product_type_parents"
                case list
            }
        }

        var collections: Collections?
        var categories: Categories?
    }
}

/// Handles made from names: "Outdoor Gear" → "outdoor-gear".
public enum CatalogSlug {
    public static func make(_ name: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "untitled" : slug
    }

    static func isValid(_ handle: String) -> Bool {
        !handle.isEmpty
            && handle.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "-_/".unicodeScalars.contains(scalar)
            }
    }
}
