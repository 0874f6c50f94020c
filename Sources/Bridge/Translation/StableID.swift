import Foundation

/// Medusa ids for things that live at the merchant, derived from the merchant's own keys and reversible
/// without a lookup table: `prefix_` + Crockford base32 of the key parts. The same merchant thing always
/// gets the same id, across restarts and instances.
public enum StableID: Sendable {
    case product(domain: String, handle: String)
    /// Keyed by SKU alone so a merchant line item (which carries no product handle) maps to its variant.
    case variant(domain: String, sku: String)
    case lineItem(domain: String, lineItemID: String)
    /// An addon shown as a custom line item; `lineItemID` is set for item-scope selections.
    case addonLine(domain: String, addonID: String, lineItemID: String?)
    /// The variant and product an addon line carries (storefronts read `variant.product` on every line); they
    /// are not in the catalog, so adding the variant to a cart finds nothing.
    case addonVariant(domain: String, addonID: String)
    case addonProduct(domain: String, addonID: String)
    case shippingProfile(domain: String, shipmentID: String)
    case shippingOption(domain: String, shipmentID: String, methodID: String)
    case shippingMethod(domain: String, shipmentID: String, methodID: String)
    /// The one profile a merchant's catalog products name as `profile_id` (carts split by shipment instead).
    case merchantProfile(domain: String)
    /// A product option (`option1`, …: the merchant's `property_accessor`).
    case productOption(domain: String, handle: String, option: String)
    /// One variant's value of one option.
    case optionValue(domain: String, sku: String, option: String)
    /// A variant's price in the merchant's currency.
    case price(domain: String, sku: String, currency: String)
    case productImage(domain: String, handle: String, url: String)
    /// A discount code as the cart shows it, and its rule.
    case discount(code: String)
    case discountRule(code: String)
    /// The guest customer Medusa attaches to an order, one per email address.
    case guestCustomer(email: String)
    /// Navigation groups, keyed by handle (tags and types by value): see `CatalogNavigation`.
    case collection(handle: String)
    case category(handle: String)
    case productTag(value: String)
    case productType(value: String)
    /// The payment an order shows for one merchant's charge, keyed by the merchant's cart.
    case payment(domain: String, merchantCartID: String)

    public var id: String {
        switch self {
        case .product(let domain, let handle): Self.encode("prod", [domain, handle])
        case .variant(let domain, let sku): Self.encode("variant", [domain, sku])
        case .lineItem(let domain, let line): Self.encode("item", ["L", domain, line])
        case .addonLine(let domain, let addon, let line): Self.encode("item", ["A", domain, addon] + (line.map { [$0] } ?? []))
        case .addonVariant(let domain, let addon): Self.encode("variant", ["A", domain, addon])
        case .addonProduct(let domain, let addon): Self.encode("prod", ["A", domain, addon])
        case .shippingProfile(let domain, let shipment): Self.encode("sp", [domain, shipment])
        case .shippingOption(let domain, let shipment, let method): Self.encode("so", [domain, shipment, method])
        case .shippingMethod(let domain, let shipment, let method): Self.encode("sm", [domain, shipment, method])
        case .merchantProfile(let domain): Self.encode("sp", [domain])
        case .productOption(let domain, let handle, let option): Self.encode("opt", [domain, handle, option])
        case .optionValue(let domain, let sku, let option): Self.encode("optval", [domain, sku, option])
        case .price(let domain, let sku, let currency): Self.encode("ma", [domain, sku, currency])
        case .productImage(let domain, let handle, let url): Self.encode("img", [domain, handle, url])
        case .discount(let code): Self.encode("disc", [code])
        case .discountRule(let code): Self.encode("dru", [code])
        case .guestCustomer(let email): Self.encode("cus", [email])
        case .collection(let handle): Self.encode("pcol", [handle])
        case .category(let handle): Self.encode("pcat", [handle])
        case .productTag(let value): Self.encode("ptag", [value])
        case .productType(let value): Self.encode("ptyp", [value])
        case .payment(let domain, let cart): Self.encode("pay", [domain, cart])
        }
    }

    /// Decodes an id made by `id`; nil for anything else (including Medusa ids we did not make).
    public init?(_ id: String) {
        guard let separator = id.firstIndex(of: "_") else { return nil }
        let prefix = id[..<separator]
        guard let parts = Self.decode(id[id.index(after: separator)...]) else { return nil }
        switch (prefix, parts.count) {
        case ("prod", 2): self = .product(domain: parts[0], handle: parts[1])
        case ("variant", 2): self = .variant(domain: parts[0], sku: parts[1])
        case ("item", 3) where parts[0] == "L": self = .lineItem(domain: parts[1], lineItemID: parts[2])
        case ("item", 3) where parts[0] == "A": self = .addonLine(domain: parts[1], addonID: parts[2], lineItemID: nil)
        case ("item", 4) where parts[0] == "A":
            self = .addonLine(domain: parts[1], addonID: parts[2], lineItemID: parts[3])
        case ("variant", 3) where parts[0] == "A": self = .addonVariant(domain: parts[1], addonID: parts[2])
        case ("prod", 3) where parts[0] == "A": self = .addonProduct(domain: parts[1], addonID: parts[2])
        case ("sp", 2): self = .shippingProfile(domain: parts[0], shipmentID: parts[1])
        case ("so", 3): self = .shippingOption(domain: parts[0], shipmentID: parts[1], methodID: parts[2])
        case ("sm", 3): self = .shippingMethod(domain: parts[0], shipmentID: parts[1], methodID: parts[2])
        case ("sp", 1): self = .merchantProfile(domain: parts[0])
        case ("opt", 3): self = .productOption(domain: parts[0], handle: parts[1], option: parts[2])
        case ("optval", 3): self = .optionValue(domain: parts[0], sku: parts[1], option: parts[2])
        case ("ma", 3): self = .price(domain: parts[0], sku: parts[1], currency: parts[2])
        case ("img", 3): self = .productImage(domain: parts[0], handle: parts[1], url: parts[2])
        case ("disc", 1): self = .discount(code: parts[0])
        case ("dru", 1): self = .discountRule(code: parts[0])
        case ("cus", 1): self = .guestCustomer(email: parts[0])
        case ("pcol", 1): self = .collection(handle: parts[0])
        case ("pcat", 1): self = .category(handle: parts[0])
        case ("ptag", 1): self = .productTag(value: parts[0])
        case ("ptyp", 1): self = .productType(value: parts[0])
        case ("pay", 2): self = .payment(domain: parts[0], merchantCartID: parts[1])
        default: return nil
        }
    }

    // MARK: Crockford base32 of the parts joined by U+001F (unit separator, never in a domain or merchant id)

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    private static let reverse: [UInt8: UInt8] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, UInt8($0.offset)) })

    private static func encode(_ prefix: String, _ parts: [String]) -> String {
        let bytes = Array(parts.joined(separator: "\u{1F}").utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[(buffer >> bits) & 0x1F])
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 0x1F]) }
        return prefix + "_" + String(decoding: output, as: UTF8.self)
    }

    private static func decode(_ text: Substring) -> [String]? {
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.utf8 {
            guard let value = reverse[character] else { return nil }
            buffer = (buffer << 5) | Int(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
            buffer &= (1 << bits) - 1
        }
        // Leftover bits must be zero padding, or the text was not made by `encode`.
        guard bits < 5, buffer == 0, !bytes.isEmpty, let joined = String(validating: bytes, as: UTF8.self) else {
            return nil
        }
        return joined.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    }
}

extension StableID: Hashable {}
