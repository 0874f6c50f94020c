import CardCrypto
import Foundation

/// The joserfc fixture key, parsed from its PEM (fast, unlike generating a key).
func fixtureKeyPair() throws -> CardKeyPair {
    try CardKeyPair(kid: JoserfcFixture.kid, pkcs8PEM: JoserfcFixture.privateKeyPEM)
}

func utcDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return calendar.date(from: components) ?? .distantPast
}

/// A fresh folder under the system temp directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appending(path: "cardcrypto-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

func posixPermissions(of url: URL) throws -> Int? {
    (try FileManager.default.attributesOfItem(atPath: url.path(percentEncoded: false))[.posixPermissions] as? NSNumber)?.intValue
}
