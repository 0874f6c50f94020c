import Yams

extension Decoder {
    /// A keyed container that refuses keys `Keys` does not declare: a misspelt key (`server.prot`) must
    /// fail loudly rather than silently leave the default in place.
    func strictContainer<Keys: CodingKey>(keyedBy _: Keys.Type) throws -> KeyedDecodingContainer<Keys> {
        let present = try container(keyedBy: AnyKey.self)
        if let unknown = present.allKeys.first(where: { Keys(stringValue: $0.stringValue) == nil }) {
            throw UnknownKeyError(codingPath: codingPath + [unknown])
        }
        return try container(keyedBy: Keys.self)
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent or null.
    func decode<Value: Decodable>(_ key: Key, default fallback: Value) throws -> Value {
        try decodeIfPresent(Value.self, forKey: key) ?? fallback
    }

    /// A whole number of milliseconds at `key`, or `fallback`.
    func milliseconds(_ key: Key, default fallback: Duration) throws -> Duration {
        try decodeIfPresent(Int.self, forKey: key).map { .milliseconds($0) } ?? fallback
    }

    /// A whole number of seconds at `key`, or `fallback`.
    func seconds(_ key: Key, default fallback: Duration) throws -> Duration {
        try decodeIfPresent(Int.self, forKey: key).map { .seconds($0) } ?? fallback
    }
}

/// A mapping held a key its section does not declare.
struct UnknownKeyError: Error {
    var codingPath: [any CodingKey]
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

extension ConfigurationError {
    /// Translates what YAMLDecoder (or a strict container) threw into a key path and a problem.
    init(decoding error: any Error) {
        switch error {
        case let error as UnknownKeyError:
            self.init(keyPath: Self.keyPath(error.codingPath), problem: "unknown key")
        case DecodingError.typeMismatch(let type, let context):
            self.init(keyPath: Self.keyPath(context.codingPath), problem: "expected \(Self.describe(type))")
        case DecodingError.keyNotFound(let key, let context):
            self.init(keyPath: Self.keyPath(context.codingPath + [key]), problem: "is required")
        case DecodingError.valueNotFound(let type, let context):
            self.init(keyPath: Self.keyPath(context.codingPath), problem: "expected \(Self.describe(type))")
        case DecodingError.dataCorrupted(let context):
            self.init(keyPath: Self.keyPath(context.codingPath), problem: context.debugDescription)
        default:
            self.init(keyPath: "", problem: "\(error)")
        }
    }

    /// `regions[1].currency_code`
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce(into: "") { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        case is Node.Mapping.Type: "a mapping of keys to values"
        case is Node.Sequence.Type: "a list"
        case is Node.Scalar.Type: "a single value, not a list or mapping"
        default: "a value of type \(type)"
        }
    }
}
