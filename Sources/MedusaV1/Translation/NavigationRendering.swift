import Bridge
import Foundation
import MedusaAPI

/// `CatalogNavigation` → Medusa's collections, categories, tags and types. Ids are `StableID`s of the handle
/// (tags and types: of the value), so they are the same on every instance and lead back without a lookup table.
public enum NavigationRendering {
    /// What a product shows of its groups: `collection`, `type` and `tags`.
    public struct Grouping: Sendable, Hashable {
        public var collection: ProductCollection?
        public var type: ProductType?
        public var tags: [ProductTag]

        public static let none = Grouping(collection: nil, type: nil, tags: [])
    }

    public static func grouping(_ placement: CatalogPlacement, in navigation: CatalogNavigation, now: Date) -> Grouping {
        Grouping(
            collection: placement.collection.flatMap(navigation.collection(handle:)).map { collection($0, now: now) },
            type: placement.productType.map { type($0, now: now) }, tags: placement.tags.map { tag($0, now: now) })
    }

    public static func collection(_ collection: CatalogNavigation.Collection, now: Date) -> ProductCollection {
        ProductCollection(
            id: StableID.collection(handle: collection.handle).id, title: collection.title, handle: collection.handle,
            createdAt: now)
    }

    public static func tag(_ value: String, now: Date) -> ProductTag {
        ProductTag(id: StableID.productTag(value: value).id, value: value, createdAt: now)
    }

    public static func type(_ value: String, now: Date) -> ProductType {
        ProductType(id: StableID.productType(value: value).id, value: value, createdAt: now)
    }

    /// A category with its parent (one level) and its children: one level, or the whole subtree when
    /// `descendants` is set (Medusa's `include_descendants_tree`).
    public static func category(
        _ category: CatalogNavigation.Category, in navigation: CatalogNavigation, descendants: Bool, now: Date
    ) -> ProductCategory {
        let parent = category.parent.flatMap(navigation.category(handle:)).map { parent in
            node(parent, in: navigation, children: [], now: now)
        }
        return node(
            category, in: navigation,
            children: navigation.children(of: category.handle).map { child in
                descendants
                    ? Self.category(child, in: navigation, descendants: true, now: now)
                    : node(child, in: navigation, children: [], now: now)
            },
            parent: parent, now: now)
    }

    public static func categoryID(_ handle: String) -> String { StableID.category(handle: handle).id }

    private static func node(
        _ category: CatalogNavigation.Category, in navigation: CatalogNavigation, children: [ProductCategory],
        parent: ProductCategory? = nil, now: Date
    ) -> ProductCategory {
        ProductCategory(
            id: categoryID(category.handle), name: category.name, description: category.description,
            handle: category.handle, mpath: materializedPath(category, in: navigation), rank: category.rank,
            categoryChildren: children, parentCategoryID: category.parent.map(categoryID), parentCategory: parent,
            createdAt: now)
    }

    /// Medusa's `mpath`: the ids from the root down to the category, dot-separated.
    private static func materializedPath(_ category: CatalogNavigation.Category, in navigation: CatalogNavigation) -> String {
        var path = [categoryID(category.handle)]
        var next = category.parent
        while let handle = next, path.count <= navigation.categories.count {
            path.insert(categoryID(handle), at: 0)
            next = navigation.category(handle: handle)?.parent
        }
        return path.joined(separator: ".")
    }
}
