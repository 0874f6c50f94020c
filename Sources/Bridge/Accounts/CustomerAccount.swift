import BridgeStore
import Foundation
import WireJSON

/// A registered customer: the login email and the profile the storefront edits. Saved addresses are
/// `BridgeAddress`es, the shape carts use, so one can become a cart's address as it is.
public struct CustomerAccount: Sendable, Equatable {
    public var id: String
    public var email: String
    public var profile: CustomerProfile
    public var createdAt: Date
    public var updatedAt: Date
    /// The stored version, for the next update.
    var version: Int
    var passwordHash: String

    /// A new account, not stored yet.
    init(id: String, email: String, passwordHash: String, profile: CustomerProfile, now: Date) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.profile = profile
        createdAt = now
        updatedAt = now
        version = 1
    }

    init(_ record: CustomerRecord) throws(CheckoutError) {
        do {
            profile = try JSONDecoder().decode(CustomerProfile.self, from: record.body)
        } catch {
            throw CheckoutError.internalFailure("A customer record could not be read", cause: "\(error)")
        }
        id = record.id
        email = record.email
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.version
        passwordHash = record.passwordHash
    }

    func record() throws(CheckoutError) -> CustomerRecord {
        let body: Data
        do {
            body = try JSONEncoder().encode(profile)
        } catch {
            throw CheckoutError.internalFailure("A customer record could not be written", cause: "\(error)")
        }
        return CustomerRecord(
            id: id, email: email, passwordHash: passwordHash, body: body, version: version, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}

/// What the storefront may change of an account besides email and password. Stored as JSON the way carts are
/// (`CartDocument`): keys are frozen.
public struct CustomerProfile: Codable, Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var billingAddress: BridgeAddress?
    public var shippingAddresses: [BridgeAddress]
    public var metadata: [String: JSONValue]?
    /// Sessions and bearer tokens carry the epoch they were issued in; a password reset moves it on, so every
    /// token issued before (perhaps to whoever took the account over) stops working. Absent: 0.
    public var sessionEpoch: Int?

    public init(firstName: String, lastName: String, phone: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        shippingAddresses = []
    }

    enum CodingKeys: String, CodingKey {
        case firstName, lastName, phone, billingAddress, shippingAddresses, metadata, sessionEpoch
    }
}
