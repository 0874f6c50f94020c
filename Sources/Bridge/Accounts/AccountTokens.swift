import CardCrypto
import Crypto
import Foundation

/// The signed tokens of customer accounts, all HS256 JWTs under one secret (`accounts.secret`), told apart by
/// their `kind` so one can never stand in for another:
/// - `session` (Medusa's `connect.sid` cookie) and `bearer` (`POST /store/auth/token`): who is logged in;
/// - `reset`: a password reset, valid only while the password it was made for is unchanged;
/// - `claim`: the right to attach guest orders to an account.
public struct AccountTokens: Sendable {
    public enum Kind: String, Codable, Sendable {
        case session, bearer, reset, claim
    }

    public struct Claims: Codable, Sendable, Equatable {
        public var kind: Kind
        /// Medusa's claim name in its store JWTs.
        public var customerID: String
        public var domain: String
        public var issuedAt: Int
        public var expiresAt: Int
        /// `reset`: a digest of the password hash the token was made under.
        public var passwordTag: String?
        /// `claim`: the orders it may attach.
        public var orderIDs: [String]?
        /// `session` and `bearer`: the account's session epoch when issued.
        public var sessionEpoch: Int?

        enum CodingKeys: String, CodingKey {
            case kind
            case customerID = "customer_id"
            case domain
            case issuedAt = "iat"
            case expiresAt = "exp"
            case passwordTag = "pwd"
            case orderIDs = "order_ids"
            case sessionEpoch = "sep"
        }
    }

    public static let lifetimes: [Kind: TimeInterval] = [
        .session: 10 * 3600, .bearer: 30 * 24 * 3600, .reset: 15 * 60, .claim: 24 * 3600,
    ]

    private static let header = #"{"alg":"HS256","typ":"JWT"}"#
    private let key: SymmetricKey
    private let now: @Sendable () -> Date

    /// At least 32 bytes of secret.
    public init(secret: Data, now: @escaping @Sendable () -> Date = Date.init) throws(CheckoutError) {
        guard secret.count >= 32 else {
            throw CheckoutError.internalFailure("The account secret is shorter than 32 bytes")
        }
        key = SymmetricKey(data: secret)
        self.now = now
    }

    public func issue(
        _ kind: Kind, customerID: String, passwordHash: String? = nil, orderIDs: [String]? = nil, sessionEpoch: Int? = nil
    ) -> String {
        let issued = Int(now().timeIntervalSince1970)
        let claims = Claims(
            kind: kind, customerID: customerID, domain: "store", issuedAt: issued,
            expiresAt: issued + Int(Self.lifetimes[kind] ?? 0), passwordTag: passwordHash.map(Self.tag),
            orderIDs: orderIDs, sessionEpoch: sessionEpoch)
        let header = Base64URL.encode(Data(Self.header.utf8))
        // Encoding these claims cannot fail: strings, integers and string arrays.
        let payload = Base64URL.encode((try? JSONEncoder().encode(claims)) ?? Data())
        return "\(header).\(payload).\(signature(of: "\(header).\(payload)"))"
    }

    /// The claims of a token of `kind` with a valid signature that has not expired; nil for anything else.
    public func verify(_ token: String, as kind: Kind) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 4096, parts.count == 3,
            let given = try? Base64URL.decode(String(parts[2])),
            let expected = try? Base64URL.decode(signature(of: "\(parts[0]).\(parts[1])")),
            given.count == expected.count, zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0,
            let header = try? Base64URL.decode(String(parts[0])), header == Array(Self.header.utf8),
            let payload = try? Base64URL.decode(String(parts[1])),
            let claims = try? JSONDecoder().decode(Claims.self, from: Data(payload)),
            claims.kind == kind, claims.domain == "store", Double(claims.expiresAt) > now().timeIntervalSince1970
        else { return nil }
        return claims
    }

    /// Whether a reset token was made under this password hash (a used or outdated token no longer is).
    public static func matches(_ claims: Claims, passwordHash: String) -> Bool {
        claims.passwordTag == tag(passwordHash)
    }

    private func signature(of text: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
    }

    private static func tag(_ passwordHash: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(passwordHash.utf8))).prefix(12))
    }
}
