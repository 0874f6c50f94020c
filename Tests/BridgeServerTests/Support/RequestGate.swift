/// Holds one request inside a handler until the test opens the gate, and tells the test when it arrived:
/// a request that is provably in flight, without sleeping.
final class RequestGate: Sendable {
    private let arrivals = AsyncStream.makeStream(of: Void.self)
    private let opening = AsyncStream.makeStream(of: Void.self)

    /// Called by the handler: announces the request, then waits for `open()`.
    func pass() async {
        arrivals.continuation.yield()
        for await _ in opening.stream { break }
    }

    /// Returns once a request is waiting at the gate.
    func waitForArrival() async {
        for await _ in arrivals.stream { break }
    }

    func open() {
        opening.continuation.finish()
    }
}
