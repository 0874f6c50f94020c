import Foundation

/// Reads one JSON file of `mappings/`, turning every failure into a `MappingTableError` that names the file
/// and the JSON path of the bad entry.
package enum MappingFile {
    package static func decode<Value: Decodable>(_ type: Value.Type, named name: String, in directory: URL)
        throws(MappingTableError) -> Value
    {
        let url = directory.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MappingTableError(file: name, reason: "cannot be read at \(url.path): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: name)
        } catch {
            throw MappingTableError(file: name, reason: "\(error)")
        }
    }

    private static func describe(_ error: DecodingError, file: String) -> MappingTableError {
        switch error {
        case .keyNotFound(let key, let context):
            MappingTableError(
                file: file, entry: path(context.codingPath), reason: "missing key \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            MappingTableError(
                file: file, entry: path(context.codingPath),
                reason: "expected \(type): \(context.debugDescription)")
        case .dataCorrupted(let context):
            MappingTableError(file: file, entry: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            MappingTableError(file: file, reason: "\(error)")
        }
    }

    /// `entries[3].status`, or nil at the top level.
    private static func path(_ codingPath: [any CodingKey]) -> String? {
        guard !codingPath.isEmpty else { return nil }
        let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }
}
