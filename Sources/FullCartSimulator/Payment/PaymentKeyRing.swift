import CardCrypto
import Foundation

/// The payment host's RSA keys: the current one, which the key endpoint publishes, and rotated-out ones that
/// keep decrypting until their grace period ends.
struct PaymentKeyRing: Sendable {
    private(set) var current: CardKeyPair
    private var retired: [(pair: CardKeyPair, decryptsUntil: Date)] = []

    init(current: CardKeyPair) {
        self.current = current
    }

    /// Makes `next` current; the old key decrypts for `grace` more (zero: refused at once). Returns the old kid.
    mutating func rotate(to next: CardKeyPair, grace: Duration, now: Date) -> String {
        let previous = current
        retired.removeAll { $0.decryptsUntil <= now }
        if grace > .zero {
            retired.append((previous, now.addingTimeInterval(grace.seconds)))
        }
        current = next
        return previous.kid
    }

    /// The keys that may decrypt at `now`.
    func keyStore(now: Date) -> CardKeyStore? {
        try? CardKeyStore(keyPairs: [current] + retired.filter { $0.decryptsUntil > now }.map(\.pair))
    }

    mutating func dropRetiredKeys() {
        retired = []
    }
}

extension Duration {
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
