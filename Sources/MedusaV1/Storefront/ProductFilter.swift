import Foundation
import Bridge
import MedusaAPI

/// `GET /store/products`' filters, resolved once against the catalog's navigation. Every filter given must
/// hold; within one filter's list, any id matches (Medusa's `IN`).
struct ProductFilter {
    private let query: ProductQuery
    private let needle: String?
    private let collections: Set<String>?
    private let categories: Set<String>?
    private let tags: Set<String>?
    private let types: Set<String>?

    init(_ query: ProductQuery, navigation: CatalogNavigation) {
        self.query = query
        needle = query.q.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        collections = Self.handles(query.collectionIDs) { id in
            guard case .collection(let handle)? = StableID(id) else { return nil }
            return handle
        }
        categories = Self.handles(query.categoryIDs) { id in
            guard case .category(let handle)? = StableID(id) else { return nil }
            return handle
        }.map { handles in
            query.includeCategoryChildren ? handles.reduce(into: Set()) { $0.formUnion(navigation.subtree(of: $1)) } : handles
        }
        // Medusa filters tags by id; the Next.js starter's related products send tag values, so a value that is
        // not one of our tag ids is taken as the tag's value.
        tags = Self.handles(query.tagIDs) { id in
            guard case .productTag(let value)? = StableID(id) else { return id }
            return value
        }
        types = Self.handles(query.typeIDs) { id in
            guard case .productType(let value)? = StableID(id) else { return nil }
            return value
        }
    }

    func matches(_ entry: CatalogService.Entry, id: String) -> Bool {
        let product = entry.product
        let placement = entry.placement
        if query.isGiftcard == true { return false }
        if let handle = query.handle, product.handle != handle { return false }
        if !query.ids.isEmpty, !query.ids.contains(id) { return false }
        if let collections, !placement.collection.map(collections.contains).orFalse { return false }
        if let categories, !placement.categories.contains(where: categories.contains) { return false }
        if let tags, !placement.tags.contains(where: tags.contains) { return false }
        if let types, !placement.productType.map(types.contains).orFalse { return false }
        if let needle {
            let text = ([product.title, product.description ?? "", product.handle, placement.productType ?? ""] + placement.tags)
                .joined(separator: " ").lowercased()
            if !needle.split(separator: " ").allSatisfy({ text.contains($0) }) { return false }
        }
        return true
    }

    /// nil when the filter is not given; ids we did not make match nothing.
    private static func handles(_ ids: [String], _ handle: (String) -> String?) -> Set<String>? {
        ids.isEmpty ? nil : Set(ids.compactMap(handle))
    }
}

extension Optional where Wrapped == Bool {
    fileprivate var orFalse: Bool { self ?? false }
}
