import Foundation

/// Base64url without padding (RFC 4648 §5), the only form JOSE allows (RFC 7515 §2).
public enum Base64URL {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-")
        text = text.replacingOccurrences(of: "/", with: "_")
        while text.last == "=" { text.removeLast() }
        return text
    }

    /// Strict decoding: no padding, no whitespace, no standard-base64 `+` or `/`.
    public static func decode(_ text: some StringProtocol) throws(Base64URLError) -> [UInt8] {
        let characters = Array(text.utf8)
        if characters.contains(UInt8(ascii: "=")) { throw .paddingNotAllowed }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 3 / 4)
        var buffer: UInt32 = 0
        var bufferedBits = 0
        for character in characters {
            guard let sextet = sextet(for: character) else { throw .invalidCharacter }
            buffer = (buffer << 6) | UInt32(sextet)
            bufferedBits += 6
            if bufferedBits >= 8 {
                bufferedBits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bufferedBits)))
                buffer &= (1 << UInt32(bufferedBits)) - 1
            }
        }
        // A single leftover character carries only 6 bits, never a whole byte.
        guard characters.count % 4 != 1 else { throw .invalidLength }
        return bytes
    }

    private static func sextet(for character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}

public enum Base64URLError: Error, Sendable, Equatable, CustomStringConvertible {
    case paddingNotAllowed
    case invalidCharacter
    case invalidLength

    public var description: String {
        switch self {
        case .paddingNotAllowed: "base64url must not be padded with '='"
        case .invalidCharacter: "invalid base64url character"
        case .invalidLength: "impossible base64url length"
        }
    }
}
