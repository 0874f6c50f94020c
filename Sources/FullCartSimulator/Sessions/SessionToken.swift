import CardCrypto
import Crypto
import Foundation

/// The claims of a device token: reference §1.4's `device_id, app_id, iat, exp`, plus `jti`, the issue serial
/// the simulator uses to expire every token issued before a control call.
struct SessionClaims: Codable, Sendable, Equatable {
    var deviceID: String
    var appID: String
    var issuedAt: Int
    var expiresAt: Int
    var serial: Int

    enum CodingKeys: String, CodingKey {
        case deviceID = "device_id"
        case appID = "app_id"
        case issuedAt = "iat"
        case expiresAt = "exp"
        case serial = "jti"
    }

    init(deviceID: String, appID: String, issuedAt: Int, expiresAt: Int, serial: Int) {
        self.deviceID = deviceID
        self.appID = appID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.serial = serial
    }

    // RFC 7519 makes `jti` a string.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deviceID = try c.decode(String.self, forKey: .deviceID)
        appID = try c.decode(String.self, forKey: .appID)
        issuedAt = try c.decode(Int.self, forKey: .issuedAt)
        expiresAt = try c.decode(Int.self, forKey: .expiresAt)
        guard let serial = Int(try c.decode(String.self, forKey: .serial)) else {
            throw DecodingError.dataCorruptedError(forKey: .serial, in: c, debugDescription: "jti is not a serial")
        }
        self.serial = serial
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(deviceID, forKey: .deviceID)
        try c.encode(appID, forKey: .appID)
        try c.encode(issuedAt, forKey: .issuedAt)
        try c.encode(expiresAt, forKey: .expiresAt)
        try c.encode(String(serial), forKey: .serial)
    }
}

/// Compact HS256 JWTs (RFC 7519) signed with the simulator's per-process secret.
enum SessionToken {
    private static let header = #"{"alg":"HS256","typ":"JWT"}"#

    static func sign(_ claims: SessionClaims, key: SymmetricKey) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding four numbers and strings cannot fail.
        let payload = (try? encoder.encode(claims)) ?? Data()
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The claims of a well-formed token with a valid signature; nil for anything else. Expiry is not checked.
    static func verify(_ token: String, key: SymmetricKey) -> SessionClaims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = try? Base64URL.decode(parts[0]),
            let header = try? JSONDecoder().decode([String: String].self, from: Data(headerBytes)),
            header["alg"] == "HS256",
            let signature = try? Base64URL.decode(parts[2]),
            HMAC<SHA256>.isValidAuthenticationCode(
                signature, authenticating: Array("\(parts[0]).\(parts[1])".utf8), using: key),
            let payload = try? Base64URL.decode(parts[1])
        else { return nil }
        return try? JSONDecoder().decode(SessionClaims.self, from: Data(payload))
    }
}
