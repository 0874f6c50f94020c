import BridgeStore
import Foundation

/// Decides, once, whether a connection lease or its deadline came first: a lease granted after the deadline must
/// not run its work, and a deadline reached while the work runs must not cut it short.
final class LeaseDeadline: @unchecked Sendable {
    enum Outcome<Value: Sendable>: Sendable {
        /// The lease was granted in time and the work ran (nil: the work found the lock taken).
        case finished(Value?)
        /// The deadline came first.
        case expired
        /// The deadline came while the work was already running.
        case stillRunning
    }

    private enum State { case waiting, running, expired }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var state = State.waiting

    /// True when the lease may start its work (the deadline has not expired it).
    func begin() -> Bool {
        lock.withLock {
            guard state == .waiting else { return false }
            state = .running
            return true
        }
    }

    /// True when the deadline expired a lease still waiting; false when its work had begun.
    func expire() -> Bool {
        lock.withLock {
            guard state == .waiting else { return false }
            state = .expired
            return true
        }
    }
}
