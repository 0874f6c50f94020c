import Foundation

/// `cartbridge check-config`'s output: one line per check, `✓` or `✗`, the check, its detail and its time.
public enum CheckReport {
    public static func render(_ results: [CheckResult]) -> String {
        let width = results.map(\.name.count).max() ?? 0
        let lines = results.map { result in
            let name = result.name.padding(toLength: width, withPad: " ", startingAt: 0)
            return "\(result.passed ? "✓" : "✗") \(name)  \(result.detail) (\(milliseconds(result.duration)) ms)"
        }
        let failed = results.filter { !$0.passed }.count
        let summary = failed == 0 ? "all \(results.count) checks passed" : "\(failed) of \(results.count) checks failed"
        return (lines + [summary]).joined(separator: "\n")
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int((duration / .milliseconds(1)).rounded())
    }
}
