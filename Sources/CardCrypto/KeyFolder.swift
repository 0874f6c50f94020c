import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A key folder holds `<kid>.private.pem` (PKCS#8, mode 0600) and `<kid>.public.jwk.json` (mode 0644) per key.
extension CardKeyStore {
    static let privateKeySuffix = ".private.pem"
    static let publicJWKSuffix = ".public.jwk.json"

    /// Loads every `<kid>.private.pem` in the folder; any unreadable or invalid one fails the whole load.
    public static func load(directory: URL) throws(CardKeyError) -> CardKeyStore {
        let folderPath = directory.path(percentEncoded: false)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .keyFolderMissing(path: folderPath)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folderPath)
        } catch {
            throw .unreadableKeyFolder(path: folderPath)
        }
        var pairs: [CardKeyPair] = []
        for name in names.sorted() where name.hasSuffix(privateKeySuffix) {
            let file = directory.appending(path: name, directoryHint: .notDirectory)
            let filePath = file.path(percentEncoded: false)
            let pem: String
            do {
                pem = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw .unreadableKeyFile(path: filePath)
            }
            do {
                pairs.append(try CardKeyPair(kid: String(name.dropLast(privateKeySuffix.count)), pkcs8PEM: pem))
            } catch {
                throw .invalidKeyFile(path: filePath, reason: error)
            }
        }
        guard !pairs.isEmpty else { throw .keyFolderEmpty(path: folderPath) }
        return try CardKeyStore(keyPairs: pairs)
    }

    /// Adds a newly generated key to the folder (creating it) and returns the folder's store.
    public static func generate(into directory: URL, size: RSAKeySize = .bits2048) throws(CardKeyError) -> CardKeyStore {
        try CardKeyPair.generate(size: size).write(to: directory)
        return try load(directory: directory)
    }

    /// The embedded default: use the folder's keys, or generate the first one when there are none.
    public static func loadOrGenerate(directory: URL, size: RSAKeySize = .bits2048) throws(CardKeyError) -> CardKeyStore {
        do {
            return try load(directory: directory)
        } catch .keyFolderMissing, .keyFolderEmpty {
            return try generate(into: directory, size: size)
        }
    }
}

extension CardKeyPair {
    public func privateKeyFile(in directory: URL) -> URL {
        directory.appending(path: kid + CardKeyStore.privateKeySuffix, directoryHint: .notDirectory)
    }

    public func publicJWKFile(in directory: URL) -> URL {
        directory.appending(path: kid + CardKeyStore.publicJWKSuffix, directoryHint: .notDirectory)
    }

    /// Writes both files, creating the folder with mode 0700 if needed. Never overwrites an existing file.
    public func write(to directory: URL) throws(CardKeyError) {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .writeFailed(path: directory.path(percentEncoded: false))
        }
        try Self.writeNewFile(Array(pkcs8PEM.utf8), to: privateKeyFile(in: directory), permissions: 0o600)
        try Self.writeNewFile(Array(publicJWK.jsonData) + [UInt8(ascii: "\n")], to: publicJWKFile(in: directory), permissions: 0o644)
    }

    /// Creates the file with its final permissions so the private key is never readable by others, not even briefly.
    private static func writeNewFile(_ bytes: [UInt8], to file: URL, permissions: mode_t) throws(CardKeyError) {
        let path = file.path(percentEncoded: false)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw .writeFailed(path: path) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { writeToDescriptor(descriptor, $0) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        let durable = written == bytes.count && fsync(descriptor) == 0
        guard close(descriptor) == 0, durable else {
            unlink(path)
            throw .writeFailed(path: path)
        }
    }
}

// A free function, so `write` means the POSIX call and not `CardKeyPair.write(to:)`.
private func writeToDescriptor(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    write(descriptor, buffer.baseAddress, buffer.count)
}
