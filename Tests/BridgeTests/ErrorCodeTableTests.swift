@testable import MedusaV1
import Bridge
import Foundation
import FullCartAPI
import MedusaAPI
import Testing

@Suite("Full Cart error codes → Medusa errors")
struct ErrorCodeTableTests {
    /// Every `error` of reference §6, kept here on purpose: the table must not lose one silently.
    static let referenceCodes = [
        "InvalidAppId", "TokenExpired", "ErrorUnauthorized", "MissingAuthHeader", "InvalidToken", "InvalidJWTToken",
        "Unauthorized", "Forbidden", "InvalidAPIToken", "BadRequest", "ErrorCartNotFound", "ErrorNoLineItem",
        "ErrorProductNotFound", "ErrorNotEnoughStock", "ErrorInvalidPromoCode", "ErrorPromoNotAvailable",
        "ErrorClearPromoCodeNotAllowed", "ErrorCountryNotSupported", "ErrorShipmentNotFound", "ErrorAddonNotFound",
        "ErrorInvalidInputBody", "ValidationError", "ErrorCannotTransferSession", "ErrorPaymentDeclined",
        "ErrorStoreUnavailable", "ServiceUnavailable", "RateLimitExceeded", "InvalidRequest",
        "AllProductsNotImplemented", "ProductUrlNotImplemented", "Size Invalid", "RouteNotFound",
        "ErrorInvalidFulfillmentType", "ErrorInvalidShippingMethod", "ErrorMissingAppId",
        "ErrorMissingRequiredParameters",
    ]
    static let simulatorCodes = ["ErrorLineItemNotFound", "ErrorCartSubmitted", "ErrorAddonNotSelected"]
    static let transportCodes = [
        "Timeout", "ConnectionFailed", "ConnectionLost", "InvalidResponse", "Cancelled", "UnrecognizedAnswer",
    ]

    /// Every code the shipped file names, read straight from the JSON so a new entry is exercised too.
    static let fileCodes: [String] = {
        let url = RepositoryMappings.directory.appendingPathComponent(ErrorCodeTable.fileName)
        guard let data = try? Data(contentsOf: url),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = json["entries"] as? [[String: Any]]
        else { return [] }
        return entries.compactMap { $0["full_cart_code"] as? String }
    }()

    static func merchantError(_ code: String, _ description: String = "Merchant says no") -> FullCartError {
        FullCartError(kind: .merchant, status: 400, code: code, message: description, endpoint: "POST cart/line-items")
    }

    @Test func theFileCoversEveryReferenceSimulatorAndTransportCode() throws {
        let table = try RepositoryMappings.errorCodes()
        let expected = Self.referenceCodes + Self.simulatorCodes + Self.transportCodes
        #expect(expected.filter { table.entries[$0] == nil } == [])
        #expect(Set(Self.fileCodes) == Set(expected))
        #expect(Self.fileCodes.count == expected.count)
    }

    @Test(arguments: fileCodes)
    func everyEntryTranslatesToAConsistentMedusaError(_ code: String) throws {
        let table = try RepositoryMappings.errorCodes()
        let entry = try #require(table.entries[code])
        let error = table.translate(Self.merchantError(code), domain: "shop.example")
        #expect(error.type == entry.type)
        #expect(error.code == entry.code)
        #expect(!error.message.isEmpty)
        #expect(!error.message.contains("{"))
        if entry.status == 503 {
            #expect(error.headers == ["Retry-After": String(try #require(entry.retryAfterSeconds))])
        } else {
            #expect(error.headers.isEmpty)
            #expect(error.httpStatus == entry.status)
        }
        // Never a 401: the storefront would take it for a customer-authentication failure.
        #expect(entry.status != 401)
    }

    struct Decision: Sendable, CustomTestStringConvertible {
        var code: String
        var status: Int
        var type: MedusaErrorType
        var medusaCode: MedusaErrorCode? = nil
        var message: String
        var testDescription: String { code }
    }

    static let decisions = [
        Decision(
            code: "InvalidAppId", status: 500, type: .unexpectedState,
            message: "The merchant shop.example rejected CartBridge's credentials (InvalidAppId)."),
        Decision(
            code: "InvalidAPIToken", status: 500, type: .unexpectedState,
            message: "The merchant shop.example rejected CartBridge's credentials (InvalidAPIToken)."),
        Decision(
            code: "Forbidden", status: 500, type: .unexpectedState,
            message: "The merchant shop.example rejected CartBridge's credentials (Forbidden)."),
        Decision(
            code: "MissingAuthHeader", status: 500, type: .unexpectedState,
            message: "The merchant shop.example rejected CartBridge's credentials (MissingAuthHeader)."),
        Decision(
            code: "ErrorNotEnoughStock", status: 400, type: .notAllowed, medusaCode: .insufficientInventory,
            message: "Merchant says no"),
        Decision(code: "ErrorInvalidPromoCode", status: 400, type: .notAllowed, message: "Merchant says no"),
        Decision(
            code: "ErrorCartNotFound", status: 404, type: .notFound,
            message: "The cart at shop.example was not found or has expired."),
        Decision(code: "ErrorProductNotFound", status: 404, type: .notFound, message: "Merchant says no"),
        Decision(
            code: "ErrorLineItemNotFound", status: 400, type: .invalidData, message: "Could not find the line item"),
        Decision(code: "ErrorCountryNotSupported", status: 400, type: .invalidData, message: "Merchant says no"),
        Decision(code: "ErrorInvalidInputBody", status: 400, type: .invalidData, message: "Merchant says no"),
        Decision(
            code: "ErrorPaymentDeclined", status: 422, type: .paymentAuthorizationError, message: "Merchant says no"),
        Decision(
            code: "ErrorCartSubmitted", status: 400, type: .notAllowed, medusaCode: .cartIncompatibleState,
            message: "Merchant says no"),
        Decision(
            code: "ErrorStoreUnavailable", status: 503, type: .unexpectedState,
            message: "The merchant shop.example is temporarily unavailable. Please try again."),
        Decision(
            code: "RateLimitExceeded", status: 503, type: .unexpectedState,
            message: "The merchant shop.example is busy. Please try again shortly."),
        Decision(
            code: "Timeout", status: 503, type: .unexpectedState,
            message: "The merchant shop.example did not answer in time. Please try again."),
        Decision(
            code: "RouteNotFound", status: 500, type: .unexpectedState,
            message: "The merchant shop.example does not offer the endpoint CartBridge called (RouteNotFound)."),
    ]

    @Test(arguments: decisions)
    func deliberateChoices(_ decision: Decision) throws {
        let table = try RepositoryMappings.errorCodes()
        let error = table.translate(Self.merchantError(decision.code), domain: "shop.example")
        #expect(table.entry(for: decision.code).status == decision.status)
        #expect(error.type == decision.type)
        #expect(error.code == decision.medusaCode)
        #expect(error.message == decision.message)
    }

    @Test func aDeclineCarriesTheMerchantsDescription() throws {
        let table = try RepositoryMappings.errorCodes()
        let decline = FullCartError(
            kind: .merchant, status: 402, code: "ErrorPaymentDeclined", message: "Insufficient funds",
            endpoint: "POST cart/complete-order")
        let error = table.translate(decline, domain: "shop.example")
        #expect(error.httpStatus == 422)
        #expect(
            error.body.jsonData()
                == Data(#"{"type":"payment_authorization_error","message":"Insufficient funds"}"#.utf8))
    }

    @Test func transportFailuresAskForARetry() throws {
        let table = try RepositoryMappings.errorCodes()
        let timeout = FullCartError(kind: .timeout, status: nil, code: "Timeout", message: "", endpoint: "GET cart")
        let error = table.translate(timeout, domain: "shop.example")
        #expect(error.headers == ["Retry-After": "2"])
        #expect(table.entry(for: "Timeout").status == 503)
    }

    @Test func anUnmappedCodeGetsTheDefault() throws {
        let table = try RepositoryMappings.errorCodes()
        let error = table.translate(Self.merchantError("ErrorBrandNew", "Something new"), domain: "shop.example")
        #expect(error.type == .unexpectedState)
        #expect(error.httpStatus == 500)
        #expect(error.message == "The merchant shop.example answered ErrorBrandNew: Something new")
    }

    @Test func aDescriptionIsNeverExpandedAgain() throws {
        let table = try RepositoryMappings.errorCodes()
        let error = table.translate(Self.merchantError("ErrorBrandNew", "literal {domain}"), domain: "shop.example")
        #expect(error.message == "The merchant shop.example answered ErrorBrandNew: literal {domain}")
    }

    struct BadEdit: Sendable, CustomTestStringConvertible {
        var old: String
        var new: String
        var entry: String?
        var reason: String
        var testDescription: String { reason }
    }

    static let badEdits = [
        BadEdit(
            old: #""type": "payment_authorization_error""#, new: #""type": "payment_error""#,
            entry: #"[36] "ErrorPaymentDeclined""#, reason: "unknown type"),
        BadEdit(
            old: #""ErrorNotEnoughStock",\#n      "status": 400"#,
            new: #""ErrorNotEnoughStock",\#n      "status": 409"#,
            entry: #"[21] "ErrorNotEnoughStock""#, reason: "status 409 does not match"),
        BadEdit(
            old: #""full_cart_code": "ValidationError""#, new: #""full_cart_code": "ErrorInvalidInputBody""#,
            entry: #"[28] "ErrorInvalidInputBody""#, reason: "appears twice"),
        BadEdit(
            old: "The merchant {domain} answered {code}", new: "The merchant {shop} answered {code}",
            entry: "default", reason: "unknown placeholder {shop}"),
        BadEdit(
            old: #""retry_after_seconds": 5"#, new: #""retry_after_seconds": 0"#,
            entry: #"[37] "ErrorStoreUnavailable""#, reason: "retry_after_seconds needs"),
        BadEdit(old: #""status": 404"#, new: #""status": "404""#, entry: "entries[14].status", reason: "expected Int"),
    ]

    @Test(arguments: badEdits)
    func aBadEditFailsNamingFileAndEntry(_ edit: BadEdit) throws {
        let scratch = try ScratchMappings.repositoryFile(ErrorCodeTable.fileName, replacing: edit.old, with: edit.new)
        let error = #expect(throws: MappingTableError.self) {
            try ErrorCodeTable.load(directory: scratch.directory)
        }
        #expect(error?.file == ErrorCodeTable.fileName)
        #expect(error?.entry == edit.entry)
        #expect(error?.reason.contains(edit.reason) == true, "\(error?.description ?? "")")
    }

    @Test func aMissingFileIsNamed() throws {
        let scratch = try ScratchMappings([:])
        let error = #expect(throws: MappingTableError.self) {
            try ErrorCodeTable.load(directory: scratch.directory)
        }
        #expect(error?.description.hasPrefix("mappings/full-cart-errors.json: cannot be read") == true)
    }
}
