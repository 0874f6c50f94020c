import Foundation

/// The card frame's HTML. It names the one origin allowed to embed it (`frame-ancestors`, and the page's
/// `data-parent-origin`, which the frame's script posts to and accepts messages from), so it is made per request.
public struct CardFramePage: Sendable {
    static let parentOriginSlot = "{{parent_origin}}"
    static let providerSlot = "{{payment_provider_id}}"

    private let template: String

    /// `template` must hold both slots; the provider id is filled in once.
    init(template: String, paymentProviderID: String, source: String) throws(WebAssetsError) {
        for slot in [Self.parentOriginSlot, Self.providerSlot] where !template.contains(slot) {
            throw WebAssetsError(path: source, problem: "has no \(slot) placeholder")
        }
        self.template = template.replacingOccurrences(
            of: Self.providerSlot, with: HTMLText.escaped(paymentProviderID))
    }

    /// The page for a parent origin `FrameParent.origin` accepted.
    func html(parentOrigin: String) -> String {
        template.replacingOccurrences(of: Self.parentOriginSlot, with: HTMLText.escaped(parentOrigin))
    }

    /// Only what the frame needs: its own script, style and API; embeddable by exactly one origin.
    static func contentSecurityPolicy(parentOrigin: String) -> String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'none'; base-uri 'none'; frame-ancestors \(parentOrigin)"
    }
}

enum HTMLText {
    /// Safe inside element text and quoted attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Which page may embed the card frame: the origin it claims (`?parent=`), when that is a plain
/// `scheme://host[:port]` origin and a storefront CartBridge serves: listed by name in `store_cors` (a `*` there opens
/// the API, not the card form, to every site), or CartBridge's own origin when it serves the demo (`requestHost`).
/// The claim is enforced by the browser through `frame-ancestors`, so a page that lies about its origin gets a frame
/// that refuses to render.
enum FrameParent {
    static func origin(_ claimed: String?, allowed: AllowedOrigins, requestHost: String?) -> String? {
        guard let claimed, let origin = canonicalOrigin(claimed) else { return nil }
        if allowed.origins.contains(origin) { return origin }
        guard let requestHost, let components = URLComponents(string: origin) else { return nil }
        let authority = components.port.map { "\(components.host ?? ""):\($0)" } ?? components.host
        return authority == requestHost.lowercased() ? origin : nil
    }

    /// The text itself when it is exactly an origin's serialisation (lower-case `http`/`https`, a host, an optional
    /// port, nothing else); nil for anything a CSP source list could misread (paths, spaces, `;`, `,`, `*`, quotes).
    static func canonicalOrigin(_ text: String) -> String? {
        guard text.count <= 300,
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:/[]".contains($0)) }),
            let components = URLComponents(string: text),
            let scheme = components.scheme, ["http", "https"].contains(scheme),
            let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
            components.path.isEmpty
        else { return nil }
        let serialised = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        return serialised == text && text == text.lowercased() ? text : nil
    }
}
