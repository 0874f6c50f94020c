import Foundation
import MedusaAPI

/// A representative US store: one region, one product with two priced variants, two shipping
/// options, and a cart and order built from them.
enum Fixtures {
    /// 2024-05-01T10:20:30.123Z
    static let createdAt = Date(timeIntervalSince1970: 1_714_558_830.123)
    static let updatedAt = Date(timeIntervalSince1970: 1_714_558_899.007)

    static let regionID = "reg_01HXA0M4W3J6Q8V2T5B7N9C1D3"
    static let productID = "prod_01HXA0M4W3J6Q8V2T5B7N9C1D4"
    static let profileID = "sp_01HXA0M4W3J6Q8V2T5B7N9C1D5"
    static let cartID = "cart_01HXA0M4W3J6Q8V2T5B7N9C1D6"

    static var region: Region {
        Region(
            id: regionID,
            name: "United States",
            currencyCode: "usd",
            currency: Currency(code: "usd", symbol: "$", symbolNative: "$", name: "US Dollar"),
            taxRate: 8.25,
            taxRates: [
                TaxRate(
                    id: "txr_01HXA0M4W3J6Q8V2T5B7N9C1D7", rate: 8.25, code: "US-CA", name: "California",
                    regionID: regionID, createdAt: createdAt)
            ],
            countries: [
                Country(
                    id: 236, iso2: "us", iso3: "usa", numCode: 840, name: "UNITED STATES",
                    displayName: "United States", regionID: regionID)
            ],
            paymentProviders: [PaymentProvider(id: "cartbridge-card"), PaymentProvider(id: "manual")],
            fulfillmentProviders: [FulfillmentProvider(id: "cartbridge")],
            createdAt: createdAt)
    }

    static var product: ProductColumns {
        Product(
            id: productID,
            title: "Trail Runner",
            description: "A light shoe for rough ground.",
            handle: "trail-runner",
            images: [ProductImage(id: "img_01", url: "https://cdn.example.com/trail-runner.jpg", createdAt: createdAt)],
            thumbnail: "https://cdn.example.com/trail-runner-thumb.jpg",
            options: [
                ProductOption(
                    id: "opt_size", title: "Size",
                    values: [
                        ProductOptionValue(
                            id: "optval_9", value: "9", optionID: "opt_size", variantID: "variant_9",
                            createdAt: createdAt),
                        ProductOptionValue(
                            id: "optval_10", value: "10", optionID: "opt_size", variantID: "variant_10",
                            createdAt: createdAt),
                    ],
                    productID: productID, createdAt: createdAt)
            ],
            variants: [],
            profileID: profileID,
            profiles: [ShippingProfile(id: profileID, name: "trailgear.example shipments", createdAt: createdAt)],
            tags: [ProductTag(id: "ptag_01", value: "running", createdAt: createdAt)],
            externalID: "SKU-TR",
            createdAt: createdAt)
    }

    static func variant(size: String, price: Int, inventory: Int = 12) -> ProductVariant {
        let id = "variant_\(size)"
        return ProductVariant(
            id: id,
            title: "Size \(size)",
            productID: productID,
            prices: [
                MoneyAmount(id: "ma_\(size)", currencyCode: "usd", amount: price, variantID: id, createdAt: createdAt)
            ],
            sku: "TR-\(size)",
            inventoryQuantity: inventory,
            options: [
                ProductOptionValue(
                    id: "optval_\(size)", value: size, optionID: "opt_size", variantID: id, createdAt: createdAt)
            ],
            createdAt: createdAt)
    }

    static func pricedVariant(size: String, price: Int) -> PricedVariant {
        var variant = PricedVariant(
            variant(size: size, price: price),
            pricing: VariantPricing(
                originalPrice: price, calculatedPrice: price, originalTax: price * 825 / 10_000,
                calculatedTax: price * 825 / 10_000,
                taxRates: [AppliedTaxRate(rate: 8.25, name: "California", code: "US-CA")]))
        variant.purchasable = true
        return variant
    }

    static var pricedProduct: PricedProduct {
        product.withVariants([pricedVariant(size: "9", price: 12_000), pricedVariant(size: "10", price: 12_500)])
    }

    static var standardShipping: ShippingOption {
        ShippingOption(
            id: "so_standard", name: "Standard", regionID: regionID, profileID: profileID,
            providerID: "cartbridge", amount: 800,
            requirements: [
                ShippingOptionRequirement(
                    id: "sor_01", shippingOptionID: "so_standard", type: .maxSubtotal, amount: 100_000)
            ],
            data: ["merchant_shipment_id": "shp_1", "carrier": "UPS"], createdAt: createdAt)
    }

    static var expressShipping: ShippingOption {
        ShippingOption(
            id: "so_express", name: "Express", regionID: regionID, profileID: profileID, providerID: "cartbridge",
            priceType: .calculated, amount: 2_400, createdAt: createdAt)
    }

    static var pricedShippingOptions: [PricedShippingOption] {
        [standardShipping, expressShipping].map { option in
            let amount = option.amount ?? 0
            return PricedShippingOption(
                option,
                pricing: ShippingOptionPricing(
                    priceInclTax: amount, taxRates: [AppliedTaxRate(rate: 0, name: "Shipping", code: nil)]))
        }
    }

    static func address(_ id: String) -> Address {
        Address(
            id: id, firstName: "Ada", lastName: "Lovelace", address1: "1 Infinite Loop", city: "Cupertino",
            countryCode: "us", province: "CA", postalCode: "95014", phone: "+1 408 555 0100", createdAt: createdAt)
    }

    static var discount: Discount {
        Discount(
            id: "disc_01", code: "SPRING10",
            rule: DiscountRule(
                id: "dru_01", type: .percentage, description: "10% off", value: 10, allocation: .total,
                createdAt: createdAt),
            startsAt: createdAt, usageLimit: 100, usageCount: 3, createdAt: createdAt)
    }

    static func lineItem(_ id: String, size: String, price: Int, quantity: Int, cartID: String?, orderID: String? = nil)
        -> LineItem
    {
        var variant = variant(size: size, price: price)
        variant.product = product
        let gross = price * quantity
        let discount = gross / 10
        let tax = (gross - discount) * 825 / 10_000
        return LineItem(
            id: id, cartID: cartID, orderID: orderID, title: "Trail Runner", description: "Size \(size)",
            thumbnail: product.thumbnail, hasShipping: true, unitPrice: price, quantity: quantity, variant: variant,
            taxLines: [
                LineItemTaxLine(
                    id: "litl_\(id)", itemID: id, code: "US-CA", name: "California", rate: 8.25, createdAt: createdAt)
            ],
            adjustments: [
                LineItemAdjustment(
                    id: "lia_\(id)", itemID: id, description: "discount", discountID: "disc_01", amount: discount)
            ],
            discountTotal: discount, taxTotal: tax, createdAt: createdAt)
    }

    static func items(cartID: String?, orderID: String? = nil) -> [LineItem] {
        [
            lineItem("item_a", size: "9", price: 12_000, quantity: 1, cartID: cartID, orderID: orderID),
            lineItem("item_b", size: "10", price: 12_500, quantity: 2, cartID: cartID, orderID: orderID),
        ]
    }

    static func shippingMethod(cartID: String?, orderID: String? = nil) -> ShippingMethod {
        ShippingMethod(
            id: "sm_01", shippingOption: standardShipping, cartID: cartID, orderID: orderID, price: 800,
            data: ["merchant_shipment_id": "shp_1"])
    }

    /// Two lines, a shipping method, two payment sessions (one selected), both addresses and a discount.
    static var cart: Cart {
        let items = items(cartID: cartID)
        let methods = [shippingMethod(cartID: cartID)]
        let totals = CartTotals(items: items, shippingMethods: methods)
        return Cart(
            id: cartID,
            region: region,
            email: "ada@example.com",
            customerID: "cus_01",
            billingAddress: address("addr_billing"),
            shippingAddress: address("addr_shipping"),
            items: items,
            discounts: [discount],
            shippingMethods: methods,
            paymentSessions: [
                PaymentSession(
                    id: "ps_card", cartID: cartID, providerID: "cartbridge-card", isSelected: true,
                    isInitiated: true, data: ["jwe": "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0..."],
                    amount: totals.total, createdAt: createdAt),
                PaymentSession(
                    id: "ps_manual", cartID: cartID, providerID: "manual", amount: totals.total, createdAt: createdAt),
            ],
            context: ["ip": "::1", "user_agent": "Storefront/1.0"],
            salesChannelID: "sc_01",
            totals: totals,
            createdAt: createdAt,
            updatedAt: updatedAt)
    }

    /// A cart just created: no email, addresses, lines or sessions.
    static var emptyCart: Cart {
        Cart(id: "cart_empty", region: region, createdAt: createdAt)
    }

    static var order: Order {
        let orderID = "order_01HXA0M4W3J6Q8V2T5B7N9C1D8"
        let items = items(cartID: cartID, orderID: orderID)
        let methods = [shippingMethod(cartID: cartID, orderID: orderID)]
        let totals = CartTotals(items: items, shippingMethods: methods)
        return Order(
            id: orderID,
            displayID: 1001,
            cartID: cartID,
            customerID: "cus_01",
            email: "ada@example.com",
            regionID: regionID,
            region: region,
            currencyCode: "usd",
            shippingAddress: address("addr_shipping"),
            taxRate: 8.25,
            items: items,
            shippingMethods: methods,
            payments: [
                Payment(
                    id: "pay_01", cartID: cartID, orderID: orderID, amount: totals.total, currencyCode: "usd",
                    providerID: "cartbridge-card", createdAt: createdAt)
            ],
            discounts: [discount],
            externalID: "TG-100234",
            salesChannelID: "sc_01",
            totals: totals,
            createdAt: createdAt)
    }
}
