import Bridge
@testable import MedusaV1
import Foundation
import FullCartAPI
import Testing

/// A cart read whose merchant answered what is stored is answered with the bytes rendered before; a change at
/// the merchant is rendered afresh.
@Suite struct RenderedCartReuseTests {
    @Test func anUnchangedCartIsTheSameBytesAndAChangedOneIsRenderedAgain() async throws {
        let merchant = ScriptedMerchant(
            domain: "apparel.example", cart: CoreHarness.merchantCart("apparel.example"), key: CoreHarness.merchantKey)
        try await CoreHarness.run([merchant]) { core in
            let cartID = try await core.readyCart([merchant])
            let first = try await core.storefront.encodedCart(id: cartID)
            let kept = try #require(core.storefront.renderedCarts[cartID])
            let second = try await core.storefront.encodedCart(id: cartID)
            #expect(second == first)
            #expect(core.storefront.renderedCarts[cartID]?.source == kept.source, "the same stored version: reused")
            #expect(merchant.count("cart") == 2, "max_age 0: each read asks the merchant")

            merchant.change { cart in
                cart.taxTotal = Fixture.usd(900)
                cart.total = Fixture.usd((cart.total?.minorUnits ?? 0) + 700)
            }
            let changed = try await core.storefront.encodedCart(id: cartID)
            #expect(changed != first)
            #expect(core.storefront.renderedCarts[cartID]?.source.version == kept.source.version + 1)
            let rendered = try JSONSerialization.jsonObject(with: changed) as? [String: Any]
            #expect((rendered?["cart"] as? [String: Any])?["tax_total"] as? Int == 900)
            #expect(try await core.storefront.encodedCart(id: cartID) == changed)
        }
    }
}
