import Foundation

/// The loaded and checked catalog: every merchant by domain, in file order.
struct Catalog: Sendable {
    let merchants: [Merchant]
    private let merchantsByDomain: [String: Merchant]

    init(merchants: [Merchant]) {
        self.merchants = merchants
        merchantsByDomain = Dictionary(merchants.map { ($0.domain, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var domains: [String] { merchants.map(\.domain) }

    func merchant(domain: String) -> Merchant? {
        merchantsByDomain[domain]
    }

    /// Stock on hand at start: domain → SKU → units.
    var initialStock: [String: [String: Int]] {
        var stock: [String: [String: Int]] = [:]
        for merchant in merchants {
            for product in merchant.products {
                for variant in product.variants {
                    stock[merchant.domain, default: [:]][variant.sku] = variant.stock
                }
            }
        }
        return stock
    }
}

extension Merchant {
    /// The product and variant an `add_to_cart_ref.variant_id` (our SKU) names.
    func variant(sku: String) -> (product: CatalogProduct, variant: CatalogVariant)? {
        for product in products {
            if let variant = product.variants.first(where: { $0.sku == sku }) {
                return (product, variant)
            }
        }
        return nil
    }
}

/// A catalog file that cannot be used, with the path and what is wrong with it.
public struct SimulatorCatalogError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public var description: String { "simulator catalog \(path): \(problem)" }
}

enum CatalogLoader {
    static func load(path: String) throws(SimulatorCatalogError) -> Catalog {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SimulatorCatalogError(path: path, problem: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    static func decode(_ data: Data, path: String) throws(SimulatorCatalogError) -> Catalog {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        let file: CatalogFile
        do {
            file = try decoder.decode(CatalogFile.self, from: data)
        } catch let error as DecodingError {
            throw SimulatorCatalogError(path: path, problem: error.catalogProblem)
        } catch {
            throw SimulatorCatalogError(path: path, problem: "is not valid JSON")
        }
        if let problem = CatalogValidation.firstProblem(in: file) {
            throw SimulatorCatalogError(path: path, problem: problem)
        }
        return Catalog(merchants: file.merchants)
    }
}

extension DecodingError {
    /// "merchants[0].products[2].variants[1].price: expected Int" style text, pointing into the file.
    var catalogProblem: String {
        func location(_ path: [any CodingKey]) -> String {
            let text = path.reduce(into: "") { text, key in
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue.snakeCased : ".\(key.stringValue.snakeCased)"
                }
            }
            return text.isEmpty ? "top level" : text
        }
        switch self {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "top level" : location(context.codingPath)
            return "\(parent): missing field \"\(key.stringValue.snakeCased)\""
        case .typeMismatch(let type, let context):
            return "\(location(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(location(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "is not valid JSON" : "\(location(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "cannot be decoded"
        }
    }
}

extension String {
    /// `displayName` → `display_name`, to report keys as the file spells them; other keys (`CA`) stay as they are.
    var snakeCased: String {
        guard first?.isLowercase == true else { return self }
        return reduce(into: "") { text, character in
            if character.isUppercase {
                text += "_" + character.lowercased()
            } else {
                text.append(character)
            }
        }
    }
}
