extension BridgeConfiguration {
    /// Customer accounts: the secret their sessions and tokens are signed with, and where account messages
    /// (password reset and order claim tokens) are sent.
    public struct Accounts: Sendable, Hashable {
        /// A file holding at least 32 random bytes (`secret_file`). With SQLite storage it is made on first start;
        /// with PostgreSQL (several instances) it must be provided, so every instance signs alike.
        public var secretFile: String
        /// `notify_url`: account messages are POSTed there as JSON; unset, they are dropped (logged without the
        /// token), except in demo mode (the built-in simulator) where the token is logged.
        public var notifyURL: String?

        public init(secretFile: String = ".cartbridge/account-secret", notifyURL: String? = nil) {
            self.secretFile = secretFile
            self.notifyURL = notifyURL
        }
    }
}

extension BridgeConfiguration.Accounts: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case secretFile = "secret_file"
        case notifyURL = "notify_url"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        secretFile = try container.decode(.secretFile, default: Self().secretFile)
        notifyURL = try container.decodeIfPresent(String.self, forKey: .notifyURL)
    }
}
