import MedusaAPI

extension JSONValue {
    /// Whether this object has `key`, even with a `null` value.
    func hasKey(_ key: String) -> Bool {
        objectValue?.keys.contains(key) ?? false
    }
}

/// `2024-05-01T10:20:30.123Z`: ISO-8601 UTC with exactly three fraction digits.
func isMedusaTimestamp(_ value: JSONValue?) -> Bool {
    guard let text = value?.stringValue else { return false }
    return text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil
}
