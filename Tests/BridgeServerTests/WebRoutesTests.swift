@testable import BridgeServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct FrameParentTests {
    @Test(arguments: ["http://127.0.0.1:8000", "https://shop.example.com", "http://localhost:8000", "http://[::1]:8000"])
    func anOriginsOwnSerialisationIsAccepted(_ origin: String) {
        #expect(FrameParent.canonicalOrigin(origin) == origin)
    }

    @Test(arguments: [
        "", "null", "*", "'self'", "http://shop.example.com/", "http://shop.example.com/checkout",
        "https://shop.example.com?x=1", "https://shop.example.com#top", "https://user@shop.example.com",
        "HTTPS://SHOP.EXAMPLE.COM", "javascript:alert(1)", "file:///etc/passwd", "ftp://shop.example.com",
        "https://shop.example.com; script-src *", "https://a.example https://b.example", "https://a.example,https://b.example",
        "https://shop.example.com\"", "https://shöp.example", "https://", "https://" + String(repeating: "a", count: 300),
    ])
    func anythingElseIsRefused(_ claimed: String) {
        #expect(FrameParent.canonicalOrigin(claimed) == nil)
    }

    @Test func aParentMustBeAStorefrontThisServerServes() {
        let listed = AllowedOrigins(storeCORS: "http://localhost:8000,https://shop.example.com")
        #expect(FrameParent.origin("https://shop.example.com", allowed: listed, requestHost: "bridge.example") != nil)
        #expect(FrameParent.origin("https://evil.example", allowed: listed, requestHost: "bridge.example") == nil)
        #expect(FrameParent.origin(nil, allowed: listed, requestHost: "bridge.example") == nil)
        // The demo at / embeds the frame from CartBridge's own origin, whatever store_cors says.
        #expect(FrameParent.origin("http://127.0.0.1:9000", allowed: listed, requestHost: "127.0.0.1:9000") != nil)
        #expect(FrameParent.origin("https://bridge.example", allowed: listed, requestHost: "bridge.example") != nil)
        #expect(FrameParent.origin("http://127.0.0.1:9001", allowed: listed, requestHost: "127.0.0.1:9000") == nil)
        // `*` opens the API to every site, not the card form: a phishing page must not show the genuine frame.
        #expect(FrameParent.origin("https://any.example", allowed: AllowedOrigins(storeCORS: "*"), requestHost: nil) == nil)
        #expect(FrameParent.origin("https://shop.example.com", allowed: AllowedOrigins(storeCORS: "*,https://shop.example.com"), requestHost: nil) != nil)
    }
}

@Suite struct WebAssetsTests {
    @Test func theShippedFilesLoadWithAndWithoutTheDemo() throws {
        let withDemo = try WebAssets.load(directory: shippedWeb, servingDemo: true, paymentProviderID: "cartbridge")
        #expect(Set(WebAssets.requiredElementFiles).isSubset(of: withDemo.element.keys))
        #expect(withDemo.element["card-frame.html"] == nil, "the frame's page is served only through its route")
        #expect(withDemo.demo?["index.html"] != nil)
        let withoutDemo = try WebAssets.load(directory: shippedWeb, servingDemo: false, paymentProviderID: "cartbridge")
        #expect(withoutDemo.demo == nil)
    }

    @Test(arguments: ["elements.js", "card-frame.js", "card-frame.css", "card-frame.html"])
    func aMissingElementFileStopsStartUpNamingIt(_ name: String) throws {
        let folder = try copyOfShippedWeb()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("element/\(name)"))
        let error = #expect(throws: WebAssetsError.self) {
            try WebAssets.load(directory: folder, servingDemo: false, paymentProviderID: "cartbridge")
        }
        #expect(error?.description.contains("element/\(name)") == true)
    }

    @Test func aFrameTemplateWithoutItsPlaceholdersIsRefused() throws {
        let folder = try copyOfShippedWeb()
        try Data("<html></html>".utf8).write(to: folder.appendingPathComponent("element/card-frame.html"))
        let error = #expect(throws: WebAssetsError.self) {
            try WebAssets.load(directory: folder, servingDemo: false, paymentProviderID: "cartbridge")
        }
        #expect(error?.description.contains("placeholder") == true)
    }

    @Test func theDemoNeedsItsIndexOnlyWhenServed() throws {
        let folder = try copyOfShippedWeb()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("demo/index.html"))
        #expect(throws: WebAssetsError.self) {
            try WebAssets.load(directory: folder, servingDemo: true, paymentProviderID: "cartbridge")
        }
        #expect(throws: Never.self) {
            try WebAssets.load(directory: folder, servingDemo: false, paymentProviderID: "cartbridge")
        }
    }

    @Test func valuesAreEscapedIntoTheFramePage() throws {
        let page = try CardFramePage(
            template: #"<html data-parent-origin="{{parent_origin}}" data-provider-id="{{payment_provider_id}}">"#,
            paymentProviderID: #"card"<x>"#, source: "test")
        #expect(
            page.html(parentOrigin: "https://shop.example.com")
                == #"<html data-parent-origin="https://shop.example.com" data-provider-id="card&quot;&lt;x&gt;">"#)
    }
}

@Suite struct WebRoutesTests {
    static let storefrontOrigin = "http://localhost:8000"

    @Test func theFrameMayBeEmbeddedOnlyByTheValidatedParent() async throws {
        let response = try await withWeb { client in
            try await client.send(.get, "/cartbridge/card-frame?parent=\(Self.storefrontOrigin)")
        }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        #expect(response.headers[.cacheControl] == "no-store")
        let policy = try #require(response.headers[.contentSecurityPolicy])
        #expect(policy.hasSuffix("frame-ancestors \(Self.storefrontOrigin)"))
        for directive in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"] {
            #expect(policy.contains(directive))
        }
        #expect(response.headers[.init("X-Frame-Options")!] == nil, "XFO would forbid every embedding")
        let html = String(buffer: response.body)
        #expect(html.contains(#"data-parent-origin="\#(Self.storefrontOrigin)""#))
        #expect(html.contains(#"data-provider-id="cartbridge""#))
        #expect(!html.contains("{{"))
    }

    @Test(arguments: ["", "?parent=https://evil.example", "?parent=http://localhost:8000/", "?parent=null"])
    func anyOtherParentGetsARefusalThatCannotBeFramed(_ query: String) async throws {
        let response = try await withWeb { client in try await client.send(.get, "/cartbridge/card-frame\(query)") }
        #expect(response.status == .forbidden)
        #expect(String(buffer: response.body).contains("store_cors"))
        #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
        #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
    }

    @Test func theElementModuleLoadsAcrossOriginsAndRevalidates() async throws {
        let (first, again) = try await withWeb { client in
            let first = try await client.send(.get, "/cartbridge/elements.js", headers: [.origin: Self.storefrontOrigin])
            let etag = try #require(first.headers[.eTag])
            let again = try await client.send(.get, "/cartbridge/elements.js", headers: [.ifNoneMatch: etag])
            return (first, again)
        }
        #expect(first.status == .ok)
        #expect(first.headers[.contentType] == "text/javascript; charset=utf-8")
        #expect(first.headers[.accessControlAllowOrigin] == Self.storefrontOrigin)
        #expect(first.headers[.init("Cross-Origin-Resource-Policy")!] == "cross-origin")
        #expect(first.headers[.cacheControl] == "no-cache")
        #expect(String(buffer: first.body).contains("export function mount"))
        #expect(again.status == .notModified)
        #expect(again.body.readableBytes == 0)
    }

    @Test func theDemoIsServedWithItsOwnPolicyOnlyWhenLoaded() async throws {
        let (index, missing) = try await withWeb(demo: true) { client in
            (try await client.send(.get, "/"), try await client.send(.get, "/demo/nothing-here.js"))
        }
        #expect(index.status == .ok)
        #expect(index.headers[.contentSecurityPolicy] == WebRoutes.demoContentSecurityPolicy)
        #expect(index.headers[.init("X-Frame-Options")!] == "DENY")
        #expect(missing.status == .notFound)
        let off = try await withWeb(demo: false) { client in try await client.send(.get, "/") }
        #expect(off.status == .notFound)
    }

    @Test func theAPIKeepsTheStrictPolicyBesideTheWebRoutes() async throws {
        let response = try await withWeb { client in try await client.send(.get, "/store/carts/cart_1") }
        #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
        #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
    }

    private func withWeb<Value>(
        demo: Bool = true, _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let web = try WebAssets.load(directory: shippedWeb, servingDemo: demo, paymentProviderID: "cartbridge")
        return try await withStoreAPI(storeCORS: Self.storefrontOrigin, web: web, test)
    }
}

/// The repository's `web/` folder, as `cartbridge serve` ships it.
let shippedWeb = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("web")

/// A scratch copy of `web/` to break on purpose.
func copyOfShippedWeb() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: shippedWeb, to: folder)
    return folder
}
