@testable import MedusaV1
import Bridge
import Foundation
import MedusaAPI

/// A `StorefrontAPI` that records every call with its decoded arguments and answers with fixtures built
/// from those arguments (so a test can see that the answer was wrapped, not invented), or throws `failure`.
final class FakeStorefront: StorefrontAPI, @unchecked Sendable {
    enum Call: Hashable, Sendable {
        case regions
        case region(id: String)
        case products(ProductQuery)
        case product(id: String, pricing: PricingContext)
        case variants(VariantQuery)
        case variant(id: String, pricing: PricingContext)
        case search(StorePostSearchReq)
        case collections(handles: [String], page: PageRequest)
        case collection(id: String)
        case categories(CategoryQuery)
        case category(id: String, includeDescendantsTree: Bool)
        case productTags(LabelQuery)
        case productTypes(LabelQuery)
        case createCart(StorePostCartReq, ClientInfo)
        case cart(id: String)
        case updateCart(id: String, StorePostCartsCartReq)
        case addLineItem(cartID: String, StorePostCartsCartLineItemsReq)
        case updateLineItem(cartID: String, lineID: String, StorePostCartsCartLineItemsItemReq)
        case deleteLineItem(cartID: String, lineID: String)
        case deleteDiscount(cartID: String, code: String)
        case updateAddons(cartID: String, CartBridgeAddonsReq)
        case shippingOptions(cartID: String)
        case addShippingMethod(cartID: String, StorePostCartsCartShippingMethodReq)
        case createPaymentSessions(cartID: String)
        case selectPaymentSession(cartID: String, StorePostCartsCartPaymentSessionReq)
        case updatePaymentSession(cartID: String, providerID: String, StorePostCartsCartPaymentSessionUpdateReq)
        case refreshPaymentSession(cartID: String, providerID: String)
        case deletePaymentSession(cartID: String, providerID: String)
        case calculateTaxes(cartID: String)
        case complete(cartID: String)
        case order(id: String)
        case orderForCart(cartID: String)
        case orderLookup(displayID: Int, email: String)
    }

    /// The email for which the order lookup finds nothing.
    static let unknownEmail = "nobody@example.com"

    private let failure: MedusaError?
    /// Holds `cart(id:)` until the test opens it.
    private let gate: RequestGate?
    private let lock = NSLock()
    private var recorded: [Call] = []

    init(failing failure: MedusaError? = nil, gate: RequestGate? = nil) {
        self.failure = failure
        self.gate = gate
    }

    var calls: [Call] {
        lock.withLock { recorded }
    }

    private func record(_ call: Call) throws(MedusaError) {
        lock.withLock { recorded.append(call) }
        if let failure { throw failure }
    }

    func regions() -> [Region] {
        lock.withLock { recorded.append(.regions) }
        return ["reg_a", "reg_b", "reg_c"].map { StoreFixtures.region(id: $0) }
    }

    func region(id: String) throws(MedusaError) -> Region {
        try record(.region(id: id))
        return StoreFixtures.region(id: id)
    }

    func products(_ query: ProductQuery) async throws(MedusaError) -> (products: [PricedProduct], count: Int) {
        try record(.products(query))
        return ([StoreFixtures.product(id: "prod_1")], 42)
    }

    func product(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedProduct {
        try record(.product(id: id, pricing: pricing))
        return StoreFixtures.product(id: id)
    }

    func variants(_ query: VariantQuery) async throws(MedusaError) -> [PricedVariant] {
        try record(.variants(query))
        return query.ids.map(StoreFixtures.variant(id:))
    }

    func variant(id: String, pricing: PricingContext) async throws(MedusaError) -> PricedVariant {
        try record(.variant(id: id, pricing: pricing))
        return StoreFixtures.variant(id: id)
    }

    func searchProducts(_ body: StorePostSearchReq) async throws(MedusaError) -> [PricedProduct] {
        try record(.search(body))
        return [StoreFixtures.product(id: "prod_hit")]
    }

    func collections(handles: [String], page: PageRequest) async throws(MedusaError) -> StoreCollectionsListRes {
        try record(.collections(handles: handles, page: page))
        return StoreCollectionsListRes([], count: 0, offset: page.offset, limit: page.limit)
    }

    func collection(id: String) async throws(MedusaError) -> ProductCollection {
        try record(.collection(id: id))
        return ProductCollection(id: id, title: "Fixture", handle: "fixture", createdAt: StoreFixtures.createdAt)
    }

    func categories(_ query: CategoryQuery) async throws(MedusaError) -> StoreGetProductCategoriesRes {
        try record(.categories(query))
        return StoreGetProductCategoriesRes([], count: 0, offset: query.page.offset, limit: query.page.limit)
    }

    func category(id: String, includeDescendantsTree: Bool) async throws(MedusaError) -> ProductCategory {
        try record(.category(id: id, includeDescendantsTree: includeDescendantsTree))
        return ProductCategory(
            id: id, name: "Fixture", description: "", handle: "fixture", mpath: id, rank: 0, parentCategoryID: nil,
            createdAt: StoreFixtures.createdAt)
    }

    func productTags(_ query: LabelQuery) async throws(MedusaError) -> StoreProductTagsListRes {
        try record(.productTags(query))
        return StoreProductTagsListRes([], count: 0, offset: query.page.offset, limit: query.page.limit)
    }

    func productTypes(_ query: LabelQuery) async throws(MedusaError) -> StoreProductTypesListRes {
        try record(.productTypes(query))
        return StoreProductTypesListRes([], count: 0, offset: query.page.offset, limit: query.page.limit)
    }

    func createCart(_ body: StorePostCartReq, client: ClientInfo) async throws(MedusaError) -> Cart {
        try record(.createCart(body, client))
        return StoreFixtures.cart(id: "cart_new")
    }

    func cart(id: String) async throws(MedusaError) -> Cart {
        try record(.cart(id: id))
        await gate?.pass()
        return StoreFixtures.cart(id: id)
    }

    func updateCart(id: String, _ body: StorePostCartsCartReq, customer: CartCustomer?) async throws(MedusaError) -> Cart {
        try record(.updateCart(id: id, body))
        return StoreFixtures.cart(id: id)
    }

    func addLineItem(cartID: String, _ body: StorePostCartsCartLineItemsReq) async throws(MedusaError) -> Cart {
        try record(.addLineItem(cartID: cartID, body))
        return StoreFixtures.cart(id: cartID)
    }

    func updateLineItem(
        cartID: String, lineID: String, _ body: StorePostCartsCartLineItemsItemReq
    )
        async throws(MedusaError) -> Cart
    {
        try record(.updateLineItem(cartID: cartID, lineID: lineID, body))
        return StoreFixtures.cart(id: cartID)
    }

    func deleteLineItem(cartID: String, lineID: String) async throws(MedusaError) -> Cart {
        try record(.deleteLineItem(cartID: cartID, lineID: lineID))
        return StoreFixtures.cart(id: cartID)
    }

    func deleteDiscount(cartID: String, code: String) async throws(MedusaError) -> Cart {
        try record(.deleteDiscount(cartID: cartID, code: code))
        return StoreFixtures.cart(id: cartID)
    }

    func updateAddons(cartID: String, _ body: CartBridgeAddonsReq) async throws(MedusaError) -> Cart {
        try record(.updateAddons(cartID: cartID, body))
        return StoreFixtures.cart(id: cartID)
    }

    func shippingOptions(cartID: String) async throws(MedusaError) -> [PricedShippingOption] {
        try record(.shippingOptions(cartID: cartID))
        return [StoreFixtures.shippingOption(id: "so_1"), StoreFixtures.shippingOption(id: "so_2")]
    }

    func addShippingMethod(
        cartID: String, _ body: StorePostCartsCartShippingMethodReq
    ) async throws(MedusaError)
        -> Cart
    {
        try record(.addShippingMethod(cartID: cartID, body))
        return StoreFixtures.cart(id: cartID)
    }

    func createPaymentSessions(cartID: String) async throws(MedusaError) -> Cart {
        try record(.createPaymentSessions(cartID: cartID))
        return StoreFixtures.cart(id: cartID)
    }

    func selectPaymentSession(
        cartID: String, _ body: StorePostCartsCartPaymentSessionReq
    ) async throws(MedusaError)
        -> Cart
    {
        try record(.selectPaymentSession(cartID: cartID, body))
        return StoreFixtures.cart(id: cartID)
    }

    func updatePaymentSession(
        cartID: String, providerID: String, _ body: StorePostCartsCartPaymentSessionUpdateReq
    ) async throws(MedusaError) -> Cart {
        try record(.updatePaymentSession(cartID: cartID, providerID: providerID, body))
        return StoreFixtures.cart(id: cartID)
    }

    func refreshPaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart {
        try record(.refreshPaymentSession(cartID: cartID, providerID: providerID))
        return StoreFixtures.cart(id: cartID)
    }

    func deletePaymentSession(cartID: String, providerID: String) async throws(MedusaError) -> Cart {
        try record(.deletePaymentSession(cartID: cartID, providerID: providerID))
        return StoreFixtures.cart(id: cartID)
    }

    func calculateTaxes(cartID: String) async throws(MedusaError) -> Cart {
        try record(.calculateTaxes(cartID: cartID))
        return StoreFixtures.cart(id: cartID)
    }

    func complete(cartID: String) async throws(MedusaError) -> StoreCompleteCartRes {
        try record(.complete(cartID: cartID))
        // As the checkout service does.
        CheckoutMetrics.completion(outcome: "placed")
        return .order(StoreFixtures.order(cartID: cartID))
    }

    func order(id: String) async throws(MedusaError) -> Order {
        try record(.order(id: id))
        return StoreFixtures.order(id: id)
    }

    func order(cartID: String) async throws(MedusaError) -> Order {
        try record(.orderForCart(cartID: cartID))
        return StoreFixtures.order(cartID: cartID)
    }

    func order(displayID: Int, email: String) async throws(MedusaError) -> Order? {
        try record(.orderLookup(displayID: displayID, email: email))
        return email == Self.unknownEmail ? nil : StoreFixtures.order(displayID: displayID)
    }
}
