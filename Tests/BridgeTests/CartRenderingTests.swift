@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@Suite("Cart rendering")
struct CartRenderingTests {
    static func render(_ cart: BridgeCart, catalog: [String: CatalogVariantInfo] = [:]) -> Cart {
        CartRendering.render(
            cart, region: Fixture.region, catalog: catalog, pinned: PinnedIDs(),
            paymentSessionData: { payment in ["session": .string(payment.sessionID)] })
    }

    static func oneMerchant(codes: [String] = ["SAVE10"]) -> BridgeCart {
        Fixture.bridgeCart([(TwoMerchants.lumaDomain, TwoMerchants.luma)], codes: codes)
    }

    static func twoMerchants() -> BridgeCart {
        Fixture.bridgeCart(
            [(TwoMerchants.lumaDomain, TwoMerchants.luma), (TwoMerchants.gardenDomain, TwoMerchants.garden)],
            codes: ["SAVE10", "GARDEN5", "BOGUS"])
    }

    /// Medusa's own formula, from `CartService.decorateTotals`.
    static func expectMedusaFormula(_ cart: Cart) {
        #expect(cart.taxTotal == cart.itemTaxTotal + cart.shippingTaxTotal)
        #expect(
            cart.total
                == cart.subtotal + cart.shippingTotal + cart.taxTotal
                - (cart.giftCardTotal + cart.discountTotal + cart.giftCardTaxTotal))
        #expect(cart.subtotal == cart.items.reduce(0) { $0 + $1.subtotal })
        #expect(cart.shippingTotal == cart.shippingMethods.reduce(0) { $0 + $1.subtotal })
    }

    static func merchantTotal(_ carts: [FullCartCart]) -> Int {
        carts.reduce(0) { $0 + ($1.total?.minorUnits ?? 0) }
    }

    // MARK: One merchant

    @Test func merchantLinesBecomeVariantLines() throws {
        let cart = Self.render(Self.oneMerchant())
        let hoodie = try #require(cart.items.first)
        #expect(hoodie.id == StableID.lineItem(domain: "luma.example", lineItemID: "item-hoodie").id)
        #expect(hoodie.variantID == StableID.variant(domain: "luma.example", sku: "MH07-XS-Gray").id)
        #expect(hoodie.title == "Hero Hoodie")
        #expect(hoodie.description == "Gray / XS")
        #expect(hoodie.thumbnail == "https://img.example/MH07-XS-Gray.jpg")
        #expect(hoodie.unitPrice == 5400)
        #expect(hoodie.quantity == 2)
        #expect(hoodie.subtotal == 10800 && hoodie.total == 10800)
        #expect(hoodie.shouldMerge)
        #expect(hoodie.hasShipping == false)
        #expect(hoodie.cartID == "cart_01TEST")
        #expect(
            hoodie.metadata?["cartbridge"]
                == ["domain": "luma.example", "merchant_line_item_id": "item-hoodie"])
    }

    @Test func catalogInfoFillsTheNestedVariantAndProduct() throws {
        let variantID = StableID.variant(domain: "luma.example", sku: "MH07-XS-Gray").id
        let info = CatalogVariantInfo(
            productID: "prod_hoodie", productTitle: "Hero Hoodie", productHandle: "hero-hoodie",
            thumbnail: "https://img.example/thumb.jpg", variantTitle: "Gray / XS", inventoryQuantity: 100)
        let cart = Self.render(Self.oneMerchant(), catalog: [variantID: info])
        let known = try #require(cart.items.first)
        #expect(known.productID == "prod_hoodie")
        #expect(known.variant?.product?.handle == "hero-hoodie")
        #expect(known.variant?.title == "Gray / XS")
        #expect(known.variant?.inventoryQuantity == 100)
        // A line the catalog does not know still renders, from the line itself.
        let unknown = cart.items[1]
        #expect(unknown.productID == nil)
        #expect(unknown.variant?.title == "Blue / M")
        #expect(unknown.variant?.sku == "MS10-M-Blue")
        #expect(unknown.variant?.product?.title == "Logo Tee")
        #expect(unknown.variant?.prices.map(\.amount) == [2900])
    }

    static func addonLines(_ cart: Cart) -> [LineItem] {
        cart.items.filter { $0.metadata?["cartbridge"]?["addon"] == true }
    }

    @Test func selectedAddonsAreLinesThatAddUp() throws {
        let cart = Self.render(Self.oneMerchant())
        let addons = Self.addonLines(cart)
        #expect(addons.map(\.title) == ["Shipping Protection", "Extended Warranty", "Extended Warranty"])
        #expect(addons.map(\.unitPrice) == [299, 1000, 300])
        #expect(addons.allSatisfy { $0.quantity == 1 })
        #expect(
            addons.map(\.id) == [
                StableID.addonLine(domain: "luma.example", addonID: "shipping_protection", lineItemID: nil).id,
                StableID.addonLine(domain: "luma.example", addonID: "extended_warranty", lineItemID: "item-hoodie").id,
                StableID.addonLine(domain: "luma.example", addonID: "extended_warranty", lineItemID: "item-tee").id,
            ])
        #expect(addons[1].description == "For Hero Hoodie")
        #expect(addons[1].metadata?["cartbridge"]?["addon"] == true)
        #expect(addons[1].metadata?["cartbridge"]?["addon_id"] == "extended_warranty")
        #expect(addons.reduce(0) { $0 + $1.subtotal } == TwoMerchants.luma.addonTotal?.minorUnits)
        #expect(cart.subtotal == 13700 + 1599)
    }

    /// Storefronts read `variant.product_id` and `variant.product.handle` on every line (the Next.js starter's cart
    /// enrichment and links): an addon line has a variant and product of its own, outside the catalog.
    @Test func addonLinesCarryAVariantAndProductOfTheirOwn() throws {
        let cart = Self.render(Self.oneMerchant())
        let addons = Self.addonLines(cart)
        let warranty = try #require(addons.dropFirst().first?.variant)
        #expect(warranty.id == StableID.addonVariant(domain: "luma.example", addonID: "extended_warranty").id)
        #expect(warranty.productID == StableID.addonProduct(domain: "luma.example", addonID: "extended_warranty").id)
        #expect(addons[1].variantID == warranty.id && addons[1].productID == warranty.productID)
        #expect(warranty.product?.id == warranty.productID)
        // The covered line's product: a link from the addon leads to what it is for.
        #expect(warranty.product?.handle == cart.items.first { $0.title == "Hero Hoodie" }?.variant?.product?.handle)
        #expect(warranty.prices.map(\.amount) == [1000])
        #expect(warranty.manageInventory == false)
        // A cart-scope addon covers no line: its product has no handle.
        #expect(addons[0].variant?.product?.handle == nil)
        #expect(addons[0].variant?.product?.title == "Shipping Protection")
    }

    @Test func anAddonShareThatDoesNotAddUpIsBalancedOnTheLastLine() {
        var luma = TwoMerchants.luma
        luma.addons.selections[1].price = Fixture.usd(1333)
        let cart = Self.render(Fixture.bridgeCart([(TwoMerchants.lumaDomain, luma)]))
        #expect(Self.addonLines(cart).map(\.unitPrice) == [299, 1000, 333])
    }

    @Test func totalsFollowMedusasFormulaAndExcludeShippingUntilChosen() {
        let cart = Self.render(Self.oneMerchant())
        Self.expectMedusaFormula(cart)
        #expect(cart.shippingMethods.isEmpty)
        #expect(cart.shippingTotal == 0)
        #expect(cart.discountTotal == 1370)
        #expect(cart.itemTaxTotal == 1114 && cart.shippingTaxTotal == 0)
        #expect(cart.giftCardTotal == 0 && cart.giftCardTaxTotal == 0)
        #expect(cart.total == 15542 - 499)
    }

    @Test func aChosenMethodIsPricedFromTheMerchantsOptions() throws {
        var bridge = Self.oneMerchant()
        Fixture.choose(&bridge, domain: "luma.example", shipment: "ship-luma", method: "EXPRESS")
        let cart = Self.render(bridge)
        let method = try #require(cart.shippingMethods.first)
        #expect(cart.shippingMethods.count == 1)
        #expect(
            method.id
                == StableID.shippingMethod(domain: "luma.example", shipmentID: "ship-luma", methodID: "EXPRESS").id)
        #expect(method.price == 1599)
        #expect(
            method.shippingOptionID
                == StableID.shippingOption(domain: "luma.example", shipmentID: "ship-luma", methodID: "EXPRESS").id)
        #expect(
            method.shippingOption?.profileID
                == StableID.shippingProfile(domain: "luma.example", shipmentID: "ship-luma").id)
        #expect(method.data == ["picked_by": "tests"])
        #expect(cart.shippingTotal == 1599)
        #expect(cart.items.filter { $0.metadata?["cartbridge"]?["addon"] == nil }.allSatisfy { $0.hasShipping == true })
        Self.expectMedusaFormula(cart)
    }

    @Test func aChoiceTheMerchantNoLongerOffersIsNotShown() {
        var bridge = Self.oneMerchant()
        Fixture.choose(&bridge, domain: "luma.example", shipment: "ship-luma", method: "DRONE")
        Fixture.choose(&bridge, domain: "luma.example", shipment: "ship-gone", method: "STANDARD")
        #expect(Self.render(bridge).shippingMethods.isEmpty)
    }

    @Test func onceChosenTheTotalIsTheMerchants() {
        var bridge = Self.oneMerchant()
        Fixture.chooseMerchantMethods(&bridge)
        let cart = Self.render(bridge)
        Self.expectMedusaFormula(cart)
        #expect(cart.total == 15542)
    }

    @Test func acceptedCodesBecomeFixedDiscounts() throws {
        let cart = Self.render(Self.oneMerchant(codes: ["save10", "BOGUS"]))
        let discount = try #require(cart.discounts.first)
        #expect(cart.discounts.count == 1)
        #expect(discount.code == "save10")
        #expect(discount.id == StableID.discount(code: "save10").id)
        #expect(discount.rule.type == .fixed)
        #expect(discount.rule.allocation == .total)
        #expect(discount.rule.value == 1370)
    }

    @Test func oneMerchantDiscountSplitsOverItsCodes() {
        var luma = TwoMerchants.luma
        luma.coupons = ["SAVE10", "FREESHIP"]
        luma.cartDiscount = Fixture.usd(1371)
        let cart = Self.render(Fixture.bridgeCart([(TwoMerchants.lumaDomain, luma)], codes: ["SAVE10", "FREESHIP"]))
        #expect(cart.discounts.map(\.rule.value) == [686, 685])
        #expect(cart.discounts.reduce(0) { $0 + $1.rule.value } == cart.discountTotal)
    }

    @Test func theCartsOwnFieldsAreMedusas() {
        let bridge = Self.oneMerchant()
        let cart = Self.render(bridge)
        #expect(cart.id == bridge.id)
        #expect(cart.email == "ada@example.com")
        #expect(cart.region == Fixture.region)
        #expect(cart.regionID == "reg_us")
        #expect(cart.shippingAddress?.countryCode == "us")
        #expect(cart.shippingAddressID == "addr_ship")
        #expect(cart.billingAddressID == "addr_bill")
        #expect(cart.type == .default)
        #expect(cart.completedAt == nil)
        #expect(cart.idempotencyKey == nil)
        #expect(cart.context == ["ip": "::1", "user_agent": "tests"])
        #expect(cart.salesChannelID == "sc_default")
        #expect(cart.createdAt == Fixture.now && cart.updatedAt == Fixture.later)
    }

    @Test func thePaymentSessionCarriesTheTotalAndTheGivenData() throws {
        var bridge = Self.oneMerchant()
        Fixture.chooseMerchantMethods(&bridge)
        #expect(Self.render(bridge).paymentSessions.isEmpty)
        bridge.payment = PaymentState(
            sessionID: "ps_1", providerID: "cartbridge-card", isSelected: true, now: Fixture.now)
        let cart = Self.render(bridge)
        let session = try #require(cart.paymentSession)
        #expect(session.amount == 15542)
        #expect(session.status == .pending)
        #expect(session.isSelected == true)
        #expect(session.isInitiated)
        #expect(session.data == ["session": "ps_1"])
        bridge.payment?.isSelected = false
        #expect(Self.render(bridge).paymentSessions.first?.isSelected == nil)
        #expect(Self.render(bridge).paymentSession == nil)
    }

    @Test func noticesAndOffersAreInTheMetadata() throws {
        let cart = Self.render(Self.oneMerchant())
        let merchant = try #require(cart.metadata?["cartbridge"]?["merchants"]?[0])
        #expect(merchant["domain"] == "luma.example")
        #expect(merchant["cart_id"] == "cart-luma-1")
        #expect(merchant["status"] == "active")
        #expect(merchant["order_number"] == nil)
        let teeID = StableID.lineItem(domain: "luma.example", lineItemID: "item-tee").id
        #expect(
            merchant["notices"]
                == [
                    ["code": "PRICE_INCREASED", "message": "Logo Tee now costs $29.00", "line_item_id": .string(teeID)]
                ])
        #expect(
            merchant["totals"]
                == ["subtotal": 13700, "shipping": 499, "tax": 1114, "addons": 1599, "discount": 1370, "total": 15542])
        let offers = try #require(merchant["addon_offers"]?.arrayValue)
        #expect(offers.map { $0["addon_id"] } == ["shipping_protection", "extended_warranty", "gift_wrap"])
        #expect(offers.map { $0["selected"] } == [true, true, false])
        let warranty = offers[1]
        #expect(warranty["scope"] == "ITEM")
        #expect(warranty["line_item_prices"]?[teeID] == 300)
        #expect(warranty["eligible_line_item_ids"]?[1] == .string(teeID))
        #expect(warranty["selected_line_item_ids"]?.arrayValue?.count == 2)
        let wrap = offers[2]
        #expect(
            wrap["choices"] == [
                ["addon_id": "wrap_paper", "name": "Paper", "price": 500, "selected": false],
                ["addon_id": "wrap_box", "name": "Box", "price": 900, "selected": false],
            ])
        #expect(wrap["required"] == false)
    }

    @Test func aChosenAddonChoiceNamesItsLine() {
        var luma = TwoMerchants.luma
        luma.addons.selections.append(
            FullCartAddonSelection(addonID: "gift_wrap", selectedChildIDs: ["wrap_box"], price: Fixture.usd(900)))
        let cart = Self.render(Fixture.bridgeCart([(TwoMerchants.lumaDomain, luma)]))
        #expect(cart.items.last?.title == "Gift Wrap: Box")
        #expect(cart.items.last?.unitPrice == 900)
    }

    // MARK: Two merchants

    @Test func twoMerchantsSumTheirTotals() {
        let cart = Self.render(Self.twoMerchants())
        Self.expectMedusaFormula(cart)
        #expect(cart.subtotal == 13700 + 1599 + 5550)
        #expect(cart.discountTotal == 1370 + 500)
        #expect(cart.taxTotal == 1114 + 303)
        #expect(cart.shippingTotal == 0)
        #expect(cart.total == 20396)
        #expect(cart.items.count == 5 + 2)
        #expect(cart.metadata?["cartbridge"]?["merchants"]?.arrayValue?.count == 2)
    }

    /// A storefront with one radio group (the Next.js starter's) chooses for one shipment; every other shipment
    /// shows the method its merchant selected, so the total shown is what will be charged.
    @Test func oneChoiceShowsTheMerchantsOwnMethodsForTheOtherShipments() {
        var bridge = Self.twoMerchants()
        Fixture.choose(&bridge, domain: TwoMerchants.gardenDomain, shipment: "ship-seeds", method: "PRIORITY")
        let cart = Self.render(bridge)
        #expect(cart.shippingMethods.map(\.price) == [499, 2500, 900])
        #expect(cart.shippingMethods.last?.data == ["picked_by": "tests"])
        #expect(cart.items.filter { $0.metadata?["cartbridge"]?["addon"] == nil }.allSatisfy { $0.hasShipping == true })
        #expect(cart.shippingTotal == 499 + 2500 + 900)
        Self.expectMedusaFormula(cart)
    }

    @Test func eachShipmentIsItsOwnProfileChosenIndependently() {
        var bridge = Self.twoMerchants()
        Fixture.choose(&bridge, domain: TwoMerchants.gardenDomain, shipment: "ship-seeds", method: "PRIORITY")
        var cart = Self.render(bridge)
        Fixture.choose(&bridge, domain: TwoMerchants.gardenDomain, shipment: "ship-planter", method: "FREIGHT")
        Fixture.choose(&bridge, domain: TwoMerchants.lumaDomain, shipment: "ship-luma", method: "STANDARD")
        cart = Self.render(bridge)
        let profiles = cart.shippingMethods.compactMap { $0.shippingOption?.profileID }
        #expect(profiles.count == 3)
        #expect(Set(profiles).count == 3)
        #expect(cart.shippingTotal == 499 + 2500 + 900)
        Self.expectMedusaFormula(cart)
    }

    @Test func onceEveryProfileHasAMethodTheTotalsAreTheMerchants() {
        var bridge = Self.twoMerchants()
        Fixture.chooseMerchantMethods(&bridge)
        let cart = Self.render(bridge)
        let merchants = [TwoMerchants.luma, TwoMerchants.garden]
        Self.expectMedusaFormula(cart)
        #expect(cart.shippingMethods.count == 3)
        #expect(cart.shippingTotal == merchants.reduce(0) { $0 + ($1.shippingTotal?.minorUnits ?? 0) })
        #expect(cart.total == Self.merchantTotal(merchants))
        #expect(cart.total == 15542 + 8153)
        #expect(cart.paymentSessions.isEmpty)
    }

    @Test func discountsListOnlyCodesSomeMerchantAccepted() {
        let cart = Self.render(Self.twoMerchants())
        #expect(cart.discounts.map(\.code) == ["SAVE10", "GARDEN5"])
        #expect(cart.discounts.map(\.rule.value) == [1370, 500])
        #expect(cart.discounts[1].metadata?["cartbridge"]?["domains"] == ["garden.example"])
    }
}
