import Foundation

/// The protected header of a compact JWE that passed every structural check.
public struct JWEHeader: Sendable, Equatable {
    public let alg: String
    public let enc: String
    public let kid: String?
}

/// A compact JWE split, decoded and checked for everything that does not need the private key.
struct CompactJWE {
    let header: JWEHeader
    /// The first segment exactly as received: its ASCII bytes are the AAD (RFC 7516 §5.2 step 14).
    let additionalAuthenticatedData: [UInt8]
    let encryptedKey: [UInt8]
    let initializationVector: [UInt8]
    let ciphertext: [UInt8]
    let authenticationTag: [UInt8]

    init(parsing compact: String) throws(JWEError) {
        guard compact.utf8.count <= JWE.maximumCompactLength else { throw .tooLarge }
        let segments = compact.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 5 else { throw .wrongSegmentCount(segments.count) }

        func decode(_ segment: JWESegment) throws(JWEError) -> [UInt8] {
            do {
                return try Base64URL.decode(Substring(segments[segment.rawValue]))
            } catch {
                throw .badBase64URL(segment)
            }
        }

        self.header = try Self.checkedHeader(json: try decode(.protectedHeader))
        self.additionalAuthenticatedData = Array(segments[0])
        self.encryptedKey = try decode(.encryptedKey)
        self.initializationVector = try decode(.initializationVector)
        self.ciphertext = try decode(.ciphertext)
        self.authenticationTag = try decode(.authenticationTag)
        guard initializationVector.count == JWE.initializationVectorByteCount else { throw .invalidIVLength }
        guard authenticationTag.count == JWE.authenticationTagByteCount else { throw .invalidTagLength }
    }

    private static func checkedHeader(json: [UInt8]) throws(JWEError) -> JWEHeader {
        let header: RawHeader
        do {
            header = try JSONDecoder().decode(RawHeader.self, from: Data(json))
        } catch {
            throw .invalidHeader
        }
        guard header.alg == JWE.keyManagementAlgorithm else { throw .unsupportedAlgorithm }
        guard header.enc == JWE.contentEncryptionAlgorithm else { throw .unsupportedEncryption }
        guard header.zip == nil else { throw .unsupportedCompression }
        // We understand no extensions, so any `crit` must be refused (RFC 7515 §4.1.11).
        guard header.crit == nil else { throw .unsupportedCriticalHeader }
        return JWEHeader(alg: JWE.keyManagementAlgorithm, enc: JWE.contentEncryptionAlgorithm, kid: header.kid)
    }

    /// Only the members we act on; other members are ignored as RFC 7516 allows.
    private struct RawHeader: Decodable {
        let alg: String?
        let enc: String?
        let kid: String?
        let zip: String?
        let crit: [String]?
    }
}
