import CardCrypto
import Logging
import ServiceLifecycle
import UnixSignals

/// Reads the card key folder again every `interval` and on SIGHUP, so a key added by `cartbridge keys rotate`
/// is published and one past its retirement age is refused, without a restart.
public struct CardKeyWatcher: Service {
    let keys: CardKeyring
    let interval: Duration
    let logger: Logger

    public init(keys: CardKeyring, interval: Duration, logger: Logger) {
        self.keys = keys
        self.interval = interval
        self.logger = logger
    }

    /// One reload, logged.
    public func reload(reason: String) {
        switch keys.reload() {
        case .unchanged where keys.currentIsPastRetirement:
            logger.warning(
                "the current card key is past its retirement age; it keeps working, but rotate it (`cartbridge keys rotate`)",
                metadata: ["reason": "\(reason)", "kid": "\(keys.current?.current.kid ?? "")"])
        case .unchanged:
            logger.debug("card keys unchanged", metadata: ["reason": "\(reason)"])
        case .changed(let current, let previous, let added, let removed):
            logger.notice(
                "card keys reloaded",
                metadata: [
                    "reason": "\(reason)", "kid": "\(current)", "previous_kid": "\(previous ?? "none")",
                    "added": "\(added.joined(separator: ","))", "removed": "\(removed.joined(separator: ","))",
                ])
        case .failed(let error):
            let inUse = keys.current.map { "keeping \($0.keyPairs.count) key(s) in use" } ?? "no card key is in use"
            logger.error(
                "card key folder cannot be used; \(inUse)", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        reload(reason: "SIGHUP")
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: interval)
                        reload(reason: "interval")
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}
