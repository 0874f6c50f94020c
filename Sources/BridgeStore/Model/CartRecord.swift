import Foundation

/// The bridge's own cart document. `body` is opaque JSON whose shape the domain layer owns.
/// Dates are stored with millisecond precision.
public struct CartRecord: Sendable, Equatable {
    public var id: String
    /// Bumped by every successful `updateCart`; see `BridgeStore.updateCart(_:)`.
    public var version: Int
    public var body: Data
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?

    public init(id: String, version: Int = 1, body: Data, createdAt: Date, updatedAt: Date, completedAt: Date? = nil) {
        self.id = id
        self.version = version
        self.body = body
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }
}
