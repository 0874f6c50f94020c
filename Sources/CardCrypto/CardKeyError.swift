/// Why a key could not be imported, generated, stored or loaded. Paths are ours; key material never appears.
public enum CardKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidJWK
    case unsupportedKeyType
    case invalidPEM
    case keyTooSmall(bits: Int)
    case invalidKeyID
    case keyGenerationFailed
    case noKeys
    case duplicateKeyID(String)
    case keyFolderMissing(path: String)
    case keyFolderEmpty(path: String)
    case insecureKeyFile(path: String, mode: Int)
    case unreadableKeyFolder(path: String)
    case unreadableKeyFile(path: String)
    indirect case invalidKeyFile(path: String, reason: CardKeyError)
    case writeFailed(path: String)

    /// Short stable identifier for logs and HTTP error mapping.
    public var code: String {
        switch self {
        case .invalidJWK: "key_invalid_jwk"
        case .unsupportedKeyType: "key_unsupported_kty"
        case .invalidPEM: "key_invalid_pem"
        case .keyTooSmall: "key_too_small"
        case .invalidKeyID: "key_invalid_kid"
        case .keyGenerationFailed: "key_generation_failed"
        case .noKeys: "key_store_empty"
        case .duplicateKeyID: "key_duplicate_kid"
        case .keyFolderMissing: "key_folder_missing"
        case .keyFolderEmpty: "key_folder_empty"
        case .insecureKeyFile: "key_file_insecure"
        case .unreadableKeyFolder: "key_folder_unreadable"
        case .unreadableKeyFile: "key_file_unreadable"
        case .invalidKeyFile: "key_file_invalid"
        case .writeFailed: "key_write_failed"
        }
    }

    public var description: String {
        switch self {
        case .invalidJWK: "not a valid RSA public JWK (needs base64url n and e; use \"enc\" and alg \"RSA-OAEP-256\" if present)"
        case .unsupportedKeyType: "JWK kty must be \"RSA\""
        case .invalidPEM: "not a valid RSA key PEM"
        case .keyTooSmall(let bits): "RSA key has \(bits) bits; at least \(RSAKeySize.minimumBits) are required"
        case .invalidKeyID: "key id must be 1-128 characters of A-Z a-z 0-9 . _ - and not start with '.'"
        case .keyGenerationFailed: "RSA key generation failed"
        case .noKeys: "a key store needs at least one key"
        case .duplicateKeyID(let kid): "key id \(kid) appears more than once"
        case .keyFolderMissing(let path): "key folder \(path) does not exist"
        case .keyFolderEmpty(let path): "key folder \(path) contains no <kid>.private.pem files"
        case .insecureKeyFile(let path, let mode):
            "key file \(path) may be read by group or others (mode \(String(mode, radix: 8))); chmod 600 it"
        case .unreadableKeyFolder(let path): "cannot list key folder \(path)"
        case .unreadableKeyFile(let path): "cannot read key file \(path)"
        case .invalidKeyFile(let path, let reason): "invalid key file \(path): \(reason)"
        case .writeFailed(let path): "cannot write \(path)"
        }
    }
}
