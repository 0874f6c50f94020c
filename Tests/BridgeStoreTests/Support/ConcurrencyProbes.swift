import BridgeStore

/// Counts how many tasks are inside a section at once, and the most ever seen.
actor OverlapCounter {
    private(set) var maximum = 0
    private var current = 0

    func enter() {
        current += 1
        maximum = max(maximum, current)
    }

    func leave() {
        current -= 1
    }
}

/// Suspends each arriving task until `parties` tasks have arrived. Only tasks that can run at the same
/// time get past it, so it proves overlap without sleeping.
actor Barrier {
    private let parties: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) {
        self.parties = parties
    }

    func arrive() async {
        if waiting.count + 1 == parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// A one-shot signal: `wait()` suspends until `open()` is called (or returns at once afterwards).
actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting.removeAll()
    }

    func wait() async {
        if isOpen {
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// A lock wait a test did not expect to run out.
struct LockWaitRanOut: Error {}

extension BridgeStore {
    /// For tests that are not about the wait: a minute is for ever here.
    func withCartLock<T: Sendable>(_ cartID: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let value = try await withCartLock(cartID, waitingAtMost: .seconds(60), body) else { throw LockWaitRanOut() }
        return value
    }
}

/// Whether something happened, for a test to check afterwards.
actor Flag {
    private(set) var isSet = false

    func set() { isSet = true }
}
