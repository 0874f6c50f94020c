/// A mapping file CartBridge cannot use. The message names the file and, when one is at fault, the entry,
/// so that whoever edits `mappings/` sees at once what to fix.
public struct MappingTableError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var entry: String?
    public var reason: String

    public init(file: String, entry: String? = nil, reason: String) {
        self.file = file
        self.entry = entry
        self.reason = reason
    }

    public var description: String {
        "mappings/\(file)" + (entry.map { " entry \($0)" } ?? "") + ": \(reason)"
    }
}
