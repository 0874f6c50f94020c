@testable import MedusaV1
import FullCartAPI
import Testing

@testable import Bridge

/// What a complete-order's answer means for the order. Only the merchant's own envelope with a code the table
/// marks says "nothing was placed"; everything else is read back, never re-sent blind.
@Suite struct CompletionOutcomeTests {
    enum Expected: Sendable, CustomTestStringConvertible {
        case placed, refused(CompleteOrderRules.Refusal), unknown
        var testDescription: String {
            switch self {
            case .placed: "placed"
            case .refused(let refusal): "refused \(refusal.rawValue)"
            case .unknown: "read back"
            }
        }
    }

    static let failures: [(FullCartError.Kind, Int?, String, Expected)] = [
        (.timeout, nil, "Timeout", .unknown),
        (.connectionLost, nil, "ConnectionLost", .unknown),
        (.invalidResponse, 200, "InvalidResponse", .unknown),
        // A proxy's or load balancer's page in front of the payment host.
        (.unrecognizedAnswer, 502, "UnrecognizedAnswer", .unknown),
        (.unrecognizedAnswer, 503, "UnrecognizedAnswer", .unknown),
        (.unrecognizedAnswer, 500, "UnrecognizedAnswer", .unknown),
        (.unrecognizedAnswer, 404, "UnrecognizedAnswer", .unknown),
        // The merchant's own words.
        (.merchant, 409, "ErrorCartSubmitted", .unknown),
        (.merchant, 500, "ErrorInternal", .unknown),
        (.merchant, 422, "ErrorPaymentDeclined", .refused(.declined)),
        (.merchant, 400, "ErrorMissingRequiredParameters", .refused(.notPlaced)),
        (.merchant, 400, "ErrorNotEnoughStock", .refused(.notPlaced)),
        // Full Cart stands in front of the store platform: "unavailable" may come after the platform took the
        // order, and a cart gone or emptied on a resend may have become the order.
        (.merchant, 503, "ErrorStoreUnavailable", .unknown),
        (.merchant, 503, "ServiceUnavailable", .unknown),
        (.merchant, 429, "RateLimitExceeded", .unknown),
        (.merchant, 404, "ErrorCartNotFound", .unknown),
        (.merchant, 422, "ErrorNoLineItem", .unknown),
        (.merchant, 401, "InvalidToken", .refused(.notPlaced)),
        (.merchant, 400, "ErrorInvalidInputBody", .refused(.notPlacedCheckKey)),
        // Never sent.
        (.connectionFailed, nil, "ConnectionFailed", .refused(.notPlaced)),
    ]

    @Test(arguments: failures)
    func failedAnswer(kind: FullCartError.Kind, status: Int?, code: String, expected: Expected) throws {
        let table = try RepositoryMappings.load().completeOrder
        let error = FullCartError(kind: kind, status: status, code: code, message: "m", endpoint: "POST complete-order")
        let outcome = CartCompletion.outcome(of: .failure(error), table: table)
        switch (outcome, expected) {
        case (.unknown(let read), .unknown): #expect(read == error)
        case (.refused(let refused, let refusal), .refused(let wanted)):
            #expect(refused == error)
            #expect(refusal == wanted)
        default: Issue.record("\(kind) \(code): got \(outcome), wanted \(expected.testDescription)")
        }
    }

    static let answers: [(String, FullCartCartStatus, String?, Bool)] = [
        ("submitted with an order number", .submitted, "SIM-1", true),
        ("submitted without an order number", .submitted, nil, false),
        ("submitted with an empty order number", .submitted, "", false),
        ("still active", .active, nil, false),
        ("active yet numbered", .active, "SIM-1", false),
        ("blocked", .checkoutBlocked, nil, false),
    ]

    @Test(arguments: answers)
    func successfulAnswerCountsOnlyAsASubmittedOrder(_ name: String, status: FullCartCartStatus, number: String?, placed: Bool)
        throws
    {
        var cart = Fixture.merchantCart(id: "c1", name: "Shop", lines: [], shipments: [], tax: 0, status: status)
        cart.platformOrderNumber = number
        let outcome = CartCompletion.outcome(of: .success(cart), table: try RepositoryMappings.load().completeOrder)
        if placed {
            #expect(outcome == .placed(cart))
        } else {
            guard case .unknown(let error) = outcome else {
                Issue.record("\(name) must be read back, got \(outcome)")
                return
            }
            #expect(error.kind == .invalidResponse)
        }
    }

    @Test func theDefaultEntryCannotDeclareAnUnknownCodeNotPlaced() throws {
        let scratch = try ScratchMappings.repositoryFile(
            CompleteOrderRules.fileName, replacing: #""why": "An unknown code is a surprise"#,
            with: #""complete_order": "not_placed", "why": "An unknown code is a surprise"#)
        let error = try #require(throws: MappingTableError.self) { try CompleteOrderRules.load(directory: scratch.directory) }
        #expect(error.description.contains("complete_order cannot be set on the default"))
    }

    @Test func anUnknownCompleteOrderValueIsRefused() throws {
        let scratch = try ScratchMappings.repositoryFile(
            CompleteOrderRules.fileName, replacing: #""complete_order": "declined""#,
            with: #""complete_order": "refused""#)
        let error = try #require(throws: MappingTableError.self) { try CompleteOrderRules.load(directory: scratch.directory) }
        #expect(error.description.contains("ErrorPaymentDeclined"))
    }
}
