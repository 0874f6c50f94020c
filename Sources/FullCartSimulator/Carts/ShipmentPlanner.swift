/// How lines become shipments: one shipment per shipping class, and which shipping method each one uses.
enum ShipmentPlanner {
    /// A line as shipment grouping sees it.
    struct LineClass: Sendable, Equatable {
        let lineID: String
        let shippingClass: String
    }

    /// One shipment per shipping class present, in the order the classes first appear among the lines.
    /// Existing shipments keep their id and choices; a shipment whose class has no lines left is dropped.
    static func group(
        lines: [LineClass], existing: [ShipmentState], defaultFulfillmentType: (String) -> String,
        makeID: () -> String
    ) -> [ShipmentState] {
        var classes: [String] = []
        for line in lines where !classes.contains(line.shippingClass) {
            classes.append(line.shippingClass)
        }
        return classes.map { shippingClass in
            existing.first { $0.shippingClass == shippingClass }
                ?? ShipmentState(
                    id: makeID(), shippingClass: shippingClass,
                    fulfillmentTypeID: defaultFulfillmentType(shippingClass))
        }
    }

    /// The lines a shipment carries, in cart order.
    static func lineIDs(of shipment: ShipmentState, in lines: [LineClass]) -> [String] {
        lines.filter { $0.shippingClass == shipment.shippingClass }.map(\.lineID)
    }

    /// Keeps the current method while it is still offered; otherwise the cheapest offered one (the first on a
    /// tie), or nil when nothing is offered.
    static func selectMethod(current: String?, options: [ShippingMethodOption]) -> String? {
        if let current, options.contains(where: { $0.id == current }) { return current }
        return cheapest(options)?.id
    }

    static func cheapest(_ options: [ShippingMethodOption]) -> ShippingMethodOption? {
        options.min { $0.price < $1.price }
    }
}
