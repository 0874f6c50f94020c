import Foundation

/// The card keys a running server uses, reloaded from their folder while it runs (a new key appears, an old
/// one retires) without a restart. Readers take a consistent snapshot; a reload replaces it in one step.
///
/// A class guarded by a lock rather than an actor: the checkout reads the keys synchronously on every render.
public final class CardKeyring: @unchecked Sendable {
    /// What a reload found, for the caller to log.
    public enum Reload: Sendable, Equatable {
        case unchanged
        /// The set of usable keys changed; `previousKid` is the key published before (nil when there was none).
        case changed(currentKid: String, previousKid: String?, added: [String], removed: [String])
        /// The folder cannot be used now; the keys loaded before (if any) stay in use.
        case failed(CardKeyError)
    }

    public let directory: URL
    public let retireAfter: Duration?
    private let lock = NSLock()
    // Guarded by `lock`.
    private var loaded: CardKeyStore?
    private var lastFailure: CardKeyError?

    /// Starts empty; call `reload()` to read the folder.
    public init(directory: URL, retireAfter: Duration?) {
        self.directory = directory
        self.retireAfter = retireAfter
    }

    /// A ring that never reloads, for tests and tools.
    public init(fixed store: CardKeyStore) {
        directory = URL(fileURLWithPath: "/dev/null")
        retireAfter = nil
        loaded = store
    }

    /// The folder's path, for messages.
    public var directoryPath: String { displayPath(directory) }

    /// The keys in use, or nil when none could be loaded yet.
    public var current: CardKeyStore? {
        lock.withLock { loaded }
    }

    /// Why the folder could not be used the last time it was read (nil after a good read).
    public var failure: CardKeyError? {
        lock.withLock { lastFailure }
    }

    /// Reads the folder again and swaps in what it holds.
    @discardableResult
    public func reload(now: Date = Date()) -> Reload {
        let contents: KeyFolderContents
        do {
            contents = try CardKeyStore.load(directory: directory, retireAfter: retireAfter, now: now)
        } catch {
            return lock.withLock {
                lastFailure = error
                if case .allKeysRetired = error { loaded = nil }
                return .failed(error)
            }
        }
        return swap(in: contents.store)
    }

    /// Puts `store` in use (a key generated at start-up).
    @discardableResult
    public func swap(in store: CardKeyStore) -> Reload {
        lock.withLock {
            let before = loaded
            loaded = store
            lastFailure = nil
            let old = Set(before.map { Array($0.keyPairs.keys) } ?? [])
            let new = Set(store.keyPairs.keys)
            guard old != new || before?.current.kid != store.current.kid else { return .unchanged }
            return .changed(
                currentKid: store.current.kid, previousKid: before?.current.kid,
                added: new.subtracting(old).sorted(), removed: old.subtracting(new).sorted())
        }
    }
}
