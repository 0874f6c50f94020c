import Logging

extension BridgeConfiguration.Logging {
    /// The handler every logger of the process gets: JSON or text lines on stderr at the configured level, with
    /// the request's metadata (`RequestLogMetadata`) added.
    public func makeHandler(label: String) -> any LogHandler {
        var handler: any LogHandler =
            switch format {
            case .json: JSONLogHandler(label: label, metadataProvider: RequestLogMetadata.provider)
            case .text: StreamLogHandler.standardError(label: label, metadataProvider: RequestLogMetadata.provider)
            }
        handler.logLevel = level
        return handler
    }

    /// Installs `makeHandler` process-wide; call once, before the first logger is made.
    public func bootstrap() {
        LoggingSystem.bootstrap(
            { label, _ in makeHandler(label: label) }, metadataProvider: RequestLogMetadata.provider)
    }
}
