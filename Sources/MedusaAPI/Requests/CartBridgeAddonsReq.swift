/// `POST /store/carts/{id}/addons`: CartBridge's extension to select and deselect merchant addons
/// (warranties, gift wrap...), which appear in the cart as custom line items.
public struct CartBridgeAddonsReq: MedusaRequestBody, Hashable {
    public struct Selection: MedusaRequestBody, Hashable {
        public var addonID: String
        /// The lines the addon covers; `nil` lets the merchant decide.
        public var lineItemIDs: [String]?

        public init(addonID: String, lineItemIDs: [String]? = nil) {
            self.addonID = addonID
            self.lineItemIDs = lineItemIDs
        }

        public init(fields: inout MedusaRequestFields) {
            addonID = fields.requiredString("addon_id", notEmpty: true)
            lineItemIDs = fields.optionalStringArray("line_item_ids")
        }
    }

    public struct Deselection: MedusaRequestBody, Hashable {
        public var addonID: String
        /// The line to remove the addon from; `nil` removes it everywhere.
        public var lineItemID: String?

        public init(addonID: String, lineItemID: String? = nil) {
            self.addonID = addonID
            self.lineItemID = lineItemID
        }

        public init(fields: inout MedusaRequestFields) {
            addonID = fields.requiredString("addon_id", notEmpty: true)
            lineItemID = fields.optionalString("line_item_id")
        }
    }

    public var select: [Selection]
    public var deselect: [Deselection]

    public init(select: [Selection] = [], deselect: [Deselection] = []) {
        self.select = select
        self.deselect = deselect
    }

    public init(fields: inout MedusaRequestFields) {
        select = fields.optionalNestedArray("select", of: Selection.self) ?? []
        deselect = fields.optionalNestedArray("deselect", of: Deselection.self) ?? []
    }
}
