import Crypto
import Foundation
import FullCartAPI

/// Issues, checks and renews device tokens (reference §1.4), and remembers which tokens a control call expired.
struct SessionAuthority: Sendable {
    /// Renewal is accepted up to a week after the old token's expiry.
    static let renewalWindowSeconds = 7 * 24 * 3600

    private let key = SymmetricKey(size: .bits256)
    let lifetimeSeconds: Int
    private var nextSerial = 1
    /// Each entry expires every token up to `throughSerial` at `at` (epoch seconds), in call order.
    private var forcedExpiries: [(throughSerial: Int, at: Int)] = []
    /// Tokens up to this serial can no longer be renewed.
    private var unrenewableThroughSerial = 0

    init(lifetimeSeconds: Int) {
        self.lifetimeSeconds = lifetimeSeconds
    }

    mutating func issue(deviceID: String, appID: String, deviceCreated: Bool, now: Int) -> FullCartSessionResponse {
        let claims = SessionClaims(
            deviceID: deviceID, appID: appID, issuedAt: now, expiresAt: now + lifetimeSeconds, serial: nextSerial)
        nextSerial += 1
        return FullCartSessionResponse(
            deviceCreated: deviceCreated, accessToken: SessionToken.sign(claims, key: key),
            expiresIn: lifetimeSeconds, expires: claims.expiresAt, deviceID: deviceID)
    }

    /// The device an `x-firmly-authorization` value authorises (an optional `Bearer ` prefix is accepted).
    func authenticate(header: String?, now: Int) throws(SimulatorError) -> SessionClaims {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingAuthHeader() }
        var token = header.trimmingCharacters(in: .whitespaces)
        if token.lowercased().hasPrefix("bearer ") {
            token = String(token.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        guard let claims = SessionToken.verify(token, key: key) else { throw .invalidToken() }
        guard now < effectiveExpiry(claims) else { throw .tokenExpired() }
        return claims
    }

    /// The claims of a token presented for renewal, if it may still be renewed.
    func renewable(_ token: String, now: Int) throws(SimulatorError) -> SessionClaims {
        guard let claims = SessionToken.verify(token, key: key) else { throw .sessionInvalidToken() }
        guard claims.serial > unrenewableThroughSerial,
            now <= effectiveExpiry(claims) + Self.renewalWindowSeconds
        else { throw .sessionTokenTooOld() }
        return claims
    }

    /// Every token issued so far counts as expired from `now`; with `beyondRenewal` it can no longer be renewed.
    mutating func expireIssuedTokens(beyondRenewal: Bool, now: Int) {
        forcedExpiries.append((throughSerial: nextSerial - 1, at: now))
        if beyondRenewal { unrenewableThroughSerial = nextSerial - 1 }
    }

    /// Forgets control-API expiries; the signing key and the serials carry on, so live tokens stay valid.
    mutating func reset() {
        forcedExpiries = []
        unrenewableThroughSerial = 0
    }

    private func effectiveExpiry(_ claims: SessionClaims) -> Int {
        let forced = forcedExpiries.first { claims.serial <= $0.throughSerial }?.at
        return min(claims.expiresAt, forced ?? .max)
    }
}
