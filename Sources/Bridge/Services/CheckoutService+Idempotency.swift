import BridgeStore
import Foundation
import MedusaAPI

extension CheckoutService {
    /// The record is created before any work. A request runs while holding its key's lock, which dies with
    /// the process: a retry finding the lock held gets a 409 (the first attempt still runs), one finding it
    /// free resumes (the first attempt ended, perhaps by a crash). Carts stay under their own locks inside
    /// `work`, so different keys racing on one cart serialize there.
    public func idempotent(
        _ request: IdempotentRequest, _ work: @Sendable () async throws -> IdempotentResponse
    ) async throws -> IdempotentReply {
        let now = now()
        let insertion: IdempotencyInsertion
        do {
            insertion = try await store.insertIdempotencyRecord(
                IdempotencyRecord(
                    key: request.key, cartID: request.cartID, route: request.route, fingerprint: request.fingerprint,
                    recoveryPoint: RecoveryPoint.started.name, createdAt: now, updatedAt: now))
        } catch {
            throw Self.storeFailure(error)
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
            throw Self.storeFailure(error)
        }
        guard let reply else {
            CheckoutMetrics.idempotency("conflict")
            throw MedusaError.conflict(retryAfterSeconds: 1)
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
            throw Self.storeFailure(error)
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
        throws(MedusaError)
    {
        guard record.cartID == request.cartID, record.route == request.route,
            record.fingerprint == request.fingerprint
        else {
            // The other request's cart id is not named: a cart id lets its holder read and complete the cart.
            throw MedusaError(
                .duplicateError, "This Idempotency-Key was already used for another request; send a new key")
        }
    }

    /// Records how far the completion of `key` got, and gives the fault hook its chance. A missing record
    /// (a completion run without one) is not an error: the cart holds the state that resumption needs.
    func reachedRecoveryPoint(_ point: RecoveryPoint, key: String) async throws(MedusaError) {
        if point.isRecorded {
            do {
                try await store.setRecoveryPoint(key: key, point.name, now: now())
            } catch where error.kind == .notFound {
            } catch {
                throw Self.storeFailure(error)
            }
        }
        faultHook(point.name)
    }
}

/// How far a completion got, per merchant (numbered from 1 in the cart's merchant order).
public enum RecoveryPoint: Sendable, Equatable {
    case started
    /// complete-order is about to be sent; from here the merchant's outcome must be read back before a resend.
    case merchantRequested(Int)
    /// The merchant answered with an order that is not saved yet.
    case merchantAnswered(Int)
    case merchantPlaced(Int)
    /// The Medusa order exists; the response is not stored yet.
    case orderRecorded

    /// The points written to the idempotency record; the others are moments between two writes, which only
    /// the fault hook sees (a crash there is what the fault tests need to provoke).
    var isRecorded: Bool {
        switch self {
        case .merchantAnswered, .orderRecorded: false
        case .started, .merchantRequested, .merchantPlaced: true
        }
    }

    public var name: String {
        switch self {
        case .started: "started"
        case .merchantRequested(let index): "merchant \(index) requested"
        case .merchantAnswered(let index): "merchant \(index) answered"
        case .merchantPlaced(let index): "merchant \(index) placed"
        case .orderRecorded: "order recorded"
        }
    }
}
