import Foundation
import Logging

/// A message for a customer's inbox: CartBridge sends no email itself; a notifier hands it to whatever does
/// (a webhook the store runs, or the log in demo mode).
public enum AccountMessage: Sendable, Equatable {
    /// `POST /store/customers/password-token`: the token for `POST /store/customers/password-reset`.
    case passwordReset(email: String, customerID: String, token: String)
    /// `POST /store/orders/batch/customer/token`: sent to the orders' email, to confirm at
    /// `POST /store/orders/customer/confirm`. `requestedBy` is the email of the account that asked: confirming
    /// gives the orders to that account, so the message must say whose it is.
    case orderClaim(email: String, orderIDs: [String], token: String, requestedBy: String)
}

public protocol AccountNotifier: Sendable {
    func deliver(_ message: AccountMessage) async
}

/// Demo mode only (the built-in simulator): tokens go to the log, so a new user can try password reset and
/// order claims without a mail system. Never used with real merchants.
public struct LoggingAccountNotifier: AccountNotifier {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func deliver(_ message: AccountMessage) async {
        switch message {
        case .passwordReset(let email, _, let token):
            logger.notice("demo mode: password reset token", metadata: ["email": "\(email)", "token": "\(token)"])
        case .orderClaim(let email, let orderIDs, let token, let requestedBy):
            logger.notice(
                "demo mode: order claim token",
                metadata: [
                    "email": "\(email)", "orders": "\(orderIDs.joined(separator: ","))", "token": "\(token)",
                    "requested_by": "\(requestedBy)",
                ])
        }
    }
}

/// No way to reach customers is configured: the message is dropped, and the log says so (without the token).
public struct DroppingAccountNotifier: AccountNotifier {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func deliver(_ message: AccountMessage) async {
        logger.warning("an account message was not delivered: set accounts.notify_url", metadata: ["kind": "\(message.kind)"])
    }
}

extension AccountMessage {
    var kind: String {
        switch self {
        case .passwordReset: "password_reset"
        case .orderClaim: "order_claim"
        }
    }
}
