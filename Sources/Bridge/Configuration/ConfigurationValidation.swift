import Foundation

extension BridgeConfiguration {
    /// Checks what decoding cannot: ranges, formats, uniqueness, and that every region offers CartBridge's
    /// payment provider. Throws at the first problem, naming its key path.
    func validate() throws(ConfigurationError) {
        try check(server.host, isNotEmpty: "server.host")
        try check(server.port, isPortAt: "server.port")
        try check(server.maxBodyBytes >= 1, "server.max_body_bytes", "must be at least 1")
        try check(server.shutdownTimeout >= .zero, "server.shutdown_timeout_seconds", "must not be negative")
        if let adminPort = server.adminPort {
            try check(adminPort, isPortAt: "server.admin_port")
            try check(
                adminPort == 0 || adminPort != server.port, "server.admin_port", "must differ from server.port")
        }
        try check(server.adminHost, isNotEmpty: "server.admin_host")
        try check(server.readLockWait >= .zero, "server.read_lock_wait_ms", "must not be negative")
        try check(server.writeLockWait >= .zero, "server.write_lock_wait_ms", "must not be negative")
        try check(storage.url, isNotEmpty: "storage.url")
        try check(storage.idempotencyTTL > .zero, "storage.idempotency_ttl_seconds", "must be at least 1")
        try check(storage.maxConnections >= 1, "storage.max_connections", "must be at least 1")
        try check(storage.maxLockConnections >= 1, "storage.max_lock_connections", "must be at least 1")
        try check(keys.directory, isNotEmpty: "keys.directory")
        try check(keys.retireAfter > .zero, "keys.retire_after_days", "must be at least 1")
        try check(keys.rescanInterval > .zero, "keys.rescan_seconds", "must be at least 1")
        try check(catalog.ttl >= .zero, "catalog.ttl_seconds", "must not be negative")
        try check(catalog.pinnedIDs, isNotEmpty: "catalog.pinned_ids")
        try check(payment.providerID, isNotEmpty: "payment.provider_id")
        try check(payment.cardTTL > .zero, "payment.card_ttl_seconds", "must be at least 1")
        try check(payment.merchantKeyTTL >= .zero, "payment.merchant_key_ttl_seconds", "must not be negative")
        try check(snapshot.maxAge >= .zero, "snapshot.max_age_ms", "must not be negative")
        try check(httpClient.connectTimeout > .zero, "http_client.connect_timeout_ms", "must be at least 1")
        try check(httpClient.maxConnectionsPerHost >= 1, "http_client.max_connections_per_host", "must be at least 1")
        try check(simulator.port, isPortAt: "simulator.port")
        try check(simulator.catalog, isNotEmpty: "simulator.catalog")
        if let appID = simulator.appID {
            try check(UUID(uuidString: appID) != nil, "simulator.app_id", "must be a UUID")
        }
        try validateRateLimit()
        try validateRegions()
        try validateMerchants()
    }

    private func validateRegions() throws(ConfigurationError) {
        try check(!regions.isEmpty, "regions", "at least one region is required")
        var regionIDs: [String: Int] = [:]
        var countryRegions: [String: String] = [:]
        for (index, region) in regions.enumerated() {
            let path = "regions[\(index)]"
            try check(region.id, isNotEmpty: "\(path).id")
            if let first = regionIDs[region.id] {
                throw ConfigurationError(
                    keyPath: "\(path).id", problem: "duplicate region id \(region.id) (also regions[\(first)])")
            }
            regionIDs[region.id] = index
            try check(region.name, isNotEmpty: "\(path).name")
            try check(
                Self.isLetters(region.currencyCode, count: 3), "\(path).currency_code",
                "must be a 3-letter ISO 4217 code, e.g. usd")
            try check((0...100).contains(region.taxRate), "\(path).tax_rate", "must be a percentage from 0 to 100")
            for (countryIndex, country) in region.countries.enumerated() {
                let countryPath = "\(path).countries[\(countryIndex)]"
                try check(Self.isLetters(country, count: 2), countryPath, "must be a 2-letter ISO 3166-1 code, e.g. us")
                // Medusa keeps a country in at most one region.
                if let owner = countryRegions[country] {
                    throw ConfigurationError(
                        keyPath: countryPath, problem: "\(country) already belongs to region \(owner)")
                }
                countryRegions[country] = region.id
            }
            try check(
                region.paymentProviders.contains(payment.providerID), "\(path).payment_providers",
                "must include payment.provider_id (\(payment.providerID))")
        }
    }

    private func validateRateLimit() throws(ConfigurationError) {
        try check(
            rateLimit.declinedCompletionsPerHour >= 0, "rate_limit.declined_completions_per_hour",
            "must not be negative (0 turns the limit off)")
        try check(
            rateLimit.requestsPerMinute >= 0, "rate_limit.requests_per_minute",
            "must not be negative (0 turns the limit off)")
        try check(rateLimit.burst >= 1, "rate_limit.burst", "must be at least 1")
        try check(rateLimit.maxClients >= 1, "rate_limit.max_clients", "must be at least 1")
    }

    private func validateMerchants() throws(ConfigurationError) {
        var domains: [String: Int] = [:]
        for (index, merchant) in merchants.enumerated() {
            let path = "merchants[\(index)]"
            try check(merchant.domain, isNotEmpty: "\(path).domain")
            if let first = domains[merchant.domain.lowercased()] {
                throw ConfigurationError(
                    keyPath: "\(path).domain",
                    problem: "duplicate merchant domain \(merchant.domain) (also merchants[\(first)])")
            }
            domains[merchant.domain.lowercased()] = index
            for (url, key) in [(merchant.apiURL, "api_url"), (merchant.paymentURL, "payment_url")] {
                try check(Self.isHTTPURL(url), "\(path).\(key)", "must be an http:// or https:// URL")
                // Device tokens and cards travel on these: plain HTTP only to this machine.
                try check(
                    Self.isHTTPS(url) || Self.isLoopback(url), "\(path).\(key)",
                    "must be https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1)")
            }
            try check(merchant.appID, isNotEmpty: "\(path).app_id")
            try check(merchant.requestTimeout > .zero, "\(path).request_timeout_ms", "must be at least 1")
            try check(merchant.completeOrderTimeout > .zero, "\(path).complete_order_timeout_ms", "must be at least 1")
            try check(merchant.completeOrderSettle >= .zero, "\(path).complete_order_settle_ms", "must not be negative")
        }
    }

    private func check(
        _ condition: Bool, _ keyPath: String, _ problem: @autoclosure () -> String
    )
        throws(ConfigurationError)
    {
        guard condition else { throw ConfigurationError(keyPath: keyPath, problem: problem()) }
    }

    private func check(_ text: String, isNotEmpty keyPath: String) throws(ConfigurationError) {
        try check(!text.trimmingCharacters(in: .whitespaces).isEmpty, keyPath, "must not be empty")
    }

    /// 0 asks the system for any free port.
    private func check(_ port: Int, isPortAt keyPath: String) throws(ConfigurationError) {
        try check((0...65535).contains(port), keyPath, "must be a port number from 0 to 65535")
    }

    private static func isLetters(_ code: String, count: Int) -> Bool {
        code.count == count && code.allSatisfy { $0.isASCII && $0.isLetter }
    }

    private static func isHTTPS(_ text: String) -> Bool {
        URL(string: text)?.scheme?.lowercased() == "https"
    }

    /// `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ text: String) -> Bool {
        guard let host = URL(string: text)?.host?.lowercased() else { return false }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else {
            return false
        }
        return ["http", "https"].contains(scheme) && !host.isEmpty
    }
}
