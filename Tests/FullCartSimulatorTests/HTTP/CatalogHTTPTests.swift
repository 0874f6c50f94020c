import FullCartAPI
import Testing

struct CatalogHTTPTests {
    @Test func listsProducts() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let reply = try await sim.send(
                .GET, "/api/v1/domains-products/apparel.example?size=100", token: session.token)
            #expect(reply.status == 200)
            let products = try reply.decode([FullCartProductSummary].self)
            #expect(products.count == 14)
            let tee = try #require(products.first)
            #expect(tee.handle == "radiant-tee")
            #expect(tee.title == "Radiant Tee")
            #expect(tee.loc == "\(sim.baseURL.absoluteString)/api/v1/domains-products/apparel.example/radiant-tee")
            #expect(tee.image?.url.hasPrefix("https://") == true)

            let secondPage = try await sim.send(
                .GET, "/api/v1/domains-products/apparel.example?size=100&page=2", token: session.token)
            #expect(try secondPage.decode([FullCartProductSummary].self).isEmpty)
        }
    }

    @Test func refusesBadListQueries() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let size = try await sim.send(.GET, "/api/v1/domains-products/home.example?size=50", token: session.token)
            #expect(size.status == 400)
            #expect(size.errorCode == "Size Invalid")
            let page = try await sim.send(.GET, "/api/v1/domains-products/home.example?page=0", token: session.token)
            #expect(page.status == 400)
            #expect(page.errorCode == "InvalidRequest")
            let domain = try await sim.send(.GET, "/api/v1/domains-products/nowhere.example", token: session.token)
            #expect(domain.status == 404)
            #expect(domain.errorCode == "AllProductsNotImplemented")
            let unauthenticated = try await sim.send(.GET, "/api/v1/domains-products/home.example")
            #expect(unauthenticated.status == 401)
        }
    }

    @Test func servesAProductWithVariants() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let reply = try await sim.send(
                .GET, "/api/v1/domains-products/apparel.example/radiant-tee", token: session.token)
            #expect(reply.status == 200)
            let product = try reply.decode(FullCartProduct.self)
            #expect(product.baseSKU == "WS12")
            #expect(product.variantOptionValues.map(\.displayName) == ["Size", "Color"])
            #expect(product.variants.count == 8)
            let variant = try #require(product.variants.first { $0.sku == "WS12-XS-Orange" })
            #expect(variant.addToCartRef.variantID == "WS12-XS-Orange")
            #expect(variant.price.minorUnits == 2200)
            #expect(variant.msrp?.minorUnits == 2800)
            #expect(variant.available)
            #expect(variant.variantOptionList == ["XS", "Orange"])

            let raw = try reply.json()
            let variants = try #require(raw["variants"] as? [[String: Any]])
            let price = try #require(variants.first?["price"] as? [String: Any])
            #expect(Set(price.keys) == ["currency", "value", "number", "symbol"])
        }
    }

    @Test func soldOutProductsAreUnavailable() async throws {
        try await SimulatorHarness.run { sim in
            let session = try await sim.newSession()
            let reply = try await sim.send(
                .GET, "/api/v1/domains-products/home.example/glass-vase", token: session.token)
            let product = try reply.decode(FullCartProduct.self)
            #expect(product.variants.allSatisfy { !$0.available })
            let missing = try await sim.send(
                .GET, "/api/v1/domains-products/home.example/no-such-thing", token: session.token)
            #expect(missing.status == 404)
            #expect(missing.errorCode == "ErrorProductNotFound")
        }
    }
}
