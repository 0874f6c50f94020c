import Crypto
import Foundation
import NIOCore

/// The browser files CartBridge serves, read once at start-up: the card element (`web/element/`, always) and the
/// demo storefront (`web/demo/`, when enabled). A missing or unusable file stops start-up, naming it.
public struct WebAssets: Sendable {
    /// One file as it is sent: its bytes, type and a strong validator for `If-None-Match`.
    public struct File: Sendable {
        public let body: ByteBuffer
        public let contentType: String
        public let etag: String

        init(_ data: Data, contentType: String) {
            body = ByteBuffer(bytes: data)
            self.contentType = contentType
            etag = "\"" + SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        }
    }

    /// `elements.js` (the storefront's module) and the frame's scripts and style, by file name.
    public let element: [String: File]
    /// The frame's page with the payment provider filled in; the parent origin is filled in per request.
    public let cardFrame: CardFramePage
    /// The demo storefront by file name (`index.html` is served at `/`); nil when it is off.
    public let demo: [String: File]?

    static let requiredElementFiles = ["elements.js", "card-frame.js", "card-frame.css"]
    static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml",
    ]

    init(element: [String: File], cardFrame: CardFramePage, demo: [String: File]?) {
        self.element = element
        self.cardFrame = cardFrame
        self.demo = demo
    }

    /// Reads `directory/element/` and, when `servingDemo`, `directory/demo/`. Both are flat; their `.html`, `.js`,
    /// `.css` and `.svg` files are served (the frame's HTML only through its route), anything else is left out.
    public static func load(directory: URL, servingDemo: Bool, paymentProviderID: String) throws(WebAssetsError)
        -> WebAssets
    {
        let elementDirectory = directory.appendingPathComponent("element")
        var element = try files(in: elementDirectory, required: requiredElementFiles)
        let frameURL = elementDirectory.appendingPathComponent("card-frame.html")
        element["card-frame.html"] = nil
        let cardFrame = try CardFramePage(
            template: String(decoding: try read(frameURL), as: UTF8.self), paymentProviderID: paymentProviderID,
            source: frameURL.path)
        guard servingDemo else { return WebAssets(element: element, cardFrame: cardFrame, demo: nil) }
        let demo = try files(in: directory.appendingPathComponent("demo"), required: ["index.html"])
        return WebAssets(element: element, cardFrame: cardFrame, demo: demo)
    }

    private static func files(in directory: URL, required: [String]) throws(WebAssetsError) -> [String: File] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw WebAssetsError(path: directory.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        var files: [String: File] = [:]
        for name in names where contentTypes[(name as NSString).pathExtension] != nil && !name.hasPrefix(".") {
            files[name] = try file(directory.appendingPathComponent(name))
        }
        for name in required where files[name] == nil {
            throw WebAssetsError(path: directory.appendingPathComponent(name).path, problem: "is missing")
        }
        return files
    }

    private static func file(_ url: URL) throws(WebAssetsError) -> File {
        File(try read(url), contentType: contentTypes[url.pathExtension] ?? "application/octet-stream")
    }

    private static func read(_ url: URL) throws(WebAssetsError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw WebAssetsError(path: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
    }
}

/// A web file CartBridge cannot serve, found at start-up.
public struct WebAssetsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public var description: String {
        "\(path) \(problem); `cartbridge serve --web DIR` names the folder holding element/ and demo/"
    }
}
