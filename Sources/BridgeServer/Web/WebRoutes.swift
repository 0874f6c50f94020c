import HTTPTypes
import Hummingbird

/// The card element's files and frame under `/cartbridge/`, and the demo storefront at `/` and `/demo/`. Each
/// response carries its own content policy; `SecurityHeadersMiddleware` keeps the strict one for everything else.
struct WebRoutes: Sendable {
    let assets: WebAssets
    let allowedOrigins: AllowedOrigins

    /// The demo's pages: their own script, style and API, frames of their own origin (the card frame), product
    /// images from anywhere secure; never framed themselves.
    static let demoContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
        + "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func register(on router: Router<BridgeRequestContext>) {
        for (name, file) in assets.element {
            router.get(RouterPath("cartbridge/\(name)")) { request, _ in
                // Loaded as a module by storefronts on other origins (CORS comes from the store_cors middleware).
                Self.response(file, for: request, headers: [.crossOriginResourcePolicy: "cross-origin"])
            }
        }
        router.get("cartbridge/card-frame") { request, _ in cardFrame(request) }
        guard let demo = assets.demo else { return }
        let demoHeaders: HTTPFields = [
            .contentSecurityPolicy: Self.demoContentSecurityPolicy, .xFrameOptions: "DENY",
        ]
        if let index = demo["index.html"] {
            router.get("/") { request, _ in Self.response(index, for: request, headers: demoHeaders) }
        }
        router.get("demo/:file") { request, context in
            // A name, never a path: only the files read at start-up exist.
            guard let file = demo[try context.parameters.require("file")] else { throw HTTPError(.notFound) }
            return Self.response(file, for: request, headers: demoHeaders)
        }
    }

    /// A refused parent gets plain text, not the API's JSON envelope: the answer is a page, meant for a person.
    private func cardFrame(_ request: Request) -> Response {
        guard
            let parent = FrameParent.origin(
                request.uri.queryParameters["parent"].map(String.init), allowed: allowedOrigins,
                requestHost: assets.demo == nil ? nil : request.head.authority)
        else {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        string: "This page may not show the card form: its origin must be listed in CartBridge's "
                            + "server.store_cors.")))
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: CardFramePage.contentSecurityPolicy(parentOrigin: parent),
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: assets.cardFrame.html(parentOrigin: parent))))
    }

    /// 304 when the browser holds this version; otherwise the file, revalidated on every use so a new release
    /// reaches every storefront at once.
    private static func response(_ file: WebAssets.File, for request: Request, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.eTag] = file.etag
        headers[.cacheControl] = "no-cache"
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == file.etag
        }) == true {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = file.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: file.body))
    }
}

extension HTTPField.Name {
    static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
}
