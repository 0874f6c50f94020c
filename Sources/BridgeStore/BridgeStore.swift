import Foundation

/// What CartBridge keeps between requests: cart documents, card JWEs with a TTL, orders and customer accounts
/// (`CustomerStore`).
///
/// Implementations: SQLite (one process) and PostgreSQL (several instances); open one with
/// `BridgeStores.withStore(url:logger:_:)`. Dates are kept with millisecond precision, so a record read back
/// equals the one written when its dates are whole milliseconds.
public protocol BridgeStore: CustomerStore {
    /// Runs pending migrations. Idempotent; `BridgeStores.open` has already called it.
    func migrate() async throws(StoreError)

    // MARK: Carts

    /// Stores a new cart exactly as given. A cart with the same id → `.duplicate`.
    func insertCart(_ record: CartRecord) async throws(StoreError)

    func cart(id: String) async throws(StoreError) -> CartRecord?

    /// Optimistic concurrency: stores `body`, `updatedAt` and `completedAt` only when the stored version
    /// equals `record.version`, and returns the stored record with version + 1 (`createdAt` never changes).
    /// Another version → `.conflict`; no such cart → `.notFound`.
    func updateCart(_ record: CartRecord) async throws(StoreError) -> CartRecord

    /// Runs `body` while holding the lock of one cart: at most one body runs at a time per cart id (within
    /// this process for SQLite; across instances for PostgreSQL). Bodies for other carts run concurrently.
    /// Waits at most `wait` for the lock and returns nil, without running `body`, when it could not be had by
    /// then (every wait is bounded: a holder stuck on a merchant must not hold up the cart's readers for ever).
    /// The lock is released however `body` ends; a task cancelled while waiting (or before calling) throws
    /// `CancellationError` or returns nil without entering. Not reentrant: taking the same cart's lock again
    /// inside `body` waits until `wait` runs out.
    func withCartLock<T: Sendable>(
        _ cartID: String, waitingAtMost wait: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T?

    /// Runs `body` while holding the lock of one `Idempotency-Key`, or returns nil at once, without running it,
    /// when the key's lock is held (its request is still running, here or on another instance). Key locks are
    /// apart from cart locks: a body holding a key lock may take cart locks.
    func withIdempotencyKeyLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T?

    // MARK: Cards (JWEs as received, encrypted to our key; never plaintext)

    /// Inserts or replaces the card of `card.cartID`.
    func putCard(_ card: StoredCard) async throws(StoreError)

    /// The card of a cart, or nil when there is none or it has expired (`expiresAt <= now`).
    func card(cartID: String, now: Date) async throws(StoreError) -> StoredCard?

    /// Deletes the card of a cart, if any.
    func deleteCard(cartID: String) async throws(StoreError)

    /// Deletes every card with `expiresAt <= now`; returns how many were deleted.
    func deleteExpiredCards(now: Date) async throws(StoreError) -> Int

    // MARK: Orders

    /// Records the order of a cart, assigning the next display id (1, 2, 3…, never reused) atomically.
    /// When the cart already has an order, returns that order unchanged: one order per cart, enforced by
    /// a unique constraint. An order id already used by another cart → `.duplicate`.
    func insertOrder(_ order: NewOrder) async throws(StoreError) -> OrderRecord

    func order(id: String) async throws(StoreError) -> OrderRecord?

    func order(cartID: String) async throws(StoreError) -> OrderRecord?

    /// The order with this display id whose email matches, compared case-insensitively (Medusa's
    /// guest order lookup). Orders without an email never match.
    func order(displayID: Int, email: String) async throws(StoreError) -> OrderRecord?

    // MARK: Idempotency records

    /// Stores `record` unless its key exists; atomic, so of two racing requests with one key exactly one
    /// inserts and the other gets `.existing` with the winner's record.
    func insertIdempotencyRecord(_ record: IdempotencyRecord) async throws(StoreError) -> IdempotencyInsertion

    func idempotencyRecord(key: String) async throws(StoreError) -> IdempotencyRecord?

    /// Stores the final response of `key` (recovery point `IdempotencyRecord.finished`), unless one is stored already: the first
    /// final response is the one every retry sees. Returns the stored record. No such record → `.notFound`.
    func finishIdempotencyRecord(key: String, response: StoredResponse, now: Date) async throws(StoreError)
        -> IdempotencyRecord

    /// Deletes records created at or before `cutoff`; returns how many.
    func deleteIdempotencyRecords(createdBefore cutoff: Date) async throws(StoreError) -> Int

    // MARK: Life cycle

    /// A cheap round trip to the database, for readiness checks.
    func ping() async throws(StoreError)

    /// Waits for the work in flight, then closes the database connections. Later calls fail with
    /// `.unavailable`; closing again does nothing.
    func close() async throws(StoreError)
}
