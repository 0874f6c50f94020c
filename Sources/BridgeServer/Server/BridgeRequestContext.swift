import Hummingbird

/// The request context of every store route: Hummingbird's core storage plus the peer address, which
/// Medusa records in a new cart's `context.ip`.
public struct BridgeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's remote IP address, when the channel has one.
    let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
