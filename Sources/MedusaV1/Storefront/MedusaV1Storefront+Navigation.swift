import Bridge
import Foundation
import MedusaAPI

extension MedusaV1Storefront {
    public func collections(handles: [String], page: PageRequest) async throws(MedusaError) -> StoreCollectionsListRes {
        let navigation = try await catalogSnapshot().navigation
        let matching = navigation.collections.filter { handles.isEmpty || handles.contains($0.handle) }
        let now = core.clock()
        return StoreCollectionsListRes(
            page.slice(matching).map { NavigationRendering.collection($0, now: now) }, count: matching.count,
            offset: page.offset, limit: page.limit)
    }

    public func collection(id: String) async throws(MedusaError) -> ProductCollection {
        let navigation = try await catalogSnapshot().navigation
        guard case .collection(let handle)? = StableID(id), let found = navigation.collection(handle: handle) else {
            throw MedusaError.notFound("Product collection with id: \(id) was not found")
        }
        return NavigationRendering.collection(found, now: core.clock())
    }

    public func categories(_ query: CategoryQuery) async throws(MedusaError) -> StoreGetProductCategoriesRes {
        let navigation = try await catalogSnapshot().navigation
        let needle = query.q?.lowercased()
        let matching = navigation.categories.filter { category in
            if let handle = query.handle, category.handle != handle { return false }
            switch query.parent {
            case nil: break
            case .root?: if category.parent != nil { return false }
            case .id(let id)?: if category.parent.map(NavigationRendering.categoryID) != id { return false }
            }
            if let needle, !needle.isEmpty,
                !category.name.lowercased().contains(needle), !category.handle.contains(needle)
            {
                return false
            }
            return true
        }
        let now = core.clock()
        return StoreGetProductCategoriesRes(
            query.page.slice(matching).map {
                NavigationRendering.category($0, in: navigation, descendants: query.includeDescendantsTree, now: now)
            }, count: matching.count, offset: query.page.offset, limit: query.page.limit)
    }

    public func category(id: String, includeDescendantsTree: Bool) async throws(MedusaError) -> ProductCategory {
        let navigation = try await catalogSnapshot().navigation
        guard case .category(let handle)? = StableID(id), let found = navigation.category(handle: handle) else {
            throw MedusaError.notFound("ProductCategory with id: \(id), is_internal: false, is_active: true was not found")
        }
        return NavigationRendering.category(found, in: navigation, descendants: includeDescendantsTree, now: core.clock())
    }

    public func productTags(_ query: LabelQuery) async throws(MedusaError) -> StoreProductTagsListRes {
        try await labelPage(query, values: \.tags, id: { StableID.productTag(value: $0).id }, render: NavigationRendering.tag)
    }

    public func productTypes(_ query: LabelQuery) async throws(MedusaError) -> StoreProductTypesListRes {
        try await labelPage(
            query, values: \.productTypes, id: { StableID.productType(value: $0).id }, render: NavigationRendering.type)
    }

    /// Tags and types alike: the navigation's values that match, as a page of labels.
    private func labelPage<Key: PagedListKey>(
        _ query: LabelQuery, values: KeyPath<CatalogNavigation, [String]>, id: (String) -> String,
        render: (String, Date) -> ProductLabel
    ) async throws(MedusaError) -> StorePagedList<Key, ProductLabel> {
        let matching = Self.labels(try await catalogSnapshot().navigation[keyPath: values], query, id: id)
        let now = core.clock()
        return StorePagedList(
            query.page.slice(matching).map { render($0, now) }, count: matching.count, offset: query.page.offset,
            limit: query.page.limit)
    }

    private static func labels(_ values: [String], _ query: LabelQuery, id: (String) -> String) -> [String] {
        let needle = query.q?.lowercased()
        return values.filter { value in
            (query.ids.isEmpty || query.ids.contains(id(value))) && (query.values.isEmpty || query.values.contains(value))
                && (needle.map { $0.isEmpty || value.lowercased().contains($0) } ?? true)
        }
    }
}
