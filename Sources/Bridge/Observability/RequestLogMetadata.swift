import Logging

/// Metadata every log line written while serving a request carries (`request_id`, `cart_id`), whichever logger
/// writes it: the HTTP edge sets it for the request's task tree, and the process installs `provider` as the
/// logging system's metadata provider, so the domain and the merchant client need no per-request logger.
public enum RequestLogMetadata {
    @TaskLocal public static var current: Logger.Metadata = [:]

    public static let provider = Logger.MetadataProvider { current }
}
