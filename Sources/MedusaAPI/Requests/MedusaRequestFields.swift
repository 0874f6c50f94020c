import Foundation

/// The members of one JSON object being validated, and the problems found so far.
///
/// Each accessor declares a property (so it is not reported as unknown), applies class-validator's
/// checks in the order Medusa's decorators list them, and records the failed checks' messages.
/// Optional properties follow `@IsOptional`: a missing or `null` value skips every check.
public struct MedusaRequestFields {
    private let members: JSONObject
    private var declaredKeys: Set<String> = []
    private var propertyProblems: [String] = []

    init(_ members: JSONObject) {
        self.members = members
    }

    /// Unknown properties first (class-validator's whitelist pass runs before the property checks),
    /// then each declared property's problems in declaration order. JSON objects decode unordered,
    /// so unknown properties are listed alphabetically to keep messages stable.
    var problems: [String] {
        let unknownKeys = members.keys.filter { !declaredKeys.contains($0) }.sorted()
        return unknownKeys.map { "property \($0) should not exist" } + propertyProblems
    }

    // MARK: Scalars

    mutating func optionalString(_ key: String) -> String? {
        checked(key, optional: true, [.isString])?.stringValue
    }

    mutating func requiredString(_ key: String, notEmpty: Bool = false) -> String {
        checked(key, optional: false, notEmpty ? [.isString, .isNotEmpty] : [.isString])?.stringValue ?? ""
    }

    mutating func requiredInteger(_ key: String, notEmpty: Bool = false) -> Int {
        checked(key, optional: false, notEmpty ? [.isInt, .isNotEmpty] : [.isInt])?.integerValue ?? 0
    }

    mutating func optionalInteger(_ key: String, minimum: Int = 0) -> Int? {
        checked(key, optional: true, [.isInt, .min(minimum)])?.integerValue
    }

    /// Any JSON value, accepted as is (a search plugin's `filter`).
    mutating func optionalValue(_ key: String) -> JSONValue? {
        checked(key, optional: true, [])
    }

    /// A line quantity: an integer from `minimum` to `MedusaRequestLimits.maxQuantity` (`@Min`, `@Max`).
    mutating func quantity(_ key: String, minimum: Int, notEmpty: Bool = false) -> Int {
        let checks: [Check] =
            (notEmpty ? [.isInt, .isNotEmpty] : [.isInt])
            + [.min(minimum), .max(MedusaRequestLimits.maxQuantity)]
        return checked(key, optional: false, checks)?.integerValue ?? 0
    }

    mutating func optionalEmail(_ key: String) -> String? {
        checked(key, optional: true, [.isEmail])?.stringValue
    }

    /// A nullable string whose `null` clears the stored value.
    mutating func stringUpdate(_ key: String) -> FieldUpdate<String>? {
        if case .null? = members[key] {
            declaredKeys.insert(key)
            return .clear
        }
        return optionalString(key).map { .set($0) }
    }

    // MARK: Objects and arrays

    mutating func optionalObject(_ key: String) -> JSONObject? {
        checked(key, optional: true, [.isObject])?.objectValue
    }

    /// A free-form object CartBridge keeps (`context`, `metadata`), at most `MedusaRequestLimits.maxObjectBytes`
    /// of JSON.
    mutating func optionalStoredObject(_ key: String) -> JSONObject? {
        checked(key, optional: true, [.isObject, .maxJSONBytes(MedusaRequestLimits.maxObjectBytes)])?.objectValue
    }

    mutating func requiredObject(_ key: String) -> JSONObject {
        checked(key, optional: false, [.isObject])?.objectValue ?? [:]
    }

    mutating func requiredEmail(_ key: String) -> String {
        checked(key, optional: false, [.isEmail])?.stringValue ?? ""
    }

    mutating func requiredStringArray(_ key: String) -> [String] {
        checked(key, optional: false, [.isArray, .each(.isString)])?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// `@ValidateNested() @Type(() => Element)`: a required object validated as `Element`.
    mutating func requiredNested<Element: MedusaRequestBody>(_ key: String, of _: Element.Type) -> Element {
        let members = checked(key, optional: false, [.isObject])?.objectValue ?? [:]
        return nested(Element.self, from: members)
    }

    mutating func optionalStringArray(_ key: String) -> [String]? {
        checked(key, optional: true, [.isArray, .each(.isString)])?.arrayValue?.compactMap(\.stringValue)
    }

    /// `@IsArray() @ValidateNested({each: true})`: each element is validated as `Element`, and its
    /// problems are reported in place.
    mutating func optionalNestedArray<Element: MedusaRequestBody>(
        _ key: String, of _: Element.Type
    ) -> [Element]? {
        guard let elements = checked(key, optional: true, [.isArray])?.arrayValue else { return nil }
        return elements.compactMap { element in
            guard case .object(let elementMembers) = element else {
                propertyProblems.append("each value in nested property \(key) must be either object or array")
                return nil
            }
            return nested(Element.self, from: elementMembers)
        }
    }

    /// Medusa's `@IsType([AddressPayload, String])`: an address object or an address id. `null`
    /// passes `@IsOptional` and clears the address.
    mutating func addressUpdate(_ key: String) -> FieldUpdate<AddressInput>? {
        declaredKeys.insert(key)
        switch members[key] {
        case nil: return nil
        case .null?: return .clear
        case .string(let id)?: return .set(.id(id))
        case .object(let addressMembers)?: return .set(.payload(nested(AddressPayload.self, from: addressMembers)))
        default:
            propertyProblems.append("\(key) must be one of AddressPayload or String")
            return nil
        }
    }

    private mutating func nested<Element: MedusaRequestBody>(_: Element.Type, from members: JSONObject) -> Element {
        var fields = MedusaRequestFields(members)
        let element = Element(fields: &fields)
        propertyProblems += fields.problems
        return element
    }

    // MARK: Checks

    /// The value at `key` if it passed every check; `nil` if it is absent (optional) or failed.
    private mutating func checked(_ key: String, optional: Bool, _ checks: [Check]) -> JSONValue? {
        declaredKeys.insert(key)
        let value = members[key]
        if optional, value == nil || value == .null { return nil }
        let failures = checks.filter { !$0.passes(value) }
        propertyProblems += failures.map { $0.message(key) }
        return failures.isEmpty ? value : nil
    }
}

/// One class-validator decorator: its test and its default message.
private struct Check: Sendable {
    let passes: @Sendable (JSONValue?) -> Bool
    let message: @Sendable (String) -> String

    static let isString = Check(passes: { $0?.stringValue != nil }, message: { "\($0) must be a string" })

    static let isInt = Check(passes: { $0?.integerValue != nil }, message: { "\($0) must be an integer number" })

    /// Fails for `""`, `null` and a missing value only.
    static let isNotEmpty = Check(
        passes: { $0 != nil && $0 != .null && $0 != .string("") }, message: { "\($0) should not be empty" })

    static let isObject = Check(passes: { $0?.objectValue != nil }, message: { "\($0) must be an object" })

    static func min(_ bound: Int) -> Check {
        Check(
            passes: { ($0?.integerValue).map { $0 >= bound } ?? true },
            message: { "\($0) must not be less than \(bound)" })
    }

    static func max(_ bound: Int) -> Check {
        Check(
            passes: { ($0?.integerValue).map { $0 <= bound } ?? true },
            message: { "\($0) must not be greater than \(bound)" })
    }

    static func maxJSONBytes(_ bound: Int) -> Check {
        Check(
            passes: { value in value.map { $0.encodedByteCount <= bound } ?? true },
            message: { "\($0) must be at most \(bound) bytes of JSON" })
    }

    static let isArray = Check(passes: { $0?.arrayValue != nil }, message: { "\($0) must be an array" })

    static let isEmail = Check(
        passes: { $0?.stringValue.map(EmailAddress.isValid) ?? false }, message: { "\($0) must be an email" })

    /// `{each: true}`: the check applies to every element of an array.
    static func each(_ check: Check) -> Check {
        Check(
            passes: { value in value?.arrayValue?.allSatisfy { check.passes($0) } ?? true },
            message: { "each value in \(check.message($0))" })
    }
}

/// Bounds on what a storefront may ask CartBridge to keep or pass on.
public enum MedusaRequestLimits {
    /// Units of one variant on one line.
    public static let maxQuantity = 10_000
    /// A cart's `context`, an address's or a line's `metadata`.
    public static let maxObjectBytes = 16 * 1024

}
