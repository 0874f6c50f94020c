import Foundation
import MedusaAPI
import Testing

@Suite("Error envelope")
struct ErrorEnvelopeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var thrown: MedusaError
        var status: Int
        var body: String
        var testDescription: String { thrown.type.rawValue }
    }

    static let cases = [
        Case(
            thrown: .notFound("Cart with cart_x was not found"), status: 404,
            body: #"{"type":"not_found","message":"Cart with cart_x was not found"}"#),
        Case(
            thrown: .invalidData("quantity must be an integer number"), status: 400,
            body: #"{"type":"invalid_data","message":"quantity must be an integer number"}"#),
        Case(
            thrown: .notAllowed("Variant with id: variant_9 does not have the required inventory", code: .insufficientInventory),
            status: 400,
            body: #"{"code":"insufficient_inventory","type":"not_allowed","message":"Variant with id: variant_9 does not have the required inventory"}"#),
        Case(
            thrown: MedusaError(.unauthorized, "Unauthorized"), status: 401,
            body: #"{"type":"unauthorized","message":"Unauthorized"}"#),
        Case(
            thrown: MedusaError(.paymentAuthorizationError, "Card declined"), status: 422,
            body: #"{"type":"payment_authorization_error","message":"Card declined"}"#),
        Case(
            thrown: MedusaError(.duplicateError, "Payment with cart_id cart_x already exists."), status: 422,
            body: #"{"code":"invalid_request_error","type":"duplicate_error","message":"Payment with cart_id cart_x already exists."}"#),
        Case(
            thrown: .conflict(), status: 409,
            body: #"{"code":"invalid_state_error","type":"conflict","message":"The request conflicted with another request. You may retry the request with the provided Idempotency-Key."}"#),
        Case(
            thrown: .unexpectedState("Could not find payment session"), status: 500,
            body: #"{"type":"unexpected_state","message":"Could not find payment session"}"#),
        Case(
            thrown: MedusaError(.invalidArgument, "bad argument"), status: 500,
            body: #"{"type":"invalid_argument","message":"bad argument"}"#),
        Case(
            thrown: MedusaError(.databaseError, "connection lost"), status: 500,
            body: #"{"code":"api_error","type":"database_error","message":"connection lost"}"#),
        Case(
            thrown: MedusaError(.unknownError, "TypeError: x is undefined"), status: 500,
            body: #"{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}"#),
    ]

    @Test(arguments: cases)
    func rendersMedusasStatusAndBody(_ testCase: Case) throws {
        #expect(testCase.thrown.httpStatus == testCase.status)
        #expect(String(decoding: testCase.thrown.body.jsonData(), as: UTF8.self) == testCase.body)
        _ = try Wire.encode(testCase.thrown, path: "/store/carts/cart_x/line-items", route: "/store/carts/{id}/line-items")
    }

    @Test func everyTypeHasAStatus() {
        let statuses = Set(MedusaErrorType.allCases.map(\.httpStatus))
        #expect(statuses == [400, 401, 404, 409, 422, 500])
    }

    @Test func conflictCanAskForARetryLater() {
        #expect(MedusaError.conflict(retryAfterSeconds: 2).headers == ["Retry-After": "2"])
        #expect(MedusaError.conflict().headers.isEmpty)
    }

    @Test func messageIsEscapedLikeJSONStringify() throws {
        let body = MedusaErrorBody(type: "invalid_data", message: "bad \"quote\" \\ path/seg\nline\u{1}")
        let text = String(decoding: body.jsonData(), as: UTF8.self)
        #expect(text == #"{"type":"invalid_data","message":"bad \"quote\" \\ path/seg\nline\u0001"}"#)
        #expect(try JSONDecoder().decode(MedusaErrorBody.self, from: body.jsonData()) == body)
    }
}
