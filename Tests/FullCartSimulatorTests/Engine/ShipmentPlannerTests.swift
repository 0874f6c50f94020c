import Testing

@testable import FullCartSimulator

struct ShipmentPlannerTests {
    typealias Line = ShipmentPlanner.LineClass

    struct GroupingCase: Sendable, CustomTestStringConvertible {
        let name: String
        let lines: [Line]
        let existing: [ShipmentState]
        /// Expected (shipping class, shipment id) in order; new shipments get ids "new-1", "new-2", …
        let expected: [(String, String)]
        var testDescription: String { name }
    }

    static let parcelShipment = ShipmentState(
        id: "ship-parcel", shippingClass: "parcel", fulfillmentTypeID: "SHIP_TO_ADDRESS",
        shippingMethodID: "EXPRESS_2DAY")
    static let furnitureShipment = ShipmentState(
        id: "ship-furniture", shippingClass: "furniture", fulfillmentTypeID: "SCHEDULED_DELIVERY",
        shippingMethodID: "WHITE_GLOVE")

    static let groupingCases: [GroupingCase] = [
        GroupingCase(name: "no lines, no shipments", lines: [], existing: [], expected: []),
        GroupingCase(
            name: "first parcel line creates a shipment", lines: [Line(lineID: "a", shippingClass: "parcel")],
            existing: [], expected: [("parcel", "new-1")]),
        GroupingCase(
            name: "same class shares a shipment",
            lines: [Line(lineID: "a", shippingClass: "parcel"), Line(lineID: "b", shippingClass: "parcel")],
            existing: [parcelShipment], expected: [("parcel", "ship-parcel")]),
        GroupingCase(
            name: "furniture ships separately",
            lines: [Line(lineID: "a", shippingClass: "parcel"), Line(lineID: "b", shippingClass: "furniture")],
            existing: [parcelShipment], expected: [("parcel", "ship-parcel"), ("furniture", "new-1")]),
        GroupingCase(
            name: "a shipment left empty is removed", lines: [Line(lineID: "b", shippingClass: "furniture")],
            existing: [parcelShipment, furnitureShipment], expected: [("furniture", "ship-furniture")]),
        GroupingCase(
            name: "order follows the first line of each class",
            lines: [Line(lineID: "b", shippingClass: "furniture"), Line(lineID: "a", shippingClass: "parcel")],
            existing: [parcelShipment, furnitureShipment],
            expected: [("furniture", "ship-furniture"), ("parcel", "ship-parcel")]),
    ]

    @Test(arguments: groupingCases)
    func groupsLinesByShippingClass(_ testCase: GroupingCase) {
        var counter = 0
        let shipments = ShipmentPlanner.group(
            lines: testCase.lines, existing: testCase.existing, defaultFulfillmentType: { _ in "SHIP_TO_ADDRESS" },
            makeID: {
                counter += 1
                return "new-\(counter)"
            })
        #expect(shipments.map(\.shippingClass) == testCase.expected.map(\.0))
        #expect(shipments.map(\.id) == testCase.expected.map(\.1))
    }

    @Test func existingShipmentsKeepTheirChoices() {
        let shipments = ShipmentPlanner.group(
            lines: [Line(lineID: "b", shippingClass: "furniture")], existing: [Self.furnitureShipment],
            defaultFulfillmentType: { _ in "SHIP_TO_ADDRESS" }, makeID: { "unused" })
        #expect(shipments == [Self.furnitureShipment])
    }

    @Test func lineIDsFollowCartOrder() {
        let lines = [
            Line(lineID: "a", shippingClass: "parcel"), Line(lineID: "b", shippingClass: "furniture"),
            Line(lineID: "c", shippingClass: "parcel"),
        ]
        #expect(ShipmentPlanner.lineIDs(of: Self.parcelShipment, in: lines) == ["a", "c"])
        #expect(ShipmentPlanner.lineIDs(of: Self.furnitureShipment, in: lines) == ["b"])
    }

    static let standard = TestCatalog.shippingMethod("STANDARD", price: 599)
    static let express = TestCatalog.shippingMethod("EXPRESS", price: 1499)
    static let freight = TestCatalog.shippingMethod("FREIGHT", price: 599)

    @Test(
        arguments: [
            (nil, [express, standard], "STANDARD"),
            ("EXPRESS", [express, standard], "EXPRESS"),
            ("OVERNIGHT", [express, standard], "STANDARD"),
            (nil, [standard, freight], "STANDARD"),  // a tie keeps the first
            ("EXPRESS", [], nil),
        ] as [(String?, [ShippingMethodOption], String?)])
    func selectsTheCheapestWhenTheCurrentMethodIsGone(
        current: String?, options: [ShippingMethodOption], expected: String?
    ) {
        #expect(ShipmentPlanner.selectMethod(current: current, options: options) == expected)
    }
}
