import Bridge
import Foundation
import FullCartAPI
import MedusaAPI

/// `mappings/full-cart-errors.json`: how each Full Cart error code (and each transport failure of the client)
/// reaches the storefront as a Medusa error envelope. (Its `complete_order` column is the core's:
/// `CompleteOrderRules`.)
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

    public static func load(directory: URL) throws(MappingTableError) -> ErrorCodeTable {
        let file = try MappingFile.decode(FileFormat.self, named: fileName, in: directory)
        let fallback = try file.fallback.validated(entry: "default")
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

        enum CodingKeys: String, CodingKey {
            case fullCartCode = "full_cart_code"
            case status, type, code, message
            case retryAfterSeconds = "retry_after_seconds"
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
            return Entry(
                status: status, type: medusaType, code: code.map(MedusaErrorCode.init(rawValue:)), message: template,
                retryAfterSeconds: retryAfterSeconds)
        }
    }
}
