import Foundation
import MedusaAPI
import Testing

@Suite("Ids")
struct MedusaIDTests {
    @Test(arguments: [MedusaID.Prefix.cart, .lineItem, .paymentSession, "custom"])
    func idIsPrefixPlusULID(_ prefix: MedusaID.Prefix) {
        let id = MedusaID.make(prefix: prefix)
        #expect(id.hasPrefix("\(prefix.rawValue)_"))
        let ulid = id.dropFirst(prefix.rawValue.count + 1)
        #expect(ulid.wholeMatch(of: /[0-7][0-9A-HJKMNP-TV-Z]{25}/) != nil)
    }

    @Test func idsAreUniqueAndSortInCreationOrder() {
        let ids = (0..<20_000).map { _ in ULID.next() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.sorted() == ids)
    }

    @Test func timestampLeadsTheULID() throws {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let ulid = ULID.next()
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let milliseconds = try ulid.prefix(10).reduce(UInt64(0)) { value, character in
            value * 32 + UInt64(try #require(alphabet.firstIndex(of: character)))
        }
        #expect((before...after).contains(milliseconds))
    }
}
