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

    public static func cardKeys(_ keys: CardKeyStore) -> HealthCheck {
        HealthCheck("card_keys") { "\(keys.keyPairs.count) loaded, current kid \(keys.current.kid)" }
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
