import Foundation
import FullCartAPI
import MedusaAPI

/// `mappings/full-cart-errors.json`: how each Full Cart error code (and each transport failure of the client)
/// reaches the storefront as a Medusa error envelope.
public struct ErrorCodeTable: Sendable {
    public static let fileName = "full-cart-errors.json"

    public struct Entry: Sendable, Hashable {
        /// The status the storefront should see: Medusa's status for `type`, or 503 for a transient outage.
        public var status: Int
        public var type: MedusaErrorType
        public var code: MedusaErrorCode?
        public var message: MessageTemplate
        /// Sent as `Retry-After`; set exactly when `status` is 503.
        public var retryAfterSeconds: Int?
        /// What this code, in the merchant's own error envelope, says about a complete-order: nil (the default)
        /// means the order may have been placed, and CartBridge reads the merchant cart back.
        public var completeOrder: CompleteOrderRefusal?
    }

    /// A complete-order refusal that means nothing was placed (`complete_order` in the file).
    public enum CompleteOrderRefusal: String, Sendable, Hashable {
        /// `not_placed`: declined, invalid, incomplete; nothing happened at the merchant.
        case notPlaced = "not_placed"
        /// `not_placed_check_key`: as `not_placed`, and the card may have been encrypted to a key the merchant
        /// has since rotated: fetch its key again and, if it changed, send once more.
        case notPlacedCheckKey = "not_placed_check_key"
    }

    public let entries: [String: Entry]
    /// For a code the table does not name.
    public let fallback: Entry

    public func entry(for code: String) -> Entry {
        entries[code] ?? fallback
    }

    public func translate(_ error: FullCartError, domain: String) -> MedusaError {
        let entry = entry(for: error.code)
        let message = entry.message.render([
            .description: error.message.isEmpty ? error.code : error.message,
            .domain: domain,
            .code: error.code,
        ])
        let headers = entry.retryAfterSeconds.map { ["Retry-After": String($0)] } ?? [:]
        return MedusaError(
            entry.type, message, code: entry.code, headers: headers,
            status: entry.status == entry.type.httpStatus ? nil : entry.status, cause: error.description)
    }

    /// What a failed complete-order says about the order. Only the merchant's own envelope (never a proxy's
    /// page, a timeout or an unreadable answer) with a code the table marks can say "nothing was placed"; a
    /// connection that never opened sent nothing.
    public func completeOrderRefusal(_ error: FullCartError) -> CompleteOrderRefusal? {
        switch error.kind {
        case .connectionFailed: .notPlaced
        case .merchant: entries[error.code]?.completeOrder
        case .connectionLost, .timeout, .invalidResponse, .unrecognizedAnswer: nil
        }
    }

    public static func load(directory: URL) throws(MappingTableError) -> ErrorCodeTable {
        let file = try MappingFile.decode(FileFormat.self, named: fileName, in: directory)
        let fallback = try file.fallback.validated(entry: "default")
        guard fallback.completeOrder == nil else {
            throw MappingTableError(
                file: fileName, entry: "default",
                reason: "complete_order cannot be set on the default: an unknown code may have placed the order")
        }
        var entries: [String: Entry] = [:]
        for (index, raw) in file.entries.enumerated() {
            let name = "[\(index)] \"\(raw.fullCartCode ?? "")\""
            guard let code = raw.fullCartCode, !code.isEmpty else {
                throw MappingTableError(file: fileName, entry: name, reason: "full_cart_code is missing or empty")
            }
            guard entries[code] == nil else {
                throw MappingTableError(file: fileName, entry: name, reason: "full_cart_code appears twice")
            }
            entries[code] = try raw.validated(entry: name)
        }
        return ErrorCodeTable(entries: entries, fallback: fallback)
    }

    private struct FileFormat: Decodable {
        var fallback: RawEntry
        var entries: [RawEntry]

        enum CodingKeys: String, CodingKey {
            case fallback = "default"
            case entries
        }
    }

    private struct RawEntry: Decodable {
        var fullCartCode: String?
        var status: Int
        var type: String
        var code: String?
        var message: String
        var retryAfterSeconds: Int?
        var completeOrder: String?

        enum CodingKeys: String, CodingKey {
            case fullCartCode = "full_cart_code"
            case status, type, code, message
            case retryAfterSeconds = "retry_after_seconds"
            case completeOrder = "complete_order"
        }

        func validated(entry: String) throws(MappingTableError) -> Entry {
            func failure(_ reason: String) -> MappingTableError {
                MappingTableError(file: ErrorCodeTable.fileName, entry: entry, reason: reason)
            }
            guard let medusaType = MedusaErrorType(rawValue: type) else {
                throw failure(
                    "unknown type \"\(type)\"; use one of "
                        + MedusaErrorType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            // A 503 is the one status Medusa's handler never gives; it is how medusa-js learns to retry.
            if let retryAfterSeconds {
                guard status == 503, retryAfterSeconds > 0 else {
                    throw failure("retry_after_seconds needs status 503 and a positive number of seconds")
                }
            } else if status != medusaType.httpStatus {
                throw failure(
                    "status \(status) does not match type \(type) (\(medusaType.httpStatus)); "
                        + "only a 503 with retry_after_seconds may differ")
            }
            let template: MessageTemplate
            do throws(MessageTemplate.TemplateError) {
                template = try MessageTemplate(message)
            } catch {
                throw failure("message: \(error.reason)")
            }
            var refusal: CompleteOrderRefusal?
            if let completeOrder {
                guard let parsed = CompleteOrderRefusal(rawValue: completeOrder) else {
                    throw failure("complete_order must be \"not_placed\" or \"not_placed_check_key\"")
                }
                refusal = parsed
            }
            return Entry(
                status: status, type: medusaType, code: code.map(MedusaErrorCode.init(rawValue:)), message: template,
                retryAfterSeconds: retryAfterSeconds, completeOrder: refusal)
        }
    }
}
