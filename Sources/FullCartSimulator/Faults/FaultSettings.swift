/// The merchant misbehaviour `/_simulator/faults` controls. Applies to merchant calls matching both filters.
///
/// JSON: `{latency_ms, body_stall_ms, unavailable_rate, unavailable_next, drop_after_commit_next,
/// proxy_error_after_commit_next, proxy_error_status, refuse_after_commit_next, stale_cart_reads_next,
/// corrupt_amounts_next, decline_next, endpoints, domains, seed}`.
/// An `endpoints` entry names route segments: `"complete-order"`, `"line-items"`, `"cart"` (every cart route),
/// `"cart/line-items"` (consecutive segments), `"payment"`, `"key"`, `"browser-session"`, `"domains-products"`.
/// `domains` limits faults to calls for those merchant domains (calls without a domain then never match).
struct FaultSettings: Encodable, Sendable, Equatable {
    var latencyMS = 0
    /// Headers go out at once, then the body waits this long: a merchant that stalls mid-answer.
    var bodyStallMS = 0
    /// Probability (0...1) that a matching call answers 503, drawn from a generator seeded with `seed`.
    var unavailableRate = 0.0
    /// The next N matching calls answer 503 `ErrorStoreUnavailable` without side effects.
    var unavailableNext = 0
    /// The next N matching complete-orders place the order, then drop the connection without answering.
    var dropAfterCommitNext = 0
    /// The next N matching complete-orders place the order, then answer as a proxy in front of the payment host
    /// would: `proxy_error_status` (default 502) with an HTML page, not the merchant's envelope.
    var proxyErrorAfterCommitNext = 0
    var proxyErrorStatus = 502
    /// The next N matching complete-orders place the order, then answer the merchant's own definite refusal
    /// (400 `ErrorInvalidInputBody`): a merchant that contradicts itself, for "submitted, yet never recorded".
    var refuseAfterCommitNext = 0
    /// The next N matching cart reads answer the cart as it was before it was submitted (a lagging replica).
    var staleCartReadsNext = 0
    /// The next N matching cart answers (reads and changes) carry absurd amounts in a foreign currency.
    var corruptAmountsNext = 0
    /// The next N matching complete-orders decline whatever the card (one merchant of a cart declining).
    var declineNext = 0
    var endpoints: [String]?
    var domains: [String]?
    var seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case latencyMS = "latency_ms"
        case bodyStallMS = "body_stall_ms"
        case unavailableRate = "unavailable_rate"
        case unavailableNext = "unavailable_next"
        case dropAfterCommitNext = "drop_after_commit_next"
        case proxyErrorAfterCommitNext = "proxy_error_after_commit_next"
        case proxyErrorStatus = "proxy_error_status"
        case refuseAfterCommitNext = "refuse_after_commit_next"
        case staleCartReadsNext = "stale_cart_reads_next"
        case corruptAmountsNext = "corrupt_amounts_next"
        case declineNext = "decline_next"
        case endpoints, domains, seed
    }

    /// Absent fields take their "no fault" values; `seed` defaults to the simulator's configured seed.
    static func decode(_ body: PartialSettings, defaultSeed: UInt64) throws(SimulatorError) -> FaultSettings {
        var settings = FaultSettings(seed: body.seed ?? defaultSeed)
        settings.latencyMS = body.latencyMS ?? 0
        settings.unavailableRate = body.unavailableRate ?? 0
        settings.unavailableNext = body.unavailableNext ?? 0
        settings.dropAfterCommitNext = body.dropAfterCommitNext ?? 0
        settings.bodyStallMS = body.bodyStallMS ?? 0
        settings.proxyErrorAfterCommitNext = body.proxyErrorAfterCommitNext ?? 0
        settings.proxyErrorStatus = body.proxyErrorStatus ?? 502
        settings.refuseAfterCommitNext = body.refuseAfterCommitNext ?? 0
        settings.staleCartReadsNext = body.staleCartReadsNext ?? 0
        settings.corruptAmountsNext = body.corruptAmountsNext ?? 0
        settings.declineNext = body.declineNext ?? 0
        settings.endpoints = body.endpoints
        settings.domains = body.domains
        guard (0...60_000).contains(settings.latencyMS), (0...60_000).contains(settings.bodyStallMS) else {
            throw .invalidInputBody("latency_ms and body_stall_ms must be 0...60000")
        }
        guard (500...599).contains(settings.proxyErrorStatus) else {
            throw .invalidInputBody("proxy_error_status must be 500...599")
        }
        guard (0...1).contains(settings.unavailableRate) else {
            throw .invalidInputBody("unavailable_rate must be 0...1")
        }
        let counts = [
            settings.unavailableNext, settings.dropAfterCommitNext, settings.proxyErrorAfterCommitNext,
            settings.refuseAfterCommitNext, settings.staleCartReadsNext, settings.corruptAmountsNext,
            settings.declineNext,
        ]
        guard counts.allSatisfy({ $0 >= 0 }) else {
            throw .invalidInputBody("the *_next counts must not be negative")
        }
        return settings
    }

    struct PartialSettings: Decodable, Sendable {
        var latencyMS: Int?
        var bodyStallMS: Int?
        var unavailableRate: Double?
        var unavailableNext: Int?
        var dropAfterCommitNext: Int?
        var proxyErrorAfterCommitNext: Int?
        var proxyErrorStatus: Int?
        var refuseAfterCommitNext: Int?
        var staleCartReadsNext: Int?
        var corruptAmountsNext: Int?
        var declineNext: Int?
        var endpoints: [String]?
        var domains: [String]?
        var seed: UInt64?

        typealias CodingKeys = FaultSettings.CodingKeys
    }

    func matches(_ call: MerchantCall) -> Bool {
        if let domains, !domains.isEmpty {
            guard let domain = call.domain, domains.contains(domain) else { return false }
        }
        guard let endpoints, !endpoints.isEmpty else { return true }
        return endpoints.contains { call.matches(endpoint: $0) }
    }
}

/// A call to the simulated merchant, as fault filters see it.
struct MerchantCall: Sendable, Equatable {
    /// The literal segments of the route, e.g. `["cart", "line-items"]`.
    let segments: [String]
    let domain: String?

    /// Whether the entry's `/`-separated segments occur consecutively in this route.
    func matches(endpoint: String) -> Bool {
        let wanted = endpoint.split(separator: "/").map(String.init)
        guard !wanted.isEmpty, wanted.count <= segments.count else { return false }
        return (0...(segments.count - wanted.count)).contains { start in
            Array(segments[start..<(start + wanted.count)]) == wanted
        }
    }
}

/// What a fault check decided for one call.
struct FaultDecision: Sendable, Equatable {
    var latency: Duration = .zero
    var bodyStall: Duration = .zero
    var unavailable = false
}

/// How a complete-order that placed the order is answered.
enum AnswerAfterCommit: Sendable, Equatable {
    case order
    case dropConnection
    /// A proxy's HTML error page with this status.
    case proxyError(status: Int)
    /// The merchant's own definite refusal, although the order exists.
    case refusal
}
