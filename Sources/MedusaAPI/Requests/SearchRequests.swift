/// `POST /store/products/search`
public struct StorePostSearchReq: MedusaRequestBody, Hashable {
    public var q: String?
    public var offset: Int?
    public var limit: Int?

    public init(q: String?, offset: Int? = nil, limit: Int? = nil) {
        self.q = q
        self.offset = offset
        self.limit = limit
    }

    public init(fields: inout MedusaRequestFields) {
        q = fields.optionalString("q")
        offset = fields.optionalInteger("offset")
        limit = fields.optionalInteger("limit")
        // A search plugin's own filter syntax: accepted, and ignored by CartBridge's built-in search.
        _ = fields.optionalValue("filter")
    }
}
