import CardCrypto
import Crypto
import Foundation
import Testing

@testable import FullCartSimulator

struct SessionTokenTests {
    static let claims = SessionClaims(
        deviceID: "82b10522-5483-4719-b599-6d78b12827f0", appID: "app", issuedAt: 1_000, expiresAt: 4_600, serial: 7)

    @Test func signedTokensVerify() throws {
        let key = SymmetricKey(size: .bits256)
        let token = SessionToken.sign(Self.claims, key: key)
        #expect(token.split(separator: ".").count == 3)
        #expect(SessionToken.verify(token, key: key) == Self.claims)
        let payload = try JSONSerialization.jsonObject(with: Data(Base64URL.decode(token.split(separator: ".")[1])))
        let fields = try #require(payload as? [String: Any])
        #expect(Set(fields.keys) == ["device_id", "app_id", "iat", "exp", "jti"])
    }

    @Test(arguments: ["", "abc", "a.b.c", "a.b.c.d"])
    func malformedTokensDoNotVerify(token: String) {
        #expect(SessionToken.verify(token, key: SymmetricKey(size: .bits256)) == nil)
    }

    @Test func tokensFromAnotherKeyOrTamperedDoNotVerify() {
        let token = SessionToken.sign(Self.claims, key: SymmetricKey(size: .bits256))
        #expect(SessionToken.verify(token, key: SymmetricKey(size: .bits256)) == nil)
        let key = SymmetricKey(size: .bits256)
        var parts = SessionToken.sign(Self.claims, key: key).split(separator: ".").map(String.init)
        var other = Self.claims
        other.deviceID = "someone-else"
        parts[1] = SessionToken.sign(other, key: key).split(separator: ".").map(String.init)[1]
        #expect(SessionToken.verify(parts.joined(separator: "."), key: key) == nil)
    }

    @Test func authorityChecksHeadersAndExpiry() throws {
        var authority = SessionAuthority(lifetimeSeconds: 60)
        let session = authority.issue(deviceID: "device", appID: "app", deviceCreated: true, now: 1_000)
        #expect(session.expires == 1_060)
        #expect(try authority.authenticate(header: session.accessToken, now: 1_059).deviceID == "device")
        #expect(try authority.authenticate(header: "Bearer \(session.accessToken)", now: 1_000).deviceID == "device")
        #expect(throws: SimulatorError.missingAuthHeader()) { try authority.authenticate(header: nil, now: 1_000) }
        #expect(throws: SimulatorError.invalidToken()) { try authority.authenticate(header: "x.y.z", now: 1_000) }
        #expect(throws: SimulatorError.tokenExpired()) {
            try authority.authenticate(header: session.accessToken, now: 1_060)
        }
    }

    @Test func renewalIsAcceptedForAWeekAfterExpiry() throws {
        var authority = SessionAuthority(lifetimeSeconds: 60)
        let token = authority.issue(deviceID: "device", appID: "app", deviceCreated: true, now: 1_000).accessToken
        let lastRenewal = 1_060 + SessionAuthority.renewalWindowSeconds
        #expect(try authority.renewable(token, now: lastRenewal).deviceID == "device")
        #expect(throws: SimulatorError.sessionTokenTooOld()) { try authority.renewable(token, now: lastRenewal + 1) }
        #expect(throws: SimulatorError.sessionInvalidToken()) { try authority.renewable("nope", now: 1_000) }
    }

    @Test func expiringIssuedTokensSparesLaterOnes() throws {
        var authority = SessionAuthority(lifetimeSeconds: 3_600)
        let old = authority.issue(deviceID: "old", appID: "app", deviceCreated: true, now: 1_000).accessToken
        authority.expireIssuedTokens(beyondRenewal: false, now: 1_010)
        let new = authority.issue(deviceID: "new", appID: "app", deviceCreated: true, now: 1_010).accessToken
        #expect(throws: SimulatorError.tokenExpired()) { try authority.authenticate(header: old, now: 1_010) }
        #expect(try authority.authenticate(header: new, now: 1_010).deviceID == "new")
        #expect(try authority.renewable(old, now: 1_010).deviceID == "old")

        authority.expireIssuedTokens(beyondRenewal: true, now: 1_020)
        #expect(throws: SimulatorError.sessionTokenTooOld()) { try authority.renewable(old, now: 1_020) }
        #expect(throws: SimulatorError.sessionTokenTooOld()) { try authority.renewable(new, now: 1_020) }
    }
}
