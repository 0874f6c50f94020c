import FullCartAPI
import Testing

@testable import Bridge

/// Which failed complete-orders may still have placed the order, and so must be read back, never re-sent blind.
@Suite struct CompletionOutcomeTests {
    static let cases: [(FullCartError.Kind, Int?, Bool)] = [
        (.timeout, nil, true),
        (.connectionLost, nil, true),
        (.invalidResponse, 200, true),
        (.merchant, 500, true),
        (.merchant, 502, true),
        (.merchant, 504, true),
        (.merchant, 503, false),
        (.merchant, 402, false),
        (.merchant, 409, false),
        (.merchant, 422, false),
        (.connectionFailed, nil, false),
    ]

    @Test(arguments: cases)
    func mayHavePlaced(kind: FullCartError.Kind, status: Int?, expected: Bool) {
        let error = FullCartError(kind: kind, status: status, code: "X", message: "m", endpoint: "POST complete-order")
        #expect(CheckoutService.mayHavePlaced(error) == expected)
    }
}
