import Foundation
import FullCartAPI
import Hummingbird

extension SimulatorRoutes {
    /// `POST /api/v1/browser-session` (A1): a new device, or a renewal when the body carries `access_token`.
    func addSessionRoutes(to router: Router<Context>) {
        merchantRoute(router, .post, "/api/v1/browser-session", errorEnvelope: .session) { [state] request, context in
            // Firmly's SDK checks the App ID as a UUID (reference §1.3).
            guard let appID = request.headers[Self.appIDHeader], UUID(uuidString: appID) != nil else {
                throw SimulatorError.sessionInvalidAppID()
            }
            let data = try await JSONIO.bodyData(request, context: context)
            var previousToken: String?
            if !data.isEmpty {
                do {
                    previousToken = try JSONIO.decode(FullCartSessionRequest.self, from: data).accessToken
                } catch let error as SimulatorError {
                    throw SimulatorError.sessionInvalidBody(error.description)
                }
            }
            let session = try await state.createSession(appID: appID, previousToken: previousToken)
            return try JSONIO.response(session)
        }
    }
}
