import CardCrypto
import Foundation
import FullCartAPI
import Hummingbird

extension SimulatorRoutes {
    /// `/_simulator/…`: the order ledger and fault, token, key and reset controls. No auth; JSON in and out.
    func addControlRoutes(to router: Router<Context>) {
        let control = router.group("/_simulator")

        control.get("orders") { [state] _, _ in try JSONIO.response(await state.ledger) }
        control.delete("orders") { [state] _, _ in
            await state.clearOrders()
            return try JSONIO.response(await state.ledger)
        }

        control.get("calls") { [state] _, _ in try JSONIO.response(await state.callCounts) }

        control.get("faults") { [state] _, _ in try JSONIO.response(await state.faultSettings) }
        control.put("faults") { [state] request, context in
            let body = try await JSONIO.decode(FaultSettings.PartialSettings.self, from: request, context: context)
            await state.setFaults(try FaultSettings.decode(body, defaultSeed: state.configuredSeed))
            return try JSONIO.response(await state.faultSettings)
        }
        control.delete("faults") { [state] _, _ in
            await state.clearFaults()
            return try JSONIO.response(await state.faultSettings)
        }

        control.post("tokens/expire") { [state] request, context in
            let body = try await optionalBody(ExpireTokensRequest.self, request, context) ?? ExpireTokensRequest()
            await state.expireTokens(beyondRenewal: body.beyondRenewal ?? false)
            return try JSONIO.response(ExpireTokensRequest(beyondRenewal: body.beyondRenewal ?? false))
        }

        control.post("key/rotate") { [state] request, context in
            let body = try await optionalBody(RotateKeyRequest.self, request, context) ?? RotateKeyRequest()
            if let grace = body.graceSeconds, !(0...RotateKeyRequest.maximumGraceSeconds).contains(grace) {
                throw SimulatorError.invalidInputBody(
                    "grace_seconds must be 0...\(Int(RotateKeyRequest.maximumGraceSeconds))")
            }
            let next = try CardKeyPair.generate(kid: CardKeyPair.newKeyID())
            let rotation = await state.rotatePaymentKey(to: next, grace: body.graceSeconds.map { .seconds($0) })
            logger.info(
                "Payment key rotated", metadata: ["kid": "\(rotation.kid)", "previous_kid": "\(rotation.previousKid)"])
            return try JSONIO.response(KeyRotation(kid: rotation.kid, previousKid: rotation.previousKid))
        }

        control.post("reset") { [state] _, _ in
            await state.reset()
            return try JSONIO.response(["reset": true])
        }
    }

    /// A control body that may be empty.
    private func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request, _ context: Context) async throws -> T? {
        let data = try await JSONIO.bodyData(request, context: context)
        return data.isEmpty ? nil : try JSONIO.decode(type, from: data)
    }
}

struct ExpireTokensRequest: Codable, Sendable {
    var beyondRenewal: Bool?

    enum CodingKeys: String, CodingKey { case beyondRenewal = "beyond_renewal" }
}

struct RotateKeyRequest: Codable, Sendable {
    static let maximumGraceSeconds = 86_400.0

    var graceSeconds: Double?

    enum CodingKeys: String, CodingKey { case graceSeconds = "grace_seconds" }
}

struct KeyRotation: Codable, Sendable {
    let kid: String
    let previousKid: String

    enum CodingKeys: String, CodingKey {
        case kid
        case previousKid = "previous_kid"
    }
}
