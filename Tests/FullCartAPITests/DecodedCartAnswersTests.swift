import Foundation
import Testing

@testable import FullCartAPI

/// Cart answers are reused only for the exact same bytes, within a bound.
@Suite struct DecodedCartAnswersTests {
    static func cart(_ id: String) -> FullCartCart {
        FullCartCart(cartID: id, status: .active)
    }

    @Test func onlyTheSameBytesGiveTheSameCart() {
        let answers = DecodedCartAnswers(capacity: 2)
        let body = Data(#"{"cart_id":"a"}"#.utf8)
        answers.keep(Self.cart("a"), for: body)
        #expect(answers.cart(for: Data(#"{"cart_id":"a"}"#.utf8))?.cartID == "a")
        #expect(answers.cart(for: Data(#"{"cart_id":"a" }"#.utf8)) == nil, "one more byte is another answer")
    }

    @Test func theOldestAnswerGoesFirstBeyondTheBound() {
        let answers = DecodedCartAnswers(capacity: 2)
        for id in ["a", "b", "c"] {
            answers.keep(Self.cart(id), for: Data(id.utf8))
        }
        #expect(answers.cart(for: Data("a".utf8)) == nil)
        #expect(answers.cart(for: Data("b".utf8))?.cartID == "b")
        #expect(answers.cart(for: Data("c".utf8))?.cartID == "c")
    }
}
