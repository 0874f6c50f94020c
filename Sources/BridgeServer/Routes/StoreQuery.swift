import Bridge
import MedusaV1
import Foundation
import Hummingbird
import MedusaAPI

/// A store request's query string as Express's `qs` parser reads it: `+` is a space, and `id=a&id=b`,
/// `id[]=a` and `id[0]=a` all name the list `id`.
struct StoreQuery {
    private let parameters: [(name: String, value: String)]

    init(_ request: Request) {
        parameters = (request.uri.query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decoded(parts[0]).map(Self.listName) ?? ""
            let value = parts.count > 1 ? Self.decoded(parts[1]) ?? "" : ""
            return (name, value)
        }
    }

    /// The first value of `name`.
    func string(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    func strings(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.map(\.value)
    }

    /// `limit` (the route's default, else 100) and `offset` (default 0).
    func pageRequest(defaultLimit: Int = 100) throws(MedusaError) -> PageRequest {
        PageRequest(limit: try integer("limit", default: defaultLimit), offset: try integer("offset", default: 0))
    }

    /// A boolean parameter (`true`/`false`, as class-transformer reads them); nil when absent.
    func bool(_ name: String) throws(MedusaError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalidData("\(name) must be a boolean value")
        }
    }

    /// The price context Medusa derives from `region_id`, `cart_id` and `currency_code`.
    var pricing: PricingContext {
        PricingContext(regionID: string("region_id"), cartID: string("cart_id"), currencyCode: string("currency_code"))
    }

    /// A non-negative integer parameter, with class-validator's message when it is not one.
    private func integer(_ name: String, default fallback: Int) throws(MedusaError) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text), value >= 0 else {
            throw .invalidData("\(name) must be a number conforming to the specified constraints")
        }
        return value
    }

    private static func decoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `id[]` and `id[3]` are the list `id`.
    private static func listName(_ name: String) -> String {
        guard name.hasSuffix("]"), let open = name.firstIndex(of: "["),
            name[name.index(after: open)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber)
        else { return name }
        return String(name[..<open])
    }
}
