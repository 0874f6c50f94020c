import Bridge
import Foundation
import HTTPTypes
import Hummingbird
import MedusaAPI
import MedusaV1

/// Medusa v1's session cookie: `connect.sid`, HttpOnly, ten hours (Medusa's session length).
enum AccountCookie {
    static let name = "connect.sid"
    static let maxAge = 36_000

    /// `Secure` when the request came over HTTPS (directly or through a proxy that says so).
    static func set(_ value: String, for request: Request) -> String {
        let secure = request.uri.scheme == .https || request.headers[.xForwardedProto] == "https"
        return "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    static let cleared = "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
}

extension StoreRoutes {
    /// Registration, login (session cookie and bearer token), the profile, saved addresses, order history,
    /// password reset and guest-order claims. The customer a call acts for is the one its cookie or bearer token
    /// proves; nothing in a body can name another.
    func addAccountRoutes(to store: RouterGroup<Context>, accounts: MedusaV1Accounts) {
        @Sendable func customerID(_ request: Request) async -> String? {
            await accounts.loggedIn(bearer: request.bearerToken, session: request.cookie(AccountCookie.name))
        }
        store.on("customers", method: .post) { request, _ in
            let registered = try await accounts.register(try await bodies.decode(StorePostCustomersReq.self, from: request))
            return try Self.withSession(StoreCustomersRes(customer: registered.customer), registered.session, request)
        }
        store.on("auth", method: .post) { request, _ in
            let login = try await accounts.logIn(try await bodies.decode(StorePostAuthReq.self, from: request))
            return try Self.withSession(StoreCustomersRes(customer: login.customer), login.session, request)
        }
        store.json(.get, "auth") { request, _ in StoreCustomersRes(customer: try await accounts.me(await customerID(request))) }
        store.on("auth", method: .delete) { _, _ in
            var response = MedusaJSONResponse.status(.ok)
            response.headers[.setCookie] = AccountCookie.cleared
            return response
        }
        store.json(.post, "auth/token") { request, _ in
            try await accounts.token(try await bodies.decode(StorePostAuthReq.self, from: request))
        }
        store.json(.get, "auth/{email}") { _, context in
            try await accounts.exists(email: try context.parameters.require("email"))
        }
        store.json(.get, "customers/me") { request, _ in
            StoreCustomersRes(customer: try await accounts.me(await customerID(request)))
        }
        store.json(.post, "customers/me") { request, _ in
            StoreCustomersRes(
                customer: try await accounts.update(
                    await customerID(request), try await bodies.decode(StorePostCustomersCustomerReq.self, from: request)))
        }
        store.json(.post, "customers/me/addresses") { request, _ in
            StoreCustomersRes(
                customer: try await accounts.addAddress(
                    await customerID(request), try await bodies.decode(StorePostCustomersCustomerAddressesReq.self, from: request)))
        }
        store.json(.post, "customers/me/addresses/{address_id}") { request, context in
            StoreCustomersRes(
                customer: try await accounts.updateAddress(
                    await customerID(request), addressID: try context.parameters.require("address_id"),
                    try await bodies.decode(AddressPayload.self, from: request)))
        }
        store.json(.delete, "customers/me/addresses/{address_id}") { request, context in
            StoreCustomersRes(
                customer: try await accounts.deleteAddress(
                    await customerID(request), addressID: try context.parameters.require("address_id")))
        }
        store.json(.get, "customers/me/orders") { request, _ in
            try await accounts.orders(await customerID(request), page: try StoreQuery(request).pageRequest(defaultLimit: 10))
        }
        store.json(.get, "customers/me/payment-methods") { request, _ in
            _ = try await accounts.me(await customerID(request))
            return StoreCustomersListPaymentMethodsRes(paymentMethods: [])
        }
        store.on("customers/password-token", method: .post) { request, _ in
            try await accounts.requestPasswordReset(
                try await bodies.decode(StorePostCustomersCustomerPasswordTokenReq.self, from: request))
            return Response(status: .noContent)
        }
        store.json(.post, "customers/password-reset") { request, _ in
            StoreCustomersRes(
                customer: try await accounts.resetPassword(
                    try await bodies.decode(StorePostCustomersResetPasswordReq.self, from: request)))
        }
        store.on("orders/batch/customer/token", method: .post) { request, _ in
            try await accounts.requestOrderClaim(
                await customerID(request), try await bodies.decode(StorePostCustomersCustomerOrderClaimReq.self, from: request))
            return MedusaJSONResponse.status(.ok)
        }
        store.on("orders/customer/confirm", method: .post) { request, _ in
            try await accounts.confirmOrderClaim(
                try await bodies.decode(StorePostCustomersCustomerAcceptClaimReq.self, from: request))
            return MedusaJSONResponse.status(.ok)
        }
    }

    private static func withSession(_ body: some Encodable, _ session: String, _ request: Request) throws -> Response {
        var response = try MedusaJSONResponse.make(body)
        response.headers[.setCookie] = AccountCookie.set(session, for: request)
        return response
    }
}

extension Request {
    /// `Authorization: Bearer <token>`; an empty header (what medusa-js sends when logged out) is none.
    var bearerToken: String? {
        guard let value = headers[.authorization], value.count > 7, value.lowercased().hasPrefix("bearer ") else { return nil }
        let token = value.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The value of a cookie the request sent.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}

extension HTTPField.Name {
    static let xForwardedProto = Self("X-Forwarded-Proto")!
}
