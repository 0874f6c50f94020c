import BridgeStore
import Foundation

/// Every date is stored as an INTEGER of milliseconds since 1970-01-01 UTC.
extension Date {
    var storedMilliseconds: Int64 {
        // Rounded, not truncated: a date read back (a Double of ms / 1000) may sit a hair below its millisecond.
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}
