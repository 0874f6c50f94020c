import Foundation

/// A sales channel (`sc_...`).
public struct SalesChannel: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    @Nullable public var description: String?
    public var isDisabled: Bool
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, name: String, description: String? = nil, isDisabled: Bool = false,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.isDisabled = isDisabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case description
        case isDisabled = "is_disabled"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}
