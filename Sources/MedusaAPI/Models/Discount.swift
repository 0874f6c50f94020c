import Foundation

/// A discount code applied to a cart (`disc_...`), always with its rule.
public struct Discount: Codable, Hashable, Sendable {
    public var id: String
    public var code: String
    public var isDynamic: Bool
    @Nullable public var ruleID: String?
    public var rule: DiscountRule
    public var isDisabled: Bool
    @Nullable public var parentDiscountID: String?
    public var startsAt: Date
    @Nullable public var endsAt: Date?
    /// ISO-8601 duration for dynamic codes.
    @Nullable public var validDuration: String?
    @Nullable public var usageLimit: Int?
    public var usageCount: Int
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String,
        code: String,
        rule: DiscountRule,
        isDynamic: Bool = false,
        isDisabled: Bool = false,
        startsAt: Date,
        endsAt: Date? = nil,
        usageLimit: Int? = nil,
        usageCount: Int = 0,
        metadata: JSONObject? = nil,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.code = code
        self.isDynamic = isDynamic
        self.ruleID = rule.id
        self.rule = rule
        self.isDisabled = isDisabled
        self.parentDiscountID = nil
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.validDuration = nil
        self.usageLimit = usageLimit
        self.usageCount = usageCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case code
        case isDynamic = "is_dynamic"
        case ruleID = "rule_id"
        case rule
        case isDisabled = "is_disabled"
        case parentDiscountID = "parent_discount_id"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case validDuration = "valid_duration"
        case usageLimit = "usage_limit"
        case usageCount = "usage_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}

/// What a discount takes off, and from what.
public struct DiscountRule: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case fixed
        case percentage
        case freeShipping = "free_shipping"
    }

    public enum Allocation: String, Codable, Hashable, Sendable {
        case total
        case item
    }

    public var id: String
    public var type: Kind
    @Nullable public var description: String?
    /// Minor units for `fixed`, percent for `percentage`, unused for `free_shipping`.
    public var value: Int
    @Nullable public var allocation: Allocation?
    public var createdAt: Date
    public var updatedAt: Date
    @Nullable public var deletedAt: Date?
    @Nullable public var metadata: JSONObject?

    public init(
        id: String, type: Kind, description: String? = nil, value: Int, allocation: Allocation?,
        metadata: JSONObject? = nil, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.type = type
        self.description = description
        self.value = value
        self.allocation = allocation
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.deletedAt = nil
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id
        case type
        case description
        case value
        case allocation
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case metadata
    }
}
