import Foundation

/// The OAS `ProductCategory`: a node of the category tree, with its children and, for the category asked for,
/// its parent.
public struct ProductCategory: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var handle: String
    @Nullable public var mpath: String?
    public var isInternal: Bool
    public var isActive: Bool
    public var rank: Int
    public var categoryChildren: [ProductCategory]
    @Nullable public var parentCategoryID: String?
    /// A category cannot hold an optional of itself; the box gives the recursion its indirection.
    public var parentCategory: ParentCategory
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, name: String, description: String, handle: String, mpath: String?, rank: Int,
        categoryChildren: [ProductCategory] = [], parentCategoryID: String?, parentCategory: ProductCategory? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.handle = handle
        self.mpath = mpath
        self.isInternal = false
        self.isActive = true
        self.rank = rank
        self.categoryChildren = categoryChildren
        self.parentCategoryID = parentCategoryID
        self.parentCategory = ParentCategory(parentCategory)
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.metadata = nil
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, handle, mpath
        case isInternal = "is_internal"
        case isActive = "is_active"
        case rank
        case categoryChildren = "category_children"
        case parentCategoryID = "parent_category_id"
        case parentCategory = "parent_category"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case metadata
    }

    /// `parent_category`: a category or null.
    public struct ParentCategory: Codable, Hashable, Sendable {
        private let boxed: [ProductCategory]

        public init(_ category: ProductCategory?) { boxed = category.map { [$0] } ?? [] }

        public var category: ProductCategory? { boxed.first }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            boxed = container.decodeNil() ? [] : [try container.decode(ProductCategory.self)]
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let category { try container.encode(category) } else { try container.encodeNil() }
        }
    }
}
