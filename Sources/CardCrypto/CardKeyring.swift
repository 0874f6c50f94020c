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
    public let retirement: KeyRetirement?
    private let lock = NSLock()
    // Guarded by `lock`.
    private var loaded: CardKeyStore?
    private var lastFailure: CardKeyError?
    private var currentPastRetirement = false
    private var lastReloadForUnknownKid: ContinuousClock.Instant?

    /// How often a card under a kid we do not know may make us read the folder again.
    public static let unknownKidReloadInterval = Duration.seconds(5)

    /// Starts empty; call `reload()` to read the folder.
    public init(directory: URL, retirement: KeyRetirement?) {
        self.directory = directory
        self.retirement = retirement
    }

    /// A ring that holds `store` and never reads a folder, for tests and tools.
    public init(fixed store: CardKeyStore) {
        directory = URL(fileURLWithPath: "/dev/null")
        retirement = nil
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

    /// Whether the current key is older than the retirement age: it keeps working, but it is time to rotate.
    public var currentIsPastRetirement: Bool {
        lock.withLock { currentPastRetirement }
    }

    /// The keys, read again from the folder first when `kid` is not among them: another instance sharing the
    /// folder may already publish a key this one has not read yet. At most once per `unknownKidReloadInterval`,
    /// so unknown kids cannot make us read the disk at will. Returns the keys and what a reload found, if one ran.
    public func keys(including kid: String, now: ContinuousClock.Instant = .now) -> (CardKeyStore?, Reload?) {
        let (store, due) = lock.withLock { () -> (CardKeyStore?, Bool) in
            if let loaded, loaded.keyPairs[kid] != nil { return (loaded, false) }
            if let last = lastReloadForUnknownKid, now - last < Self.unknownKidReloadInterval { return (loaded, false) }
            lastReloadForUnknownKid = now
            return (loaded, true)
        }
        guard due else { return (store, nil) }
        let outcome = reload()
        return (current, outcome)
    }

    /// Reads the folder again and swaps in what it holds.
    @discardableResult
    public func reload(now: Date = Date()) -> Reload {
        let contents: KeyFolderContents
        do {
            contents = try CardKeyStore.load(directory: directory, retirement: retirement, now: now)
        } catch {
            return lock.withLock {
                lastFailure = error
                return .failed(error)
            }
        }
        return swap(in: contents)
    }

    /// Puts a folder's keys in use (read at start-up, perhaps with a key generated there).
    @discardableResult
    public func swap(in contents: KeyFolderContents) -> Reload {
        let store = contents.store
        return lock.withLock {
            let before = loaded
            loaded = store
            lastFailure = nil
            currentPastRetirement = contents.currentIsPastRetirement
            let old = Set(before.map { Array($0.keyPairs.keys) } ?? [])
            let new = Set(store.keyPairs.keys)
            guard old != new || before?.current.kid != store.current.kid else { return .unchanged }
            return .changed(
                currentKid: store.current.kid, previousKid: before?.current.kid,
                added: new.subtracting(old).sorted(), removed: old.subtracting(new).sorted())
        }
    }
}
