import BridgeStore
import Foundation
import Testing

@Suite("Customers")
struct CustomerStoreTests {
    // MARK: Accounts

    @Test(arguments: StoreFactory.all)
    func insertedCustomerReadsBackByIDAndByEmailInAnyCase(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = customerRecord(email: "Ada.Lovelace@Example.com")
            let unicode = customerRecord(email: "ÉMILE@example.com")
            try await store.insertCustomer(record)
            try await store.insertCustomer(unicode)

            var stored = record
            stored.email = "ada.lovelace@example.com"
            #expect(try await store.customer(id: record.id) == stored)
            #expect(try await store.customer(email: "ada.lovelace@example.com") == stored)
            #expect(try await store.customer(email: "ADA.LOVELACE@EXAMPLE.COM") == stored)
            #expect(try await store.customer(email: "émile@example.com")?.id == unicode.id)
            #expect(try await store.customer(id: "cus_missing") == nil)
            #expect(try await store.customer(email: "eve@example.com") == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anExistingIDOrEmailInAnyCaseIsADuplicate(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = customerRecord(email: "ada@example.com")
            try await store.insertCustomer(record)

            let sameID = await #expect(throws: StoreError.self) {
                try await store.insertCustomer(customerRecord(record.id, email: "eve@example.com"))
            }
            let sameEmail = await #expect(throws: StoreError.self) {
                try await store.insertCustomer(customerRecord(email: "ADA@Example.com"))
            }
            #expect(sameID?.kind == .duplicate)
            #expect(sameEmail?.kind == .duplicate)
            #expect(try await store.customer(id: record.id) == record)
            #expect(try await store.customer(email: "eve@example.com") == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func updateStoresTheFieldsAndBumpsTheVersion(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = customerRecord(email: "ada@example.com")
            try await store.insertCustomer(record)

            var change = record
            change.email = "Countess@Example.com"
            change.passwordHash = "scrypt$16384$8$1$bmV3$bmV3"
            change.body = Data(#"{"first_name":"Augusta"}"#.utf8)
            change.updatedAt = date(1_750_000_200.25)
            change.createdAt = date(1)  // ignored: createdAt never changes
            let updated = try await store.updateCustomer(change)

            #expect(updated.version == record.version + 1)
            #expect(updated.email == "countess@example.com")
            #expect(updated.passwordHash == change.passwordHash)
            #expect(updated.body == change.body)
            #expect(updated.updatedAt == change.updatedAt)
            #expect(updated.createdAt == record.createdAt)
            #expect(try await store.customer(id: record.id) == updated)
            #expect(try await store.customer(email: "COUNTESS@example.com") == updated)
            #expect(try await store.customer(email: "ada@example.com") == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func updateFromAStaleVersionIsAConflict(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let record = customerRecord()
            try await store.insertCustomer(record)
            let current = try await store.updateCustomer(record)

            let error = await #expect(throws: StoreError.self) { _ = try await store.updateCustomer(record) }
            #expect(error?.kind == .conflict)
            #expect(try await store.customer(id: record.id) == current)
        }
    }

    @Test(arguments: StoreFactory.all)
    func updatingAMissingCustomerIsNotFound(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let error = await #expect(throws: StoreError.self) { _ = try await store.updateCustomer(customerRecord()) }
            #expect(error?.kind == .notFound)
        }
    }

    @Test(arguments: StoreFactory.all)
    func changingTheEmailToAnotherCustomersIsADuplicate(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let ada = customerRecord(email: "ada@example.com")
            let eve = customerRecord(email: "eve@example.com")
            try await store.insertCustomer(ada)
            try await store.insertCustomer(eve)

            var change = eve
            change.email = "Ada@Example.com"
            let error = await #expect(throws: StoreError.self) { _ = try await store.updateCustomer(change) }
            #expect(error?.kind == .duplicate)
            #expect(try await store.customer(id: eve.id) == eve)
            #expect(try await store.customer(email: "ada@example.com") == ada)
        }
    }

    // MARK: Orders

    @Test(arguments: StoreFactory.all)
    func anOrderRecordsItsCustomer(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let new = newOrder(cartID: "cart_a", customerID: "cus_ada")
            let order = try await store.insertOrder(new)

            #expect(order.customerID == "cus_ada")
            #expect(try await store.order(id: new.id) == order)
            #expect(try await store.order(cartID: "cart_a") == order)
            #expect(try await store.order(displayID: order.displayID, email: "ada@example.com") == order)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aCustomersOrdersAreTheirsAndTheGuestOrdersOfTheirEmailNewestFirst(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let guest = try await store.insertOrder(newOrder(cartID: "cart_1", email: "ada@example.com"))
            let own = try await store.insertOrder(newOrder(cartID: "cart_2", customerID: "cus_ada"))
            _ = try await store.insertOrder(newOrder(cartID: "cart_3", email: "ada@example.com", customerID: "cus_other"))
            let guestInOtherCase = try await store.insertOrder(newOrder(cartID: "cart_4", email: "ADA@Example.COM"))
            _ = try await store.insertOrder(newOrder(cartID: "cart_5", email: "eve@example.com"))
            let ownWithOtherEmail = try await store.insertOrder(
                newOrder(cartID: "cart_6", email: "ada.work@example.com", customerID: "cus_ada"))
            _ = try await store.insertOrder(newOrder(cartID: "cart_7", email: nil))

            let all = try await store.orders(customerID: "cus_ada", email: "Ada@example.com", limit: 10, offset: 0)
            #expect(all.orders == [ownWithOtherEmail, guestInOtherCase, own, guest])
            #expect(all.count == 4)

            let first = try await store.orders(customerID: "cus_ada", email: "ada@example.com", limit: 2, offset: 0)
            let second = try await store.orders(customerID: "cus_ada", email: "ada@example.com", limit: 2, offset: 2)
            let beyond = try await store.orders(customerID: "cus_ada", email: "ada@example.com", limit: 2, offset: 4)
            #expect(first.orders == [ownWithOtherEmail, guestInOtherCase])
            #expect(second.orders == [own, guest])
            #expect(beyond.orders.isEmpty)
            #expect([first.count, second.count, beyond.count] == [4, 4, 4] as [Int])

            // Without an email, only the customer's own (what an account lists before it claims guest orders).
            let owned = try await store.orders(customerID: "cus_ada", email: nil, limit: 10, offset: 0)
            #expect(owned.orders == [ownWithOtherEmail, own])
            #expect(owned.count == 2)
        }
    }

    @Test(arguments: StoreFactory.all)
    func guestOrdersMatchTheEmailLowerCasedBeyondASCII(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let order = try await store.insertOrder(newOrder(cartID: "cart_a", email: "ÉMILE@example.com"))

            let found = try await store.orders(customerID: "cus_emile", email: "émile@example.com", limit: 10, offset: 0)
            #expect(found.orders == [order])
            #expect(found.count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func assignedOrdersBelongToTheCustomer(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let first = try await store.insertOrder(newOrder(cartID: "cart_a", email: "ada@example.com"))
            let second = try await store.insertOrder(newOrder(cartID: "cart_b", email: "ada.old@example.com"))
            let other = try await store.insertOrder(newOrder(cartID: "cart_c", email: "ada@example.com"))

            let changed = try await store.assignOrders(ids: [first.id, second.id, "order_missing"], toCustomer: "cus_ada")

            #expect(changed == 2)
            #expect(try await store.order(id: first.id)?.customerID == "cus_ada")
            #expect(try await store.order(id: second.id)?.customerID == "cus_ada")
            #expect(try await store.order(id: other.id)?.customerID == nil)
            let owned = try await store.orders(customerID: "cus_ada", email: "nobody@example.com", limit: 10, offset: 0)
            #expect(owned.orders.map(\.id) == [second.id, first.id])
            // Claimed by Ada's account, the first order is no longer a guest order of its email.
            let guests = try await store.orders(customerID: "cus_eve", email: "ada@example.com", limit: 10, offset: 0)
            #expect(guests.orders.map(\.id) == [other.id])
        }
    }

    @Test(arguments: StoreFactory.all)
    func assigningOrdersTheCustomerHasOrNoneChangesNothing(factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let order = try await store.insertOrder(newOrder(cartID: "cart_a", customerID: "cus_ada"))

            #expect(try await store.assignOrders(ids: [order.id], toCustomer: "cus_ada") == 0)
            #expect(try await store.assignOrders(ids: [], toCustomer: "cus_ada") == 0)
            #expect(try await store.order(id: order.id) == order)
        }
    }
}
