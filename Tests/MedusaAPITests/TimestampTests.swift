import Foundation
import MedusaAPI
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test(arguments: [
        (1_714_558_830.123, "2024-05-01T10:20:30.123Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
        (-1.5, "1969-12-31T23:59:58.500Z"),
        (1_714_558_830.9996, "2024-05-01T10:20:31.000Z"),
    ])
    func formatsLikeJavaScriptToJSON(_ seconds: Double, _ expected: String) {
        #expect(MedusaTimestamp.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(arguments: [
        ("2024-05-01T10:20:30.123Z", 1_714_558_830_123),
        ("2024-05-01T10:20:30Z", 1_714_558_830_000),
        ("2024-05-01T10:20:30.1Z", 1_714_558_830_100),
        ("2024-05-01T10:20:30.123456Z", 1_714_558_830_123),
    ] as [(String, Int64)])
    func parses(_ text: String, _ milliseconds: Int64) throws {
        let date = try #require(MedusaTimestamp.date(from: text))
        #expect(Int64((date.timeIntervalSince1970 * 1000).rounded()) == milliseconds)
    }

    @Test(arguments: ["2024-05-01", "2024-02-30T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:20:30.Z", "2024-05-01T10:20:30+02:00"])
    func rejects(_ text: String) {
        #expect(MedusaTimestamp.date(from: text) == nil)
    }

    @Test func roundTripsThroughTheCoders() throws {
        let date = Fixtures.createdAt
        let data = try MedusaJSON.encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-05-01T10:20:30.123Z"]"#)
        #expect(try MedusaJSON.decode([Date].self, from: data) == [date])
    }
}
