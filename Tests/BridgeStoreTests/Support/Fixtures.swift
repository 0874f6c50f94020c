import BridgeStore
import Foundation

/// A date on a whole millisecond, the precision the stores keep.
func date(_ secondsSince1970: Double) -> Date {
    Date(timeIntervalSince1970: secondsSince1970)
}

let createdAt = date(1_750_000_000.123)

func cartRecord(_ id: String = "cart_\(UUID().uuidString)", body: String = #"{"items":[]}"#) -> CartRecord {
    CartRecord(id: id, body: Data(body.utf8), createdAt: createdAt, updatedAt: createdAt)
}

func storedCard(cartID: String, jwe: String = "eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.a.b.c.d", expiresAt: Date) -> StoredCard {
    StoredCard(cartID: cartID, sessionID: "ps_\(cartID)", jwe: jwe, kid: "key-1", expiresAt: expiresAt, createdAt: createdAt)
}

func newOrder(
    cartID: String, id: String = "order_\(UUID().uuidString)", email: String? = "ada@example.com", customerID: String? = nil
) -> NewOrder {
    NewOrder(
        id: id, cartID: cartID, email: email, customerID: customerID, body: Data(#"{"id":"\#(id)"}"#.utf8),
        createdAt: createdAt)
}

func customerRecord(_ id: String = "cus_\(UUID().uuidString)", email: String = "ada@example.com") -> CustomerRecord {
    CustomerRecord(
        id: id, email: email, passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA", body: Data(#"{"first_name":"Ada"}"#.utf8),
        createdAt: createdAt, updatedAt: createdAt)
}
