import BoundedCache
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// The Medusa v1 Store API over the checkout core: each call turns Medusa's request into a core command,
/// renders the bridge cart, order or outcome the core answers in Medusa's shapes, and turns every core error
/// into Medusa's envelope (`MedusaErrorMapping`, through `mappings/`).
public struct MedusaV1Storefront: StorefrontAPI {
    let core: CheckoutService
    let regionList: [Region]
    let errors: ErrorCodeTable
    let catalogInfoCache = CatalogInfoCache()
    /// The encoded `{cart}` answers of recent carts, with what they were rendered from.
    let renderedCarts = BoundedCache<String, RenderedCart>(capacity: 128)

    /// `regions` are the Medusa regions the core's `SalesRegion`s were made from (`RegionCatalog`).
    public init(core: CheckoutService, regions: [Region], errors: ErrorCodeTable) {
        self.core = core
        self.regionList = regions
        self.errors = errors
    }

    /// Runs core work, answering its failure in Medusa's words.
    func medusa<T>(_ work: () async throws(CheckoutError) -> T) async throws(MedusaError) -> T {
        do {
            return try await work()
        } catch {
            throw MedusaErrorMapping.medusaError(for: error, table: errors)
        }
    }

    // MARK: Regions

    public func regions() -> [Region] { regionList }

    public func region(id: String) throws(MedusaError) -> Region {
        guard let region = regionList.first(where: { $0.id == id }) else {
            throw MedusaError.notFound("Region with \(id) was not found")
        }
        return region
    }

    // MARK: Carts

    public func createCart(_ body: StorePostCartReq, client: ClientInfo) async throws(MedusaError) -> Cart {
        let command = NewCart(
            regionID: body.regionID, countryCode: body.countryCode, salesChannelID: body.salesChannelID,
            context: body.context ?? [:], items: (body.items ?? []).map { ($0.variantID, $0.quantity) },
            clientIP: client.ip, userAgent: client.userAgent, customer: client.customer)
        return try await render(try await medusa { () async throws(CheckoutError) in try await core.createCart(command) })
    }

    public func cart(id: String) async throws(MedusaError) -> Cart {
        try await render(try await medusa { () async throws(CheckoutError) in try await core.cart(id: id) }.cart)
    }

    /// `GET /store/carts/{id}` as sent: the bytes rendered for this stored version when nothing they depend on
    /// changed (see `RenderedCart`), else rendered and kept.
    public func encodedCart(id: String) async throws(MedusaError) -> Data {
        let read = try await medusa { () async throws(CheckoutError) in try await core.cart(id: id) }
        let source = RenderedCart.Source(
            version: read.version, cardKeyID: core.currentCardKey?.kid,
            catalogGeneration: await core.catalogService.generation)
        if let rendered = renderedCarts[id], rendered.source == source { return rendered.body }
        let body = try Self.encoded(StoreCartsRes(cart: try await render(read.cart)))
        renderedCarts.set(RenderedCart(source: source, body: body), for: id)
        return body
    }

    public func updateCart(id: String, _ body: StorePostCartsCartReq, customer: CartCustomer?) async throws(MedusaError)
        -> Cart
    {
        // No gift card exists here, so every code is unknown: Medusa's answer for one (the Next.js starter tries a
        // code the discounts refused as a gift card, and shows this).
        if let code = body.giftCards?.first {
            throw MedusaError.notFound("Gift card with code: \(code.code) was not found")
        }
        // A cart belongs to whoever is logged in; a body cannot give it to someone else.
        if let requested = body.customerID, requested != customer?.id {
            throw MedusaError.notAllowed("customer_id must be the logged-in customer's")
        }
        var changes = CartChanges()
        changes.regionID = body.regionID
        changes.email = body.email
        changes.salesChannelID = body.salesChannelID
        changes.context = body.context
        changes.countryCode = body.countryCode
        changes.shippingAddress = body.shippingAddress.map(Self.addressChange)
        // Medusa ignores a null billing address.
        if let billing = body.billingAddress, case .set = billing { changes.billingAddress = Self.addressChange(billing) }
        changes.discountCodes = body.discounts?.map(\.code)
        changes.customer = customer
        let command = changes
        return try await render(try await medusa { () async throws(CheckoutError) in try await core.updateCart(id: id, command) })
    }

    /// Medusa's address field (an id, an object of fields each set, nulled or absent, or null) as a core change.
    static func addressChange(_ update: FieldUpdate<AddressInput>) -> AddressChange {
        switch update {
        case .clear: .clear
        case .set(.id(let id)): .storedAddress(id: id)
        case .set(.payload(let payload)): .edit(applying(payload))
        }
    }

    /// A payload applied to an address: each field set, nulled or (absent) kept, as Medusa merges it.
    static func applying(_ payload: AddressPayload) -> @Sendable (inout BridgeAddress) -> Void {
        { address in
            address.firstName = payload.firstName.applied(to: address.firstName)
            address.lastName = payload.lastName.applied(to: address.lastName)
            address.phone = payload.phone.applied(to: address.phone)
            address.company = payload.company.applied(to: address.company)
            address.address1 = payload.address1.applied(to: address.address1)
            address.address2 = payload.address2.applied(to: address.address2)
            address.city = payload.city.applied(to: address.city)
            address.countryCode = payload.countryCode.applied(to: address.countryCode)
            address.province = payload.province.applied(to: address.province)
            address.postalCode = payload.postalCode.applied(to: address.postalCode)
            if let metadata = payload.metadata { address.metadata = metadata }
        }
    }

    public func addLineItem(cartID: String, _ body: StorePostCartsCartLineItemsReq) async throws(MedusaError) -> Cart {
        try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.addLineItem(cartID: cartID, variantID: body.variantID, quantity: body.quantity)
            })
    }

    public func updateLineItem(cartID: String, lineID: String, _ body: StorePostCartsCartLineItemsItemReq)
        async throws(MedusaError) -> Cart
    {
        try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.updateLineItem(cartID: cartID, lineID: lineID, quantity: body.quantity)
            })
    }

    public func deleteLineItem(cartID: String, lineID: String) async throws(MedusaError) -> Cart {
        try await render(
            try await medusa { () async throws(CheckoutError) in try await core.deleteLineItem(cartID: cartID, lineID: lineID) })
    }

    public func deleteDiscount(cartID: String, code: String) async throws(MedusaError) -> Cart {
        try await render(
            try await medusa { () async throws(CheckoutError) in try await core.deleteDiscount(cartID: cartID, code: code) })
    }

    public func updateAddons(cartID: String, _ body: CartBridgeAddonsReq) async throws(MedusaError) -> Cart {
        let changes = AddonChanges(
            select: body.select.map { .init(addonID: $0.addonID, lineIDs: $0.lineItemIDs ?? []) },
            deselect: body.deselect.map { .init(addonID: $0.addonID, lineID: $0.lineItemID) })
        return try await render(
            try await medusa { () async throws(CheckoutError) in try await core.updateAddons(cartID: cartID, changes) })
    }

    // MARK: Shipping

    public func shippingOptions(cartID: String) async throws(MedusaError) -> [PricedShippingOption] {
        let cart = try await medusa { () async throws(CheckoutError) in try await core.storedCart(id: cartID) }
        return ShippingOptionTranslation.options(for: cart, region: try region(id: cart.regionID))
    }

    public func addShippingMethod(cartID: String, _ body: StorePostCartsCartShippingMethodReq)
        async throws(MedusaError) -> Cart
    {
        try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.addShippingMethod(cartID: cartID, optionID: body.optionID, data: body.data)
            })
    }

    // MARK: Payment

    public func createPaymentSessions(cartID: String) async throws(MedusaError) -> Cart {
        try await render(try await medusa { () async throws(CheckoutError) in try await core.createPaymentSessions(cartID: cartID) })
    }

    public func selectPaymentSession(cartID: String, _ body: StorePostCartsCartPaymentSessionReq)
        async throws(MedusaError) -> Cart
    {
        try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.selectPaymentSession(cartID: cartID, providerID: body.providerID)
            })
    }

    /// The card arrives as `data.encrypted_card`, a JWE for our key, with `data.captcha_token` for a merchant
    /// that asks for one; nothing else may be in `data`.
    public func updatePaymentSession(
        cartID: String, providerID: String, _ body: StorePostCartsCartPaymentSessionUpdateReq
    ) async throws(MedusaError) -> Cart {
        guard case .string(let jwe)? = body.data["encrypted_card"], !jwe.isEmpty else {
            throw MedusaError.invalidData("data.encrypted_card must be a JWE string")
        }
        var captchaToken: String?
        switch body.data["captcha_token"] {
        case nil, .null?: break
        case .string(let token)? where !token.isEmpty && token.utf8.count <= Self.maxCaptchaTokenBytes: captchaToken = token
        default:
            throw MedusaError.invalidData("data.captcha_token must be a string of 1 to \(Self.maxCaptchaTokenBytes) bytes")
        }
        let unknown = body.data.keys.filter { $0 != "encrypted_card" && $0 != "captcha_token" }.sorted()
        guard unknown.isEmpty else {
            throw MedusaError.invalidData(unknown.map { "property data.\($0) should not exist" }.joined(separator: ", "))
        }
        return try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.setCard(cartID: cartID, providerID: providerID, encryptedCard: jwe, captchaToken: captchaToken)
            })
    }

    /// reCAPTCHA tokens are about 2 KB; a larger value is not one.
    static let maxCaptchaTokenBytes = 8192

    public func refreshPaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart {
        try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.refreshPaymentSession(cartID: cartID, providerID: providerID)
            })
    }

    public func deletePaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart {
        try await render(
            try await medusa { () async throws(CheckoutError) in
                try await core.deletePaymentSession(cartID: cartID, providerID: providerID)
            })
    }

    public func calculateTaxes(cartID: String) async throws(MedusaError) -> Cart {
        try await render(try await medusa { () async throws(CheckoutError) in try await core.calculateTaxes(cartID: cartID) })
    }

    // MARK: Completion and orders

    public func complete(cartID: String) async throws(MedusaError) -> StoreCompleteCartRes {
        switch try await medusa({ () async throws(CheckoutError) in try await core.complete(cartID: cartID) }) {
        case .placed(let order):
            return .order(try await render(order))
        case .partiallyPlaced(let cart, let reason):
            var rendered = try await render(cart)
            rendered.metadata = rendered.metadata.map { metadata in
                metadata.merging(["cartbridge_error": .string(MedusaErrorMapping.medusaError(for: reason, table: errors).message)]) { _, new in new }
            }
            return .cart(rendered, paymentStatus: .requiresMore)
        }
    }

    public func order(id: String) async throws(MedusaError) -> Order {
        guard let order = try await medusa({ () async throws(CheckoutError) in try await core.order(id: id) }) else {
            throw MedusaError.notFound("Order with \(id) was not found")
        }
        return try await render(order)
    }

    public func order(cartID: String) async throws(MedusaError) -> Order {
        guard let order = try await medusa({ () async throws(CheckoutError) in try await core.order(cartID: cartID) }) else {
            throw MedusaError.notFound("Order with cart id \(cartID) was not found")
        }
        return try await render(order)
    }

    public func order(displayID: Int, email: String) async throws(MedusaError) -> Order? {
        guard
            let order = try await medusa({ () async throws(CheckoutError) in
                try await core.order(displayID: displayID, email: email)
            })
        else { return nil }
        return try await render(order)
    }

    // MARK: Rendering

    func render(_ cart: BridgeCart) async throws(MedusaError) -> Cart {
        CartRendering.render(
            cart, region: try region(id: cart.regionID), catalog: await catalogInfo(for: cart), pinned: core.pinnedIDs,
            paymentSessionData: paymentSessionData)
    }

    func render(_ order: PlacedOrder) async throws(MedusaError) -> Order {
        OrderRendering.order(
            id: order.id, displayID: order.displayID, cart: order.cart, customerID: order.customerID,
            region: try region(id: order.cart.regionID),
            catalog: await catalogInfo(for: order.cart), pinned: core.pinnedIDs, createdAt: order.createdAt)
    }

    /// Product facts for the cart's items (`items[].variant.product`), from the catalog cache only.
    func catalogInfo(for cart: BridgeCart) async -> [String: CatalogVariantInfo] {
        var info: [String: CatalogVariantInfo] = [:]
        for merchant in cart.merchants {
            let lines = merchant.placedOrder?.cart.lineItems ?? merchant.snapshot?.lineItems ?? []
            for line in lines {
                guard let sku = line.sku ?? line.variantID,
                    let (entry, _) = await core.catalogService.cachedVariant(domain: merchant.domain, sku: sku)
                else { continue }
                let entries = catalogInfoCache.entries(for: entry) {
                    CatalogVariantInfo.entries(
                        for: ProductTranslation.pricedProduct(
                            entry.product, domain: entry.domain, pinned: core.pinnedIDs, region: nil, now: cart.createdAt))
                }
                info.merge(entries) { first, _ in first }
            }
        }
        return info
    }

    /// Session data for the storefront: our current public key to encrypt the card with, and the masked card
    /// once set. Without a key (none loaded yet) the session carries no key, and a card cannot be added.
    @Sendable func paymentSessionData(_ payment: PaymentState) -> JSONObject {
        PaymentSessionTranslation.data(publicKey: core.currentCardKey, card: payment.card)
    }
}

/// A cart's encoded `{cart}` answer and what it was rendered from: the stored version of the cart, the card key
/// published in its payment session and the catalog load its product facts came from. A read whose merchant
/// answered what is stored is the same version, so its answer is these bytes again.
struct RenderedCart: Sendable {
    struct Source: Hashable, Sendable {
        var version: Int
        var cardKeyID: String?
        var catalogGeneration: Int
    }

    var source: Source
    var body: Data
}

extension SalesRegion {
    /// The core's view of a Medusa region.
    public init(_ region: Region) {
        self.init(
            id: region.id, currencyCode: region.currencyCode, countryCodes: region.countries.map(\.iso2),
            paymentProviderIDs: region.paymentProviders.map(\.id))
    }
}
