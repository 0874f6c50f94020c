/// Why a store operation failed. `kind` is for decisions, `message` for people and logs.
/// Messages never contain card data or database credentials.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A struct rather than an enum so that new kinds (the PostgreSQL store will need some) do not break
    /// exhaustive `switch`es in callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case duplicate, conflict, notFound, unavailable, corrupt, invalidConfiguration, cancelled
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A record with the same key already exists.
        public static let duplicate = Kind(.duplicate)
        /// Optimistic concurrency: the record changed since it was read.
        public static let conflict = Kind(.conflict)
        /// The record to change does not exist.
        public static let notFound = Kind(.notFound)
        /// The database cannot be reached, is busy, closed, full or read-only.
        public static let unavailable = Kind(.unavailable)
        /// Stored data or schema is not what this build expects.
        public static let corrupt = Kind(.corrupt)
        /// The storage URL or schema version cannot be used by this build.
        public static let invalidConfiguration = Kind(.invalidConfiguration)
        /// The calling task was cancelled; nothing was changed.
        public static let cancelled = Kind(.cancelled)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func duplicate(_ message: String) -> StoreError { StoreError(.duplicate, message) }
    public static func conflict(_ message: String) -> StoreError { StoreError(.conflict, message) }
    public static func notFound(_ message: String) -> StoreError { StoreError(.notFound, message) }
    public static func unavailable(_ message: String) -> StoreError { StoreError(.unavailable, message) }
    public static func corrupt(_ message: String) -> StoreError { StoreError(.corrupt, message) }
    public static func invalidConfiguration(_ message: String) -> StoreError { StoreError(.invalidConfiguration, message) }
    public static func cancelled(_ message: String) -> StoreError { StoreError(.cancelled, message) }

    public var description: String { "store \(kind): \(message)" }
}
