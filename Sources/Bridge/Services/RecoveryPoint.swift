import Foundation

/// The moments of a completion a crash must be survivable at, per merchant (numbered from 1 in the cart's
/// merchant order). Only the fault hook sees them (the fault suite crashes the process there): what a retry
/// resumes from is the cart itself (a recorded send, a placed order), saved before and after each merchant call.
public enum RecoveryPoint: Sendable, Equatable {
    case started
    /// complete-order is about to be sent; from here the merchant's outcome must be read back before a resend.
    case merchantRequested(Int)
    /// The merchant answered with an order that is not saved yet.
    case merchantAnswered(Int)
    case merchantPlaced(Int)
    /// The Medusa order exists; the response is not stored yet.
    case orderRecorded

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
