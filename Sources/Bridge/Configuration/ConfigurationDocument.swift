import Foundation
import Yams

/// The YAML tree a configuration is decoded from: the file (or nothing, for the defaults) with the
/// `CARTBRIDGE_<SECTION>_<KEY>` environment variables written over it.
struct ConfigurationDocument {
    let file: String?
    private(set) var root: Node
    /// Key paths an environment variable set, and the variable, so errors can name it.
    private(set) var variables: [String: String] = [:]

    static let variablePrefix = "CARTBRIDGE_"

    init(path: String?) throws(ConfigurationError) {
        file = path
        guard let path else {
            root = Node([(Node, Node)]())
            return
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigurationError(file: path, keyPath: "", problem: "cannot read the file as UTF-8 text")
        }
        let parsed: Node?
        do {
            // The resolver YAMLDecoder itself uses: scalars stay untyped until a field asks for a type.
            parsed = try Yams.compose(yaml: text, Resolver.basic.appending(.merge))
        } catch {
            throw ConfigurationError(file: path, keyPath: "", problem: "invalid YAML: \(error)")
        }
        // An empty file leaves every default in place.
        guard let parsed, parsed.null == nil else {
            root = Node([(Node, Node)]())
            return
        }
        guard case .mapping = parsed else {
            throw ConfigurationError(
                file: path, keyPath: "", problem: "expected a mapping of sections (server:, storage:, …)")
        }
        root = parsed
    }

    /// Writes every `CARTBRIDGE_<SECTION>_<KEY>` variable over the file's value. A variable naming a known
    /// section but an unknown key is an error (a typo would otherwise be ignored); other `CARTBRIDGE_`
    /// variables belong to someone else and are left alone.
    mutating func applyOverrides(from environment: [String: String]) throws(ConfigurationError) {
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(Self.variablePrefix) {
            guard let (section, key) = Self.setting(named: name) else { continue }
            let keyPath = "\(section.name).\(key)"
            guard section.keys.contains(key) else {
                let problem = section.keys.isEmpty ? "lists can only be set in the configuration file" : "unknown key"
                throw ConfigurationError(keyPath: keyPath, variable: name, problem: problem)
            }
            if set(.scalar(Node.Scalar(value)), section: section.name, key: key) {
                variables[keyPath] = name
            }
        }
    }

    /// The section and lower-cased key a variable names, if it names a section at all.
    private static func setting(named variable: String) -> (section: OverridableSection, key: String)? {
        let unprefixed = variable.dropFirst(variablePrefix.count)
        for section in BridgeConfiguration.overridableSections {
            let sectionPrefix = section.name.uppercased() + "_"
            if unprefixed.hasPrefix(sectionPrefix) {
                return (section, unprefixed.dropFirst(sectionPrefix.count).lowercased())
            }
        }
        return nil
    }

    /// Sets `section.key`, creating the section when the file has none. A section that is not a mapping is
    /// left for the decoder to report.
    private mutating func set(_ value: Node, section: String, key: String) -> Bool {
        guard var sections = root.mapping else { return false }
        var settings: Node.Mapping
        switch sections[section] {
        case nil:
            settings = Node.Mapping([])
        case .mapping(let existing)?:
            settings = existing
        case let other? where other.null != nil:
            settings = Node.Mapping([])
        default:
            return false
        }
        settings[key] = value
        sections[section] = .mapping(settings)
        root = .mapping(sections)
        return true
    }
}

/// A top-level section and the scalar keys environment variables may set in it (none for lists).
struct OverridableSection: Sendable {
    var name: String
    var keys: [String]

    init<Keys: CodingKey & CaseIterable>(_ section: BridgeConfiguration.CodingKeys, keys _: Keys.Type) {
        name = section.stringValue
        keys = Keys.allCases.map(\.stringValue)
    }

    init(list section: BridgeConfiguration.CodingKeys) {
        name = section.stringValue
        keys = []
    }
}

extension BridgeConfiguration {
    /// Every section an environment variable can name.
    static let overridableSections: [OverridableSection] = [
        OverridableSection(.server, keys: Server.CodingKeys.self),
        OverridableSection(.storage, keys: Storage.CodingKeys.self),
        OverridableSection(.keys, keys: CardKeys.CodingKeys.self),
        OverridableSection(.catalog, keys: Catalog.CodingKeys.self),
        OverridableSection(.payment, keys: Payment.CodingKeys.self),
        OverridableSection(.snapshot, keys: Snapshot.CodingKeys.self),
        OverridableSection(.httpClient, keys: HTTPClient.CodingKeys.self),
        OverridableSection(.simulator, keys: Simulator.CodingKeys.self),
        OverridableSection(.logging, keys: Logging.CodingKeys.self),
        OverridableSection(.rateLimit, keys: RateLimit.CodingKeys.self),
        OverridableSection(.accounts, keys: Accounts.CodingKeys.self),
        OverridableSection(.demo, keys: Demo.CodingKeys.self),
        OverridableSection(list: .regions),
        OverridableSection(list: .merchants),
    ]
}
