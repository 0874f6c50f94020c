import AsyncHTTPClient
import Bridge
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends account messages to the store's own mail system: one JSON POST per message to `accounts.notify_url`
/// (`{kind, email, token, customer_id}` or `{kind, email, token, order_ids, requested_by}`), with a deadline. A failure is logged, without the token.
struct WebhookAccountNotifier: AccountNotifier {
    let url: String
    let http: HTTPClient
    let logger: Logger
    static let deadline = TimeAmount.seconds(10)

    func deliver(_ message: AccountMessage) async {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: Self.body(message)))
        do {
            let response = try await http.execute(request, timeout: Self.deadline)
            guard (200..<300).contains(response.status.code) else {
                logger.warning("the account message hook refused a message", metadata: ["status": "\(response.status.code)"])
                return
            }
        } catch {
            logger.warning("the account message hook could not be reached", metadata: ["error": "\(error)"])
        }
    }

    static func body(_ message: AccountMessage) -> Data {
        var fields: [String: Any]
        switch message {
        case .passwordReset(let email, let customerID, let token):
            fields = ["kind": "password_reset", "email": email, "customer_id": customerID, "token": token]
        case .orderClaim(let email, let orderIDs, let token, let requestedBy):
            fields = [
                "kind": "order_claim", "email": email, "order_ids": orderIDs, "token": token, "requested_by": requestedBy,
            ]
        }
        return (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    }
}
