import Yams

extension BridgeConfiguration {
    /// Reads the YAML file at `path` (or starts from the built-in defaults when `path` is nil), applies
    /// `CARTBRIDGE_<SECTION>_<KEY>` overrides from `environment` (e.g. `CARTBRIDGE_SERVER_PORT=9001`), and
    /// validates the result, after `overriding` (command-line flags) has had its say. The error names the file,
    /// key path and, when it set the value, the variable.
    public static func load(
        path: String?, environment: [String: String], overriding: (inout BridgeConfiguration) -> Void = { _ in }
    ) throws(ConfigurationError) -> BridgeConfiguration {
        var document = try ConfigurationDocument(path: path)
        try document.applyOverrides(from: environment)
        var configuration: BridgeConfiguration
        do {
            configuration = try YAMLDecoder().decode(BridgeConfiguration.self, from: document.root)
        } catch {
            throw document.locate(ConfigurationError(decoding: error))
        }
        overriding(&configuration)
        do {
            try configuration.validate()
        } catch {
            throw document.locate(error)
        }
        return configuration
    }
}

extension ConfigurationDocument {
    /// Adds the file, and the variable when one set the offending value.
    func locate(_ error: ConfigurationError) -> ConfigurationError {
        var located = error
        located.file = file
        located.variable = error.variable ?? variables[error.keyPath]
        return located
    }
}
