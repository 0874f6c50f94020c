/// A request body validated the way Medusa's class-validator setup does it
/// (`whitelist: true, forbidNonWhitelisted: true`).
public protocol MedusaRequestBody: Sendable {
    /// Reads every declared property from `fields`, which records each problem instead of
    /// throwing, so that one `invalid_data` error can list them all. When a check fails the
    /// accessor returns a placeholder; `MedusaRequestDecoder` throws before such a value escapes.
    init(fields: inout MedusaRequestFields)
}

/// A change a request makes to a nullable field: a value, or `null` to clear it.
/// The field's absence from the body is `nil` at the use site.
public enum FieldUpdate<Value: Hashable & Sendable>: Hashable, Sendable {
    case set(Value)
    case clear
}

extension Optional {
    /// The field's new value after this (possibly absent) update.
    public func applied<Value>(to current: Value?) -> Value? where Wrapped == FieldUpdate<Value> {
        switch self {
        case nil: current
        case .set(let value)?: value
        case .clear?: nil
        }
    }
}
