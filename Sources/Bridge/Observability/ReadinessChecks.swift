import BridgeStore
import CardCrypto
import FullCartAPI

/// What `/health/ready` asks: can the store be reached, are the card keys loaded, and did each merchant's
/// last call get an answer.
public enum ReadinessChecks {
    public static func store(_ store: any BridgeStore) -> HealthCheck {
        HealthCheck("store") {
            try await store.ping()
            return "reachable"
        }
    }

    /// Fails while no card key is loaded (cards cannot be taken then), saying what to do about it.
    public static func cardKeys(_ keys: CardKeyring) -> HealthCheck {
        HealthCheck("card_keys") {
            let folder = keys.directoryPath
            guard let store = keys.current else {
                throw CheckFailure(
                    "no card key loaded from \(folder)"
                        + (keys.failure.map { " (\($0))" } ?? "")
                        + "; add one with `cartbridge keys generate --dir \(folder)`")
            }
            let warning = keys.failure.map { "; the folder's last read failed, keys in use kept: \($0)" } ?? ""
            let rotate = keys.currentIsPastRetirement ? Self.rotateAdvice : ""
            return "\(store.keyPairs.count) loaded, current kid \(store.current.kid)\(warning)\(rotate)"
        }
    }

    /// Appended to a card-key detail when the current key is older than the retirement age.
    static let rotateAdvice = "; the current key is past its retirement age: rotate (`cartbridge keys rotate`)"

    /// Names the built-in simulator when it stands in for merchants, so nobody mistakes a demo for production.
    public static func simulator(url: String, domains: [String]) -> HealthCheck {
        HealthCheck("merchants") {
            "no merchants configured: the built-in Full Cart simulator at \(url) stands in for "
                + domains.joined(separator: ", ")
        }
    }

    /// Reports the merchant's last call. A merchant that is down marks it `degraded` but does not make the
    /// instance unready: every instance shares the merchant, so a load balancer would take them all out,
    /// other merchants included, and an instance cannot mend a merchant by restarting.
    public static func merchant(_ domain: String, health: MerchantCallHealth) -> HealthCheck {
        HealthCheck("merchant \(domain)") {
            guard let call = await health.lastCall(to: domain) else { return "no calls yet" }
            let summary = "last call \(call.endpoint): \(call.outcome)"
            return call.isFailure ? "degraded: \(summary)" : summary
        }
    }
}
