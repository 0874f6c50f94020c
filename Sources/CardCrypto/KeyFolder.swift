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

    /// Loads every `<kid>.private.pem` in the folder; any unreadable or invalid one, or one that group or others
    /// may read, fails the whole load. Keys `retirement` retires are left out and named in `retired`.
    public static func load(directory: URL, retirement: KeyRetirement? = nil, now: Date = Date())
        throws(CardKeyError) -> KeyFolderContents
    {
        let folderPath = displayPath(directory)
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
        var keys: [(pair: CardKeyPair, created: Date)] = []
        for name in names.sorted() where name.hasSuffix(privateKeySuffix) {
            let file = directory.appending(path: name, directoryHint: .notDirectory)
            let (pair, modified) = try readPrivateKey(file, kid: String(name.dropLast(privateKeySuffix.count)))
            keys.append((pair, pair.keyIDDate ?? modified))
        }
        guard !keys.isEmpty else { throw .keyFolderEmpty(path: folderPath) }
        let retired = retirement?.retiredKids(keys.map { ($0.pair.kid, $0.created) }, now: now) ?? []
        let store = try CardKeyStore(keyPairs: keys.map(\.pair).filter { !retired.contains($0.kid) })
        let currentCreated = keys.first { $0.pair.kid == store.current.kid }?.created ?? now
        return KeyFolderContents(
            store: store, retired: retired.sorted(),
            currentIsPastRetirement: retirement.map { now.timeIntervalSince(currentCreated) > $0.retireAfter.seconds }
                ?? false)
    }

    /// Reads one private key file, refusing it when group or others may read or write it.
    private static func readPrivateKey(_ file: URL, kid: String) throws(CardKeyError) -> (CardKeyPair, Date) {
        let path = file.path(percentEncoded: false)
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadableKeyFile(path: path) }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw .insecureKeyFile(path: path, mode: Int(mode)) }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        let pem: String
        do {
            pem = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .unreadableKeyFile(path: path)
        }
        do {
            return (try CardKeyPair(kid: kid, pkcs8PEM: pem), modified)
        } catch {
            throw .invalidKeyFile(path: path, reason: error)
        }
    }

    /// Adds a newly generated key to the folder (creating it) and returns the folder's keys, the new one current.
    /// The folder is read first, so a folder with a key that is exposed or unreadable fails before anything is
    /// written; the new kid is later than every kid already there, so it is the newest even within a second.
    public static func generate(
        into directory: URL, size: RSAKeySize = .bits2048, retirement: KeyRetirement? = nil, now: Date = Date()
    ) throws(CardKeyError) -> KeyFolderContents {
        var existing: CardKeyStore?
        do {
            existing = try load(directory: directory, now: now).store
        } catch .keyFolderMissing, .keyFolderEmpty {
            existing = nil
        }
        let newest = existing?.keyPairs.values.compactMap(\.keyIDDate).max() ?? .distantPast
        let made = max(now, newest.addingTimeInterval(0.001))
        let pair = try CardKeyPair.generate(kid: CardKeyPair.newKeyID(now: made), size: size)
        try pair.write(to: directory)
        var contents = try load(directory: directory, retirement: retirement, now: now)
        contents.generatedKid = pair.kid
        return contents
    }

    /// The embedded single-instance default: the folder's keys, or a first key generated when it has none, or a
    /// fresh one when its newest is past the retirement age (`generatedKid` says so). Never for several
    /// instances: each would mint its own.
    public static func loadOrGenerate(directory: URL, size: RSAKeySize = .bits2048, retirement: KeyRetirement? = nil)
        throws(CardKeyError) -> KeyFolderContents
    {
        do {
            let contents = try load(directory: directory, retirement: retirement)
            guard contents.currentIsPastRetirement else { return contents }
        } catch .keyFolderMissing, .keyFolderEmpty {}
        return try generate(into: directory, size: size, retirement: retirement)
    }

    /// Deletes the key files of the keys `retirement` retires; returns their kids. The newest key is never one.
    public static func pruneRetired(in directory: URL, retirement: KeyRetirement, now: Date = Date())
        throws(CardKeyError) -> [String]
    {
        let contents = try load(directory: directory, retirement: retirement, now: now)
        for kid in contents.retired {
            for suffix in [privateKeySuffix, publicJWKSuffix] {
                let path = directory.appending(path: kid + suffix, directoryHint: .notDirectory).path(percentEncoded: false)
                guard unlink(path) == 0 || errno == ENOENT else { throw .writeFailed(path: path) }
            }
        }
        return contents.retired
    }
}

/// When a key stops decrypting. The newest key never retires (it is the one storefronts encrypt to: retiring it
/// would stop payments on every instance at once); an older key retires once it is older than `retireAfter`
/// and its successor has been published for longer than `supersededGrace`, so storefronts still holding it and
/// cards stored under it (up to the card TTL) keep working through a rotation.
public struct KeyRetirement: Sendable, Hashable {
    public var retireAfter: Duration
    public var supersededGrace: Duration

    public init(retireAfter: Duration, supersededGrace: Duration) {
        self.retireAfter = retireAfter
        self.supersededGrace = supersededGrace
    }

    /// The kids of `keys` (kid, creation time) that no longer decrypt at `now`.
    func retiredKids(_ keys: [(kid: String, created: Date)], now: Date) -> Set<String> {
        let ordered = keys.sorted { ($0.created, $0.kid) < ($1.created, $1.kid) }
        var retired: Set<String> = []
        for (key, successor) in zip(ordered, ordered.dropFirst())
        where now.timeIntervalSince(key.created) > retireAfter.seconds
            && now.timeIntervalSince(successor.created) > supersededGrace.seconds
        {
            retired.insert(key.kid)
        }
        return retired
    }
}

/// What a key folder holds: the keys that may be used, the kids of those retired, whether the current (newest)
/// key is itself past the retirement age (time to rotate), and the kid of a key just generated into it, if any.
public struct KeyFolderContents: Sendable {
    public let store: CardKeyStore
    public let retired: [String]
    public let currentIsPastRetirement: Bool
    public var generatedKid: String?

    init(store: CardKeyStore, retired: [String], currentIsPastRetirement: Bool, generatedKid: String? = nil) {
        self.store = store
        self.retired = retired
        self.currentIsPastRetirement = currentIsPastRetirement
        self.generatedKid = generatedKid
    }
}

/// A folder's path for messages, without the trailing slash a directory URL carries.
func displayPath(_ directory: URL) -> String {
    let path = directory.path(percentEncoded: false)
    return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
}

extension Duration {
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

extension CardKeyPair {
    public func privateKeyFile(in directory: URL) -> URL {
        directory.appending(path: kid + CardKeyStore.privateKeySuffix, directoryHint: .notDirectory)
    }

    public func publicJWKFile(in directory: URL) -> URL {
        directory.appending(path: kid + CardKeyStore.publicJWKSuffix, directoryHint: .notDirectory)
    }

    /// Writes both files, creating the folder with mode 0700 if needed. Never overwrites an existing file. The
    /// public JWK goes first and the private key last, each appearing whole, so a server reading the folder
    /// meanwhile sees the key completely or not at all.
    public func write(to directory: URL) throws(CardKeyError) {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .writeFailed(path: displayPath(directory))
        }
        try Self.writeNewFile(Array(publicJWK.jsonData) + [UInt8(ascii: "\n")], to: publicJWKFile(in: directory), permissions: 0o644)
        try Self.writeNewFile(Array(pkcs8PEM.utf8), to: privateKeyFile(in: directory), permissions: 0o600)
    }

    /// Writes a hidden temporary file with its final permissions (so the private key is never readable by
    /// others, not even briefly), then links it to its name, which fails rather than replace an existing file.
    private static func writeNewFile(_ bytes: [UInt8], to file: URL, permissions: mode_t) throws(CardKeyError) {
        let path = file.path(percentEncoded: false)
        let temporary = file.deletingLastPathComponent()
            .appending(path: ".\(file.lastPathComponent).\(UInt32.random(in: .min ... .max)).partial")
            .path(percentEncoded: false)
        try writeDurably(bytes, to: temporary, permissions: permissions)
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else { throw .writeFailed(path: path) }
        // The new name is durable once the folder is.
        let folder = open(file.deletingLastPathComponent().path(percentEncoded: false), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private static func writeDurably(_ bytes: [UInt8], to path: String, permissions: mode_t) throws(CardKeyError) {
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
