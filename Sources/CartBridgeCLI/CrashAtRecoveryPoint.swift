import Foundation

/// The fault tests' hook: `CARTBRIDGE_FAULT_CRASH_AT=<recovery point>` (e.g. `merchant 1 answered`) kills this
/// process with SIGKILL when a completion reaches that point, as a power cut would. Unset, it does nothing.
enum CrashAtRecoveryPoint {
    static let variable = "CARTBRIDGE_FAULT_CRASH_AT"

    static func hook(environment: [String: String]) -> @Sendable (String) -> Void {
        guard let target = environment[variable], !target.isEmpty else { return { _ in } }
        return { point in
            if point == target { kill(getpid(), SIGKILL) }
        }
    }
}
