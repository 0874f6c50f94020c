import Foundation
import Testing

@testable import Bridge

/// The pieces accounts rest on: password hashes, signed tokens that cannot stand in for one another, and the
/// per-account login limit.
@Suite struct AccountSecurityTests {
    static let secret = Data((0..<48).map { UInt8($0) })
    /// Cheap parameters: the format and comparison are under test here, not the cost.
    static let hasher = PasswordHasher(logRounds: 10, blockSize: 8, parallelism: 1)

    @Test func aPasswordHashVerifiesOnlyItsPassword() throws {
        let hash = try Self.hasher.hash("correct horse")
        #expect(hash.hasPrefix("scrypt$10$8$1$"))
        #expect(!hash.contains("correct horse"))
        #expect(Self.hasher.verify("correct horse", against: hash))
        #expect(!Self.hasher.verify("correct horsE", against: hash))
        // Fresh salt each time: equal passwords, different hashes.
        #expect(try Self.hasher.hash("correct horse") != hash)
        for broken in ["", "scrypt$10$8$1$", "bcrypt$x", hash.replacingOccurrences(of: "scrypt$10", with: "scrypt$40")] {
            #expect(!Self.hasher.verify("correct horse", against: broken))
        }
    }

    @Test func tokensVerifyOnlyAsTheirKindUntilTheyExpire() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let tokens = try AccountTokens(secret: Self.secret, now: { clock.now })
        let bearer = tokens.issue(.bearer, customerID: "cus_1")
        #expect(tokens.verify(bearer, as: .bearer)?.customerID == "cus_1")
        #expect(tokens.verify(bearer, as: .session) == nil)
        #expect(tokens.verify(bearer, as: .reset) == nil)
        let session = tokens.issue(.session, customerID: "cus_1")
        clock.advance(by: 10 * 3600 + 1)
        #expect(tokens.verify(session, as: .session) == nil)
        #expect(tokens.verify(bearer, as: .bearer) != nil)
    }

    @Test func aTamperedOrForeignTokenIsRefused() throws {
        let tokens = try AccountTokens(secret: Self.secret)
        let other = try AccountTokens(secret: Data(repeating: 7, count: 32))
        let token = tokens.issue(.bearer, customerID: "cus_1")
        #expect(other.verify(token, as: .bearer) == nil)
        let parts = token.split(separator: ".").map(String.init)
        // Another customer's id in the payload, the signature kept.
        let forged = Data(#"{"kind":"bearer","customer_id":"cus_2","domain":"store","iat":0,"exp":9999999999}"#.utf8)
            .base64EncodedString().replacingOccurrences(of: "=", with: "")
        #expect(tokens.verify("\(parts[0]).\(forged).\(parts[2])", as: .bearer) == nil)
        // alg "none" and no signature.
        let none = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        #expect(tokens.verify("\(none).\(parts[1]).", as: .bearer) == nil)
        for junk in ["", "a.b", "a.b.c.d", String(repeating: "x", count: 5000)] {
            #expect(tokens.verify(junk, as: .bearer) == nil)
        }
        #expect(throws: CheckoutError.self) { try AccountTokens(secret: Data(repeating: 1, count: 31)) }
    }

    @Test func aResetTokenIsTiedToThePasswordItWasMadeUnder() throws {
        let tokens = try AccountTokens(secret: Self.secret)
        let token = tokens.issue(.reset, customerID: "cus_1", passwordHash: "scrypt$old")
        let claims = try #require(tokens.verify(token, as: .reset))
        #expect(AccountTokens.matches(claims, passwordHash: "scrypt$old"))
        #expect(!AccountTokens.matches(claims, passwordHash: "scrypt$new"))
    }

    @Test func repeatedFailuresLockOneAccountForTheWindow() async {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let throttle = LoginThrottle(maxFailures: 3, window: 600, now: { clock.now })
        for _ in 0..<3 { await throttle.recordFailure("ada@example.com") }
        #expect(await throttle.retryAfter("ada@example.com") == 600)
        #expect(await throttle.retryAfter("bob@example.com") == nil)
        clock.advance(by: 601)
        #expect(await throttle.retryAfter("ada@example.com") == nil)
        await throttle.recordFailure("ada@example.com")
        await throttle.recordSuccess("ada@example.com")
        #expect(await throttle.retryAfter("ada@example.com") == nil)
    }

    @Test func theSecretFileIsMadeOwnerOnlyAndRefusedWhenOthersCanRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("account-secret").path
        #expect(throws: AccountSecret.Failure.self) { try AccountSecret.load(path: path, createIfMissing: false) }
        let made = try AccountSecret.load(path: path, createIfMissing: true)
        #expect(made.count == 48)
        #expect(try AccountSecret.load(path: path, createIfMissing: false) == made)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: AccountSecret.Failure.self) { try AccountSecret.load(path: path, createIfMissing: false) }
    }
}

/// Hashing is bounded: a permit per spare core, a bounded queue, then 503.
@Suite struct PasswordHashingGateTests {
    @Test func beyondThePermitsAndTheQueueALoginIsToldToRetry() async throws {
        let gate = PasswordHashingGate(permits: 1, maxWaiting: 0)
        #expect(try await gate.run { () throws(CheckoutError) in 42 } == 42)
        try await gate.acquire()
        let error = await #expect(throws: CheckoutError.self) {
            try await gate.run { () throws(CheckoutError) in 1 }
        }
        #expect(error?.kind == .unavailable && error?.retryAfterSeconds == 1)
        await gate.release()
        #expect(try await gate.run { () throws(CheckoutError) in 7 } == 7)
    }

    @Test func aFailingHashGivesItsPermitBack() async throws {
        let gate = PasswordHashingGate(permits: 1, maxWaiting: 0)
        await #expect(throws: CheckoutError.self) {
            try await gate.run { () throws(CheckoutError) -> Int in throw CheckoutError.invalidData("no") }
        }
        #expect(try await gate.run { () throws(CheckoutError) in 1 } == 1)
    }
}
