@testable import MedusaV1
import Bridge
import BridgeServer
import BridgeStoreDatabases
import CardCrypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MedusaAPI
import Testing

/// The customer account routes over the real router, core and an in-memory SQLite store (no merchants): what
/// the Next.js v1 starter's account pages call, and that no customer can reach another's data.
@Suite struct AccountRoutesTests {
    /// Account messages (reset and claim tokens) as the mail hook would get them.
    final class Inbox: AccountNotifier, @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [AccountMessage] = []
        var received: [AccountMessage] { lock.withLock { messages } }
        func deliver(_ message: AccountMessage) async { lock.withLock { messages.append(message) } }

        var lastResetToken: String? {
            received.reversed().lazy.compactMap { message -> String? in
                if case .passwordReset(_, _, let token) = message { return token }
                return nil
            }.first
        }
    }

    static let mappings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("mappings")

    static func withAccounts(_ test: @Sendable (any TestClientProtocol, Inbox) async throws -> Void) async throws {
        let store = try await BridgeStores.open(url: "sqlite::memory:", logger: quietLogger)
        let inbox = Inbox()
        do {
            let region = StoreFixtures.region()
            let merchants = MerchantDirectory([])
            let core = CheckoutService(
                settings: CheckoutSettings(
                    regions: [SalesRegion(region)], paymentProviderID: "cartbridge", cardTTL: .seconds(3600)),
                store: store, merchants: merchants,
                catalog: CatalogService(merchants: merchants, ttl: .seconds(60), logger: quietLogger),
                keys: CardKeyring(fixed: try CardKeyStore(keyPairs: [CardKeyPair.generate()])),
                tables: try MappingTables.load(directory: Self.mappings), logger: quietLogger)
            let storefront = MedusaV1Storefront(
                core: core, regions: [region], errors: try ErrorCodeTable.load(directory: Self.mappings))
            let tokens = try AccountTokens(secret: Data((0..<32).map { UInt8($0) }))
            let accounts = MedusaV1Accounts(
                accounts: CustomerAccounts(
                    store: store, tokens: tokens, notifier: inbox, logger: quietLogger,
                    hasher: PasswordHasher(logRounds: 10, blockSize: 8, parallelism: 1)),
                storefront: storefront)
            let ledger = IdempotencyLedger(store: store, logger: quietLogger)
            let app = Application(
                router: BridgeHTTPServer.makeRouter(
                    storefront: storefront, accounts: accounts, idempotency: ledger,
                    options: ServerOptions(rateLimit: BridgeConfiguration.RateLimit(requestsPerMinute: 0))),
                logger: quietLogger)
            try await app.test(.router) { client in try await test(client, inbox) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func register(_ client: any TestClientProtocol, _ email: String, password: String = "s3cret-pass")
        async throws -> (id: String, cookie: String)
    {
        let response = try await client.send(
            .post, "/store/customers",
            body: #"{"first_name":"Ada","last_name":"Lovelace","email":"\#(email)","password":"\#(password)"}"#)
        #expect(response.status == .ok)
        let customer = try #require(try json(response)["customer"] as? [String: Any])
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        return (try #require(customer["id"] as? String), String(setCookie.split(separator: ";")[0]))
    }

    static func token(_ client: any TestClientProtocol, _ email: String, password: String = "s3cret-pass")
        async throws -> TestResponse
    {
        try await client.send(.post, "/store/auth/token", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
    }

    static func bearer(_ client: any TestClientProtocol, _ email: String, password: String = "s3cret-pass")
        async throws -> HTTPFields
    {
        let body = try json(try await token(client, email, password: password))
        return [.authorization: "Bearer \(try #require(body["access_token"] as? String))"]
    }

    @Test func registerThenTheSessionCookieAndBearerTokenBothProveTheCustomer() async throws {
        try await Self.withAccounts { client, _ in
            let (id, cookie) = try await Self.register(client, "Ada@Example.com")
            let session = try await client.send(.get, "/store/auth", headers: [.cookie: cookie])
            #expect(session.status == .ok)
            let customer = try #require(try Self.json(session)["customer"] as? [String: Any])
            #expect(customer["id"] as? String == id)
            #expect(customer["email"] as? String == "ada@example.com")
            #expect(customer["has_account"] as? Bool == true)
            #expect((customer["shipping_addresses"] as? [Any])?.isEmpty == true)

            let me = try await client.send(.get, "/store/customers/me", headers: try await Self.bearer(client, "ada@example.com"))
            #expect(try (Self.json(me)["customer"] as? [String: Any])?["id"] as? String == id)
            #expect(try Self.json(try await client.send(.get, "/store/auth/ADA@example.com"))["exists"] as? Bool == true)
            #expect(try Self.json(try await client.send(.get, "/store/auth/nobody@example.com"))["exists"] as? Bool == false)
        }
    }

    @Test func withoutAValidLoginTheAccountRoutesAnswerABare401() async throws {
        try await Self.withAccounts { client, _ in
            _ = try await Self.register(client, "ada@example.com")
            // medusa-js sends an empty Authorization header when logged out; a forged token is no login either.
            for headers: HTTPFields in [[:], [.authorization: ""], [.authorization: "Bearer not.a.token"],
                [.cookie: "connect.sid=forged"]]
            {
                let response = try await client.send(.get, "/store/customers/me", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == "Unauthorized")
            }
            let wrong = try await Self.token(client, "ada@example.com", password: "wrong-password")
            #expect(wrong.status == .unauthorized && String(buffer: wrong.body) == "Unauthorized")
            // Public routes ignore a bad token.
            #expect(try await client.send(.get, "/store/regions", headers: [.authorization: "Bearer junk"]).status == .ok)
        }
    }

    @Test func aSecondAccountForAnEmailIsADuplicate() async throws {
        try await Self.withAccounts { client, _ in
            _ = try await Self.register(client, "ada@example.com")
            let again = try await client.send(
                .post, "/store/customers",
                body: #"{"first_name":"A","last_name":"L","email":"ADA@example.com","password":"another-pass"}"#)
            #expect(again.status == HTTPResponse.Status(code: 422))
            #expect(try Self.json(again)["type"] as? String == "duplicate_error")
            let short = try await client.send(
                .post, "/store/customers", body: #"{"first_name":"B","last_name":"L","email":"b@example.com","password":"short"}"#)
            #expect(short.status == .badRequest)
        }
    }

    @Test func repeatedWrongPasswordsLockTheAccountForAWhile() async throws {
        try await Self.withAccounts { client, _ in
            _ = try await Self.register(client, "ada@example.com")
            for _ in 0..<5 { _ = try await Self.token(client, "ada@example.com", password: "wrong-password") }
            let locked = try await Self.token(client, "ada@example.com")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] != nil)
            // Another account is not affected.
            _ = try await Self.register(client, "bob@example.com")
            #expect(try await Self.token(client, "bob@example.com").status == .ok)
        }
    }

    @Test func profileAndAddressesChangeOnlyTheLoggedInCustomer() async throws {
        try await Self.withAccounts { client, _ in
            _ = try await Self.register(client, "ada@example.com")
            _ = try await Self.register(client, "bob@example.com")
            let ada = try await Self.bearer(client, "ada@example.com")
            let bob = try await Self.bearer(client, "bob@example.com")

            let added = try await client.send(
                .post, "/store/customers/me/addresses", body: #"{"address":{"first_name":"Ada","last_name":"L","address_1":"1 Main St","city":"Austin","country_code":"us","postal_code":"78701","province":"TX","phone":"5125550100"}}"#, headers: ada)
            #expect(added.status == .ok)
            let addresses = try #require((try Self.json(added)["customer"] as? [String: Any])?["shipping_addresses"] as? [[String: Any]])
            let addressID = try #require(addresses.first?["id"] as? String)
            #expect(addresses.first?["city"] as? String == "Austin")

            // Bob cannot change or delete Ada's address by its id.
            let foreign = try await client.send(
                .post, "/store/customers/me/addresses/\(addressID)", body: #"{"city":"Elsewhere"}"#, headers: bob)
            #expect(foreign.status == .notFound)
            _ = try await client.send(.delete, "/store/customers/me/addresses/\(addressID)", headers: bob)
            let adaNow = try Self.json(try await client.send(.get, "/store/customers/me", headers: ada))
            #expect(((adaNow["customer"] as? [String: Any])?["shipping_addresses"] as? [Any])?.count == 1)

            let updated = try await client.send(
                .post, "/store/customers/me/addresses/\(addressID)", body: #"{"city":"Dallas"}"#, headers: ada)
            let city = ((try Self.json(updated)["customer"] as? [String: Any])?["shipping_addresses"] as? [[String: Any]])?.first?["city"]
            #expect(city as? String == "Dallas")

            let profile = try await client.send(
                .post, "/store/customers/me", body: #"{"first_name":"Augusta","phone":"5125550199","billing_address":{"address_1":"2 Side St","city":"Austin","country_code":"us"}}"#, headers: ada)
            let customer = try #require(try Self.json(profile)["customer"] as? [String: Any])
            #expect(customer["first_name"] as? String == "Augusta")
            #expect((customer["billing_address"] as? [String: Any])?["address_1"] as? String == "2 Side St")
            #expect(customer["billing_address_id"] as? String != nil)
            // A body cannot pick whose profile it edits.
            let bobMe = try Self.json(try await client.send(.get, "/store/customers/me", headers: bob))
            #expect((bobMe["customer"] as? [String: Any])?["first_name"] as? String == "Ada")

            let deleted = try await client.send(.delete, "/store/customers/me/addresses/\(addressID)", headers: ada)
            #expect(((try Self.json(deleted)["customer"] as? [String: Any])?["shipping_addresses"] as? [Any])?.isEmpty == true)
            let methods = try Self.json(try await client.send(.get, "/store/customers/me/payment-methods", headers: ada))
            #expect((methods["payment_methods"] as? [Any])?.isEmpty == true)
            let orders = try Self.json(try await client.send(.get, "/store/customers/me/orders", headers: ada))
            #expect(orders["count"] as? Int == 0 && orders["limit"] as? Int == 10)
        }
    }

    @Test func aPasswordResetTokenWorksOnceAndUnknownEmailsLookTheSame() async throws {
        try await Self.withAccounts { client, inbox in
            let (_, cookie) = try await Self.register(client, "ada@example.com")
            let before = try await Self.bearer(client, "ada@example.com")
            let unknown = try await client.send(.post, "/store/customers/password-token", body: #"{"email":"nobody@example.com"}"#)
            #expect(unknown.status == .noContent)
            #expect(inbox.received.isEmpty)
            let known = try await client.send(.post, "/store/customers/password-token", body: #"{"email":"ADA@example.com"}"#)
            #expect(known.status == .noContent)
            let token = try #require(inbox.lastResetToken)

            let reset = #"{"email":"ada@example.com","password":"brand-new-pass","token":"\#(token)"}"#
            #expect(try await client.send(.post, "/store/customers/password-reset", body: reset).status == .ok)
            #expect(try await Self.token(client, "ada@example.com", password: "brand-new-pass").status == .ok)
            #expect(try await Self.token(client, "ada@example.com").status == .unauthorized)
            // Every session and bearer token from before the reset is ended; a new login works.
            #expect(try await client.send(.get, "/store/customers/me", headers: before).status == .unauthorized)
            #expect(try await client.send(.get, "/store/auth", headers: [.cookie: cookie]).status == .unauthorized)
            let fresh = try await Self.bearer(client, "ada@example.com", password: "brand-new-pass")
            #expect(try await client.send(.get, "/store/customers/me", headers: fresh).status == .ok)
            // Made for the old password: used once, it no longer works.
            let again = try await client.send(.post, "/store/customers/password-reset", body: reset)
            #expect(again.status == .unauthorized)
            #expect(try Self.json(again)["message"] as? String == "Invalid or expired password reset token")
        }
    }

    @Test func aCartTakesTheLoggedInCustomersIdAndEmail() async throws {
        try await Self.withAccounts { client, _ in
            let (id, cookie) = try await Self.register(client, "ada@example.com")
            let created = try await client.send(.post, "/store/carts", body: "{}", headers: [.cookie: cookie])
            let cart = try #require(try Self.json(created)["cart"] as? [String: Any])
            #expect(cart["customer_id"] as? String == id)
            #expect(cart["email"] as? String == "ada@example.com")
            let cartID = try #require(cart["id"] as? String)
            // Logged in, the email in a body does not take the cart from its customer.
            let updated = try await client.send(
                .post, "/store/carts/\(cartID)", body: #"{"email":"someone@example.com"}"#, headers: try await Self.bearer(client, "ada@example.com"))
            #expect((try Self.json(updated)["cart"] as? [String: Any])?["email"] as? String == "ada@example.com")
            // Anonymous, a body cannot give the cart to a customer.
            let claimed = try await client.send(.post, "/store/carts/\(cartID)", body: #"{"customer_id":"\#(id)"}"#)
            #expect(claimed.status == .badRequest)
            let signedOut = try await client.send(.delete, "/store/auth", headers: [.cookie: cookie])
            #expect(signedOut.headers[.setCookie]?.contains("Max-Age=0") == true)
        }
    }
}
