/// One named check of something CartBridge depends on (the store, the card keys, a merchant). `/health/ready`
/// and `cartbridge check-config` both run them.
public struct HealthCheck: Sendable {
    public let name: String
    /// Returns a short detail when the check passes, throws when it fails.
    private let probe: @Sendable () async throws -> String

    public init(_ name: String, _ probe: @escaping @Sendable () async throws -> String) {
        self.name = name
        self.probe = probe
    }

    public func run() async -> CheckResult {
        await Self.measure(name, probe, detail: { $0 }).result
    }

    /// Runs `work` as the check `name`, timed, and keeps its value for a later step (a session, say).
    public static func measure<Value: Sendable>(
        _ name: String, _ work: () async throws -> Value, detail: (Value) -> String
    ) async -> (result: CheckResult, value: Value?) {
        let started = ContinuousClock.now
        do {
            let value = try await work()
            let result = CheckResult(
                name: name, passed: true, detail: detail(value), duration: ContinuousClock.now - started)
            return (result, value)
        } catch {
            let result = CheckResult(
                name: name, passed: false, detail: "\(error)", duration: ContinuousClock.now - started)
            return (result, nil)
        }
    }
}

/// What a check came to, and how long it took.
public struct CheckResult: Sendable, Hashable {
    public var name: String
    public var passed: Bool
    public var detail: String
    public var duration: Duration

    public init(name: String, passed: Bool, detail: String, duration: Duration) {
        self.name = name
        self.passed = passed
        self.detail = detail
        self.duration = duration
    }
}

/// A check failed with this explanation (rather than an error of its own).
public struct CheckFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
