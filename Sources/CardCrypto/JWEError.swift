/// The five parts of a compact JWE, in order.
public enum JWESegment: Int, Sendable, CaseIterable {
    case protectedHeader, encryptedKey, initializationVector, ciphertext, authenticationTag

    public var name: String {
        switch self {
        case .protectedHeader: "protected header"
        case .encryptedKey: "encrypted key"
        case .initializationVector: "initialization vector"
        case .ciphertext: "ciphertext"
        case .authenticationTag: "authentication tag"
        }
    }
}

/// Why a compact JWE was refused. Descriptions never contain token contents or plaintext:
/// header values are attacker-controlled and the payload is card data.
public enum JWEError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge
    case wrongSegmentCount(Int)
    case badBase64URL(JWESegment)
    case invalidHeader
    case unsupportedAlgorithm
    case unsupportedEncryption
    case unsupportedCompression
    case unsupportedCriticalHeader
    case missingKeyID
    case unknownKeyID
    case invalidIVLength
    case invalidTagLength
    case invalidEncryptedKeyLength
    /// A bad tag, tampered content and an encrypted key that does not unwrap all end here (RFC 7516 §11.5).
    case decryptionFailed
    case encryptionFailed

    /// Short stable identifier for logs and HTTP error mapping.
    public var code: String {
        switch self {
        case .tooLarge: "jwe_too_large"
        case .wrongSegmentCount: "jwe_segment_count"
        case .badBase64URL: "jwe_bad_base64"
        case .invalidHeader: "jwe_invalid_header"
        case .unsupportedAlgorithm: "jwe_unsupported_alg"
        case .unsupportedEncryption: "jwe_unsupported_enc"
        case .unsupportedCompression: "jwe_unsupported_zip"
        case .unsupportedCriticalHeader: "jwe_unsupported_crit"
        case .missingKeyID: "jwe_missing_kid"
        case .unknownKeyID: "jwe_unknown_kid"
        case .invalidIVLength: "jwe_bad_iv_length"
        case .invalidTagLength: "jwe_bad_tag_length"
        case .invalidEncryptedKeyLength: "jwe_bad_encrypted_key_length"
        case .decryptionFailed: "jwe_decryption_failed"
        case .encryptionFailed: "jwe_encryption_failed"
        }
    }

    public var description: String {
        switch self {
        case .tooLarge: "JWE is larger than \(JWE.maximumCompactLength) bytes"
        case .wrongSegmentCount(let count): "compact JWE must have 5 segments, found \(count)"
        case .badBase64URL(let segment): "JWE \(segment.name) is not valid unpadded base64url"
        case .invalidHeader: "JWE protected header is not a JSON object with string values"
        case .unsupportedAlgorithm: "JWE alg is not supported (only \(JWE.keyManagementAlgorithm))"
        case .unsupportedEncryption: "JWE enc is not supported (only \(JWE.contentEncryptionAlgorithm))"
        case .unsupportedCompression: "JWE zip (compression) is not supported"
        case .unsupportedCriticalHeader: "JWE crit header names extensions this implementation does not understand"
        case .missingKeyID: "JWE or key has no kid"
        case .unknownKeyID: "JWE kid does not name a known key"
        case .invalidIVLength: "JWE initialization vector must be 12 bytes"
        case .invalidTagLength: "JWE authentication tag must be 16 bytes"
        case .invalidEncryptedKeyLength: "JWE encrypted key length does not match the key's modulus"
        case .decryptionFailed: "JWE decryption failed"
        case .encryptionFailed: "JWE encryption failed"
        }
    }
}
