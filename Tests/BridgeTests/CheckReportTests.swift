@testable import MedusaV1
import Bridge
import Testing

@Suite struct CheckReportTests {
    @Test func oneLinePerCheckThenASummary() {
        let report = CheckReport.render([
            CheckResult(
                name: "configuration", passed: true, detail: "config/cartbridge.yaml", duration: .microseconds(1400)),
            CheckResult(name: "store", passed: false, detail: "unavailable: disk full", duration: .milliseconds(12)),
        ])
        #expect(
            report == """
                ✓ configuration  config/cartbridge.yaml (1 ms)
                ✗ store          unavailable: disk full (12 ms)
                1 of 2 checks failed
                """)
    }

    @Test func allPassing() {
        let report = CheckReport.render([CheckResult(name: "store", passed: true, detail: "ok", duration: .zero)])
        #expect(report.hasSuffix("all 1 checks passed"))
    }

    @Test func aCheckPassesWithItsDetailOrFailsWithItsError() async {
        let passed = await HealthCheck("keys") { "1 loaded" }.run()
        let failed = await HealthCheck("merchant") { throw CheckFailure("last call GET cart: Timeout") }.run()
        #expect(passed.passed && passed.detail == "1 loaded")
        #expect(!failed.passed && failed.detail == "last call GET cart: Timeout")
    }
}
