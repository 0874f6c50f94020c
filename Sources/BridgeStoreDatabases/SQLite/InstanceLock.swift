import BridgeStore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One process per SQLite file: cart and key locks live in memory, so a second instance on the same file
/// could complete a cart twice. An exclusive `flock` on `<file>.lock`, held while the store is open, refuses
/// the second at start-up. The kernel drops it when the process dies, so a crash never leaves it stale.
final class InstanceLock: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`; -1 once released.
    private var descriptor: Int32

    init(databasePath: String) throws(StoreError) {
        let path = databasePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unavailable("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .invalidConfiguration(
                "another CartBridge process is using \(databasePath); one instance per SQLite file "
                    + "(use PostgreSQL for several)")
        }
        self.descriptor = descriptor
    }

    /// Lets another process open the file; releasing again does nothing.
    func release() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }

    deinit {
        release()
    }
}
