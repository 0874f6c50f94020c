import Hummingbird

extension SimulatorRoutes {
    static let allowedPageSizes = [100, 500, 1000, 2000]

    /// C2 product list and C1 product by handle.
    func addCatalogRoutes(to router: Router<Context>) {
        merchantRoute(router, .get, "/api/v1/domains-products/:domain") { [state] request, context in
            _ = try await authenticatedDevice(request)
            let query = request.uri.queryParameters
            let size =
                try query.get("size").map { text in
                    guard let size = Int(text), Self.allowedPageSizes.contains(size) else {
                        throw SimulatorError.sizeInvalid()
                    }
                    return size
                } ?? 2000
            let page =
                try query.get("page").map { text in
                    guard let page = Int(text), page >= 1 else {
                        throw SimulatorError.invalidRequest("page must be a positive integer")
                    }
                    return page
                } ?? 1
            let baseURL = "http://\(request.head.authority ?? "127.0.0.1")"
            return try JSONIO.response(
                try await state.productSummaries(
                    domain: try merchantDomain(context), page: page, size: size, baseURL: baseURL))
        }
        merchantRoute(router, .get, "/api/v1/domains-products/:domain/:handle") { [state] request, context in
            _ = try await authenticatedDevice(request)
            let handle = try context.parameters.require("handle")
            return try JSONIO.response(try await state.product(domain: try merchantDomain(context), handle: handle))
        }
    }
}
