import Foundation
import MedusaAPI
import Testing

@Suite("Ids")
struct MedusaIDTests {
    @Test(arguments: [MedusaID.Prefix.cart, .lineItem, .paymentSession, .idempotencyKey, "custom"])
    func idIsPrefixPlusULID(_ prefix: MedusaID.Prefix) {
        let id = MedusaID.make(prefix: prefix)
        #expect(id.hasPrefix("\(prefix.rawValue)_"))
        let ulid = id.dropFirst(prefix.rawValue.count + 1)
        #expect(ulid.wholeMatch(of: /[0-7][0-9A-HJKMNP-TV-Z]{25}/) != nil)
    }

    /// Ids minted at once, from many tasks, in one millisecond: their random parts must still be far apart (fresh
    /// bits each, not an increment of a previous id). The clock is fixed, so every id shares the time prefix
    /// however fast the machine is.
    @Test func concurrentIdsShareNoNeighbouringRandomParts() async throws {
        let instant = Date()
        let ulids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<5_000).map { _ in ULID.make(now: instant) } }
            }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(ulids).count == ulids.count)
        var byMillisecond: [UInt64: [(high: UInt16, low: UInt64)]] = [:]
        for ulid in ulids {
            let parts = try #require(ULID.parts(ulid))
            byMillisecond[parts.milliseconds, default: []].append((parts.randomHigh, parts.randomLow))
        }
        #expect(byMillisecond.count == 1)
        var closePairs = 0
        for randoms in byMillisecond.values {
            let sorted = randoms.sorted { ($0.high, $0.low) < ($1.high, $1.low) }
            for (lower, upper) in zip(sorted, sorted.dropFirst())
            // Monotonic ULIDs differ by 1. A bound of 2^24 still catches them, and fresh random parts fall that
            // close by chance about once in 10^8 runs; 2^40 did so about once in 700, and failed a run.
            where upper.high == lower.high && upper.low &- lower.low < (1 << 24) {
                closePairs += 1
            }
        }
        #expect(closePairs == 0, "ids of one millisecond whose random parts differ by less than 2^24")
    }

    @Test func idsMintedConcurrentlyAreUnique() async {
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<2_000).map { _ in MedusaID.make(prefix: .cart) } }
            }
            return await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsOfLaterMillisecondsSortLater() async throws {
        let first = ULID.make(now: Date(timeIntervalSince1970: 1_700_000_000))
        let second = ULID.make(now: Date(timeIntervalSince1970: 1_700_000_000.002))
        #expect(first < second)
    }

    @Test func timestampLeadsTheULID() throws {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let ulid = ULID.make()
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        let parts = try #require(ULID.parts(ulid))
        #expect((before...after).contains(parts.milliseconds))
    }

    @Test func partsRoundTripTheRandomBits() throws {
        for _ in 0..<100 {
            let ulid = ULID.make()
            let parts = try #require(ULID.parts(ulid))
            // The first random character carries the top five of the 80 bits (the top of `randomHigh`).
            let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
            let character = ulid[ulid.index(ulid.startIndex, offsetBy: 10)]
            #expect(alphabet.firstIndex(of: character) == Int(parts.randomHigh >> 11))
        }
        #expect(ULID.parts("not-a-ulid") == nil)
    }
}
