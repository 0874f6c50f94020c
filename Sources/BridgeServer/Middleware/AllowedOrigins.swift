import Foundation

/// Medusa's `store_cors`: the browser origins allowed to call the store API.
public struct AllowedOrigins: Sendable, Hashable {
    /// Exact origins (`http://localhost:8000`); `*` allows every origin.
    public var origins: [String]

    /// Parses Medusa's comma-separated form; an empty string allows no cross-origin access.
    public init(storeCORS: String) {
        origins = storeCORS.commaSeparatedItems
    }

    /// Browsers send the origin `null` from sandboxed and file pages; it is never trusted.
    func allows(_ origin: String) -> Bool {
        origin != "null" && (origins.contains("*") || origins.contains(origin))
    }
}

extension String {
    /// The non-empty, trimmed items of a comma-separated setting (`a, b,,c` is `[a, b, c]`).
    var commaSeparatedItems: [String] {
        split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
