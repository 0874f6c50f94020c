import Foundation

/// The secret that signs account sessions and tokens: a file of base64 text holding at least 32 random bytes,
/// readable by its owner only. A single instance makes it on first start; several instances must share one.
public enum AccountSecret {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func load(path: String, createIfMissing: Bool) throws(Failure) -> Data {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard createIfMissing else {
                throw Failure(
                    description: "accounts.secret_file \(path) does not exist; with PostgreSQL storage every instance "
                        + "needs the same secret: create it with `head -c 48 /dev/urandom | base64 > \(path); chmod 600 \(path)`")
            }
            try create(path)
        }
        let attributes = try? manager.attributesOfItem(atPath: path)
        if let permissions = attributes?[.posixPermissions] as? NSNumber, permissions.intValue & 0o077 != 0 {
            throw Failure(description: "accounts.secret_file \(path) is readable by others; chmod 600 it")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let secret = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), secret.count >= 32
        else {
            throw Failure(description: "accounts.secret_file \(path) must hold at least 32 bytes as base64 text")
        }
        return secret
    }

    private static func create(_ path: String) throws(Failure) {
        var bytes = [UInt8](repeating: 0, count: 48)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            // Created with 0600 from the start, so the secret is never readable by others, even briefly.
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data((Data(bytes).base64EncodedString() + "\n").utf8),
                    attributes: [.posixPermissions: 0o600])
            else { throw Failure(description: "accounts.secret_file \(path) could not be created") }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "accounts.secret_file \(path) could not be created: \(error.localizedDescription)")
        }
    }
}
