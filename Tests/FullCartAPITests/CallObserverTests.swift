import AsyncHTTPClient
import FullCartAPI
import Testing

@Suite struct CallObserverTests {
    @Test func aCallWithoutAnAnswerIsObservedAsAFailure() async throws {
        let health = MerchantCallHealth()
        let http = FullCartHTTPClient.make()
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let client = FullCartClient(
            merchant: FullCartMerchant(
                domain: "down.example", apiBaseURL: "http://127.0.0.1:1", paymentBaseURL: "http://127.0.0.1:1",
                appID: "app"),
            http: http, configuration: FullCartClientConfiguration(retry: .none), observers: [health])
        await #expect(throws: FullCartError.self) { try await client.paymentKey() }
        try await http.shutdown()
        let call = try #require(await health.lastCall(to: "down.example"))
        #expect(call.endpoint == "GET payment/key")
        #expect(call.status == nil)
        #expect(call.failure == "ConnectionFailed")
        #expect(call.isFailure)
        #expect(call.outcome == "ConnectionFailed")
        #expect(await health.lastCall(to: "other.example") == nil)
    }

    @Test(arguments: [(200, false), (404, false), (503, true)])
    func onlyAServerErrorCountsAsFailingAmongAnswers(_ status: Int, _ failing: Bool) {
        let call = FullCartCall(domain: "d", endpoint: "GET cart", status: status, failure: nil, duration: .zero)
        #expect(call.isFailure == failing)
        #expect(call.outcome == String(status))
    }
}
