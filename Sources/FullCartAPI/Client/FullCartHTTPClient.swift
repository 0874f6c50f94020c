import AsyncHTTPClient
import NIOCore

/// The one pooled HTTP client a process uses for every merchant.
public enum FullCartHTTPClient {
    public struct Configuration: Sendable, Hashable {
        public var connectTimeout: Duration
        /// AsyncHTTPClient keeps 8 per host by default; a gateway needs more.
        public var maxConnectionsPerHost: Int
        public var idleTimeout: Duration

        public init(
            connectTimeout: Duration = .seconds(2), maxConnectionsPerHost: Int = 64,
            idleTimeout: Duration = .seconds(60)
        ) {
            self.connectTimeout = connectTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.idleTimeout = idleTimeout
        }
    }

    /// The caller owns the client and must `shutdown()` it (the service lifecycle does).
    public static func make(_ configuration: Configuration = Configuration()) -> HTTPClient {
        var config = HTTPClient.Configuration()
        config.timeout.connect = TimeAmount(configuration.connectTimeout)
        config.connectionPool = .init(
            idleTimeout: TimeAmount(configuration.idleTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maxConnectionsPerHost)
        // A refused connection should fail the call now, not be retried silently until its deadline.
        config.connectionPool.retryConnectionEstablishment = false
        config.decompression = .disabled
        // A merchant's redirect is an answer to read, never a hop to take: following one could carry a card
        // (complete-order) or a device token to another host.
        config.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }
}
