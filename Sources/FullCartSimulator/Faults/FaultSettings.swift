/// The merchant misbehaviour `/_simulator/faults` controls. Applies to merchant calls matching both filters.
///
/// JSON: `{latency_ms, unavailable_rate, unavailable_next, drop_after_commit_next, endpoints, domains, seed}`.
/// An `endpoints` entry names route segments: `"complete-order"`, `"line-items"`, `"cart"` (every cart route),
/// `"cart/line-items"` (consecutive segments), `"payment"`, `"key"`, `"browser-session"`, `"domains-products"`.
/// `domains` limits faults to calls for those merchant domains (calls without a domain then never match).
struct FaultSettings: Encodable, Sendable, Equatable {
    var latencyMS = 0
    /// Probability (0...1) that a matching call answers 503, drawn from a generator seeded with `seed`.
    var unavailableRate = 0.0
    /// The next N matching calls answer 503 `ErrorStoreUnavailable` without side effects.
    var unavailableNext = 0
    /// The next N matching complete-orders place the order, then drop the connection without answering.
    var dropAfterCommitNext = 0
    var endpoints: [String]?
    var domains: [String]?
    var seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case latencyMS = "latency_ms"
        case unavailableRate = "unavailable_rate"
        case unavailableNext = "unavailable_next"
        case dropAfterCommitNext = "drop_after_commit_next"
        case endpoints, domains, seed
    }

    /// Absent fields take their "no fault" values; `seed` defaults to the simulator's configured seed.
    static func decode(_ body: PartialSettings, defaultSeed: UInt64) throws(SimulatorError) -> FaultSettings {
        var settings = FaultSettings(seed: body.seed ?? defaultSeed)
        settings.latencyMS = body.latencyMS ?? 0
        settings.unavailableRate = body.unavailableRate ?? 0
        settings.unavailableNext = body.unavailableNext ?? 0
        settings.dropAfterCommitNext = body.dropAfterCommitNext ?? 0
        settings.endpoints = body.endpoints
        settings.domains = body.domains
        guard (0...60_000).contains(settings.latencyMS) else {
            throw .invalidInputBody("latency_ms must be 0...60000")
        }
        guard (0...1).contains(settings.unavailableRate) else {
            throw .invalidInputBody("unavailable_rate must be 0...1")
        }
        guard settings.unavailableNext >= 0, settings.dropAfterCommitNext >= 0 else {
            throw .invalidInputBody("unavailable_next and drop_after_commit_next must not be negative")
        }
        return settings
    }

    struct PartialSettings: Decodable, Sendable {
        var latencyMS: Int?
        var unavailableRate: Double?
        var unavailableNext: Int?
        var dropAfterCommitNext: Int?
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
    var unavailable = false
}
