import BridgeStore
import Foundation
import Logging

/// Medusa's `Idempotency-Key` rules, in one place for every route and adapter: the record is created before
/// any work; a finished request is replayed byte for byte; one still running (here or on another instance) is
/// a 409; a key reused for another cart, route or body is a 422. There is no way around it: a caller that
/// should not keep a record (a generated key on a route nobody retries) says so at the edge, by not calling.
///
/// A request runs while holding its key's lock, which dies with the process: a retry finding the lock held gets
/// a 409 (the first attempt still runs), one finding it free runs the work again (the first attempt ended,
/// perhaps by a crash). What a rerun resumes from lives in the cart (a completion's sends and placed orders),
/// not here: the record holds only the request's identity and, once final, its response.
public struct IdempotencyLedger: Sendable {
    let store: any BridgeStore
    let logger: Logger
    let now: @Sendable () -> Date

    public init(store: any BridgeStore, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.logger = logger
        self.now = now
    }

    public func run(
        _ request: IdempotentRequest, _ work: @Sendable () async throws -> IdempotentResponse
    ) async throws -> IdempotentReply {
        let now = now()
        let insertion: IdempotencyInsertion
        do {
            insertion = try await store.insertIdempotencyRecord(
                IdempotencyRecord(
                    key: request.key, cartID: request.cartID, route: request.route, fingerprint: request.fingerprint,
                    recoveryPoint: IdempotencyRecord.started, createdAt: now, updatedAt: now))
        } catch {
            throw CheckoutError.store(error)
        }
        if case .existing(let record) = insertion {
            try Self.checkSameRequest(record, request)
            if let response = record.response {
                CheckoutMetrics.idempotency("replay")
                return IdempotentReply(response: response, isReplay: true)
            }
        }
        let reply: IdempotentReply?
        do {
            reply = try await store.withIdempotencyKeyLock(request.key) {
                try await runHoldingKey(request, work)
            }
        } catch let error as StoreError {
            throw CheckoutError.store(error)
        }
        guard let reply else {
            CheckoutMetrics.idempotency("conflict")
            throw CheckoutError.conflict(retryAfterSeconds: 1)
        }
        return reply
    }
    private func runHoldingKey(
        _ request: IdempotentRequest, _ work: @Sendable () async throws -> IdempotentResponse
    ) async throws -> IdempotentReply {
        // Another attempt may have finished between the insert and taking the lock.
        let record: IdempotencyRecord?
        do {
            record = try await store.idempotencyRecord(key: request.key)
        } catch {
            throw CheckoutError.store(error)
        }
        if let response = record?.response {
            CheckoutMetrics.idempotency("replay")
            return IdempotentReply(response: response, isReplay: true)
        }
        let result = try await work()
        guard result.isFinal else { return IdempotentReply(response: result.response, isReplay: false) }
        do {
            let stored = try await store.finishIdempotencyRecord(key: request.key, response: result.response, now: now())
            return IdempotentReply(response: stored.response ?? result.response, isReplay: false)
        } catch {
            // The work is done (an order may exist); a retry finds it through the cart, so answer what it made.
            logger.warning("could not store an idempotent response", metadata: ["error": "\(error)"])
            return IdempotentReply(response: result.response, isReplay: false)
        }
    }

    private static func checkSameRequest(_ record: IdempotencyRecord, _ request: IdempotentRequest)
        throws(CheckoutError)
    {
        guard record.cartID == request.cartID, record.route == request.route,
            record.fingerprint == request.fingerprint
        else {
            // The other request's cart id is not named: a cart id lets its holder read and complete the cart.
            throw CheckoutError(
                .reusedKey, "This Idempotency-Key was already used for another request; send a new key")
        }
    }
}
