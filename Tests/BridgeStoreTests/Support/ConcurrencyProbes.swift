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
