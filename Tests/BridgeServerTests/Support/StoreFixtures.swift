@testable import MedusaV1
import Foundation
import MedusaAPI

/// Small but complete Medusa values for the fake storefront to answer with.
enum StoreFixtures {
    /// 2024-05-01T10:20:30.123Z
    static let createdAt = Date(timeIntervalSince1970: 1_714_558_830.123)

    static func region(id: String = "reg_test") -> Region {
        Region(
            id: id, name: "United States", currencyCode: "usd", taxRate: 0,
            paymentProviders: [PaymentProvider(id: "cartbridge")],
            fulfillmentProviders: [FulfillmentProvider(id: "cartbridge")], createdAt: createdAt)
    }

    static func cart(id: String) -> Cart {
        Cart(id: id, region: region(), createdAt: createdAt)
    }

    static func order(id: String = "order_test", cartID: String = "cart_test", displayID: Int = 7) -> Order {
        Order(
            id: id, displayID: displayID, cartID: cartID, customerID: "cus_test", email: "ada@example.com",
            regionID: "reg_test", currencyCode: "usd", createdAt: createdAt)
    }

    static func variant(id: String) -> PricedVariant {
        PricedVariant(
            ProductVariant(id: id, title: "Size 9", productID: "prod_test", inventoryQuantity: 3, createdAt: createdAt),
            pricing: VariantPricing(originalPrice: 12_000, calculatedPrice: 12_000))
    }

    static func product(id: String) -> PricedProduct {
        Product(
            id: id, title: "Trail Runner", handle: "trail-runner", variants: [variant(id: "variant_\(id)")],
            profileID: "sp_test", createdAt: createdAt)
    }

    static func shippingOption(id: String) -> PricedShippingOption {
        PricedShippingOption(
            ShippingOption(
                id: id, name: "Standard", regionID: "reg_test", profileID: "sp_test", providerID: "cartbridge",
                amount: 800, createdAt: createdAt),
            pricing: ShippingOptionPricing(priceInclTax: 800))
    }
}
