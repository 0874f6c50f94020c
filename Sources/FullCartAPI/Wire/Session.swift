import Foundation

/// The browser-session answer (A1). Its token authorises every other call of one device.
public struct FullCartSessionResponse: Codable, Sendable, Equatable {
    public var deviceCreated: Bool
    public var accessToken: String
    public var expiresIn: Int
    public var expires: Int
    public var deviceID: String

    public init(deviceCreated: Bool, accessToken: String, expiresIn: Int, expires: Int, deviceID: String) {
        self.deviceCreated = deviceCreated
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.expires = expires
        self.deviceID = deviceID
    }

    enum CodingKeys: String, CodingKey {
        case deviceCreated = "device_created"
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case expires
        case deviceID = "device_id"
    }
}

/// A device session as CartBridge keeps it between calls.
public struct DeviceSession: Codable, Sendable, Hashable {
    public var accessToken: String
    public var deviceID: String
    public var expiresAt: Date

    public init(accessToken: String, deviceID: String, expiresAt: Date) {
        self.accessToken = accessToken
        self.deviceID = deviceID
        self.expiresAt = expiresAt
    }

    public init(_ response: FullCartSessionResponse) {
        self.init(
            accessToken: response.accessToken, deviceID: response.deviceID,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(response.expires)))
    }

    public func expires(within interval: TimeInterval, of now: Date) -> Bool {
        expiresAt.timeIntervalSince(now) < interval
    }
}

public struct FullCartSessionRequest: Codable, Sendable, Equatable {
    public var accessToken: String?

    public init(accessToken: String?) { self.accessToken = accessToken }

    enum CodingKeys: String, CodingKey { case accessToken = "access_token" }
}
