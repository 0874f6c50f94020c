/// A configuration problem, located precisely enough to fix: the file, the key path
/// (`server.port`, `regions[1].currency_code`) and, when the value came from the environment, the variable.
public struct ConfigurationError: Error, Hashable, Sendable {
    /// The YAML file being loaded; `nil` for the built-in defaults.
    public var file: String?
    /// Dotted key path with list indices; empty when the problem concerns the whole file.
    public var keyPath: String
    /// The `CARTBRIDGE_…` variable that supplied the value, if one did.
    public var variable: String?
    public var problem: String

    public init(file: String? = nil, keyPath: String, variable: String? = nil, problem: String) {
        self.file = file
        self.keyPath = keyPath
        self.variable = variable
        self.problem = problem
    }
}

extension ConfigurationError: CustomStringConvertible {
    /// `config/cartbridge.yaml: server.port: must be between 0 and 65535`, or
    /// `CARTBRIDGE_SERVER_PORT (server.port): expected an integer`.
    public var description: String {
        let location =
            if let variable {
                "\(variable) (\(keyPath))"
            } else {
                [file, keyPath.isEmpty ? nil : keyPath].compactMap { $0 }.joined(separator: ": ")
            }
        return location.isEmpty ? problem : "\(location): \(problem)"
    }
}
