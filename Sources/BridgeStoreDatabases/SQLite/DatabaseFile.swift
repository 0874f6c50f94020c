import BridgeStore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating the database file ourselves, because SQLite would create it readable by everyone (0644).
enum DatabaseFile {
    /// Creates missing parent folders (0700) and the database file (0600) if absent. SQLite gives its
    /// `-wal` and `-shm` files the database file's permissions. Existing folders and files are left alone.
    static func prepare(path: String) throws(StoreError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw .unavailable("cannot create folder \(folder) for the database: \(error.localizedDescription)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw .unavailable("cannot create database file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
