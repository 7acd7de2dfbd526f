import Foundation
import SmokegateHTML
import SmokegateModel
import SmokegateStats
import SmokegateVerdict

/// A small status page's worth of targets, each in a state the page must show: up, down now, never probed, down
/// earlier in the day, and (optionally) names, versions and messages written to break out of the markup.
struct StatusPageScenario {
    static let scriptName = "<script>alert(1)</script>"
    static let attributeBreak = "\"onload="
    static let styleBreak = "</style><b>bold</b>"
    /// Texts that must show on the page exactly as written.
    static let hostileTexts = [scriptName, attributeBreak, styleBreak, "x\" onload=\"alert(2)", "'><img src=x onerror=alert(3)>", "{{title}}"]

    var snapshot: MonitorSnapshot
    var status: ServeStatus
    var page: String

    /// `count` probes (a day's) every five minutes at `latency` ms, the last `failingAtEnd` refused, `failingEarlier`
    /// failing with status 503 from probe 100 on.
    static func probes(latency: Double, failingAtEnd: Int = 0, failingEarlier: Int = 0, count: Int = 288, version: String? = nil,
                       message: String = "connect to 127.0.0.1:8443 refused") -> [SyntheticProbe] {
        (0..<count).map { step in
            if step >= count - failingAtEnd { return .refused(message) }
            if step >= 100 && step < 100 + failingEarlier { return .badStatus(latency * 3) }
            return .passed(latency + Double(step % 7), version: version)
        }
    }

    /// Blue: home (up for two days but for three failed probes 40 hours ago), cart (down for the last five probes), search (never probed), login (three failed probes in
    /// the morning), and `hostile` (down, with the hostile texts in every name it has) or its plain twin. Green: home and
    /// cart, up, on version 1.5.0.
    init(hostile: Bool = false, reloadFailed: Bool = false, refreshSeconds: Int? = 15) {
        let blue = hostile ? "blue \(Self.scriptName)" : "blue"
        let suite = hostile ? "shop \(Self.attributeBreak)" : "shop"
        func key(_ check: String, _ environment: String) -> TargetKey { TargetKey(suite: suite, check: check, environment: environment) }
        let twinName = hostile ? Self.hostileTexts.joined(separator: " ") + " \u{1B}[31mred\u{1B}[0m" : "twin"
        let targets = [
            SyntheticMonitor.target(key("home", blue), probes: Self.probes(latency: 20, failingEarlier: 3, count: 576)),
            SyntheticMonitor.target(key("cart", blue), probes: Self.probes(latency: 40, failingAtEnd: 5)),
            SyntheticMonitor.target(key("search", blue), probes: []),
            SyntheticMonitor.target(key("login", blue), probes: Self.probes(latency: 30, failingEarlier: 3)),
            SyntheticMonitor.target(key(twinName, blue), target: hostile ? "https://shop.example/\(Self.styleBreak)" : nil,
                                    probes: Self.probes(latency: 25, failingAtEnd: 2, version: hostile ? Self.attributeBreak + Self.styleBreak : "1.4.2",
                                                        message: hostile ? Self.hostileTexts.joined(separator: " | ") : "refused")),
            SyntheticMonitor.target(key("home", "green"), probes: Self.probes(latency: 22, version: "1.5.0")),
            SyntheticMonitor.target(key("cart", "green"), probes: Self.probes(latency: 45, version: "1.5.0")),
        ]
        let reload = reloadFailed
            ? MonitorSnapshot.Reload(at: SyntheticMonitor.now.addingTimeInterval(-120), succeeded: false,
                                     errors: ["checks/shop.yml:3:7: unknown key 'tiemout'", "checks/shop.yml:9:1: \(Self.scriptName)"])
            : MonitorSnapshot.Reload(at: SyntheticMonitor.now.addingTimeInterval(-120), succeeded: true, errors: [])
        snapshot = SyntheticMonitor.snapshot(targets, environments: [blue, "green"],
                                             files: hostile ? ["checks/\(Self.styleBreak).yml"] : ["checks/shop.yml"],
                                             lastReload: reload, reloadFailures: reloadFailed ? 2 : 0)
        status = hostile ? ServeStatusBuilder.build(snapshot, toolVersion: Self.scriptName) : SyntheticMonitor.status(snapshot)
        page = StatusPage.render(snapshot: snapshot, status: status, refreshSeconds: refreshSeconds)
    }
}
