import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVerdict
import SmokegateVocabulary

/// `serve`'s page at `/`: what a person reads at a glance. One self-contained HTML document (inline CSS and SVG, no
/// script, nothing fetched): the counts of targets up, down and unknown, a failed reload's problems, links to the
/// targets down now, then the targets grouped by environment, down ones first, one row each with its state and since
/// when, availability over the last hour, day and week, a sparkline of its last probes, its last result and the
/// downtime windows of the last 24 hours.
///
/// The figures come from the status document (`ServeStatus`, the one computation `/api/v1/status` also shows); the
/// snapshot gives what the document does not carry: the last probes, and the windows' and states' times as dates.
public enum StatusPage {
    /// How many of a target's last probes its sparkline shows.
    public static let sparklineProbes = 60
    /// How many down targets the list at the top links to; the rest are counted.
    public static let downLinks = 20

    /// The page for `status`, built from `snapshot` by `ServeStatusBuilder`. `refreshSeconds`: the page asks the
    /// browser to load it again after that many seconds (a `<meta http-equiv="refresh">`, no script); nil for a page
    /// that stays as it is.
    public static func render(snapshot: MonitorSnapshot, status: ServeStatus, refreshSeconds: Int? = 15) -> String {
        PageTemplates.render(model(snapshot: snapshot, status: status, refreshSeconds: refreshSeconds), with: "status-page")
    }

    static func model(snapshot: MonitorSnapshot, status: ServeStatus, refreshSeconds: Int?) -> StatusPageModel {
        let now = snapshot.takenAt
        var monitored: [TargetKey: MonitoredTarget] = [:]
        for target in snapshot.targets { monitored[target.key] = target }

        var rows: [(target: ServeStatus.Target, order: Int, row: StatusPageModel.Row, since: Date?)] = []
        for (index, target) in status.targets.enumerated() {
            let key = TargetKey(suite: target.suite, check: target.check, environment: target.environment)
            rows.append((target, index, Self.row(target, monitored: monitored[key], anchor: "t\(index)", snapshot: snapshot),
                         monitored[key]?.statusSince))
        }

        // Environments in the suite's order, any other in order of appearance; down first within each, then unknown.
        var environments = snapshot.suite.environments.map(\.name)
        for row in rows where !environments.contains(row.target.environment) { environments.append(row.target.environment) }
        func rank(_ state: TargetStatus) -> Int { state == .down ? 0 : (state == .unknown ? 1 : 2) }
        let groups = environments.compactMap { environment -> StatusPageModel.Group? in
            let members = rows.filter { $0.target.environment == environment }
                .sorted { (rank($0.target.state), $0.order) < (rank($1.target.state), $1.order) }
            guard !members.isEmpty else { return nil }
            let down = members.count { $0.target.state == .down }, unknown = members.count { $0.target.state == .unknown }
            var tally = ["\(PageFormat.count(members.count)) target\(members.count == 1 ? "" : "s")"]
            if down > 0 { tally.append("\(PageFormat.count(down)) down") }
            if unknown > 0 { tally.append("\(PageFormat.count(unknown)) unknown") }
            return .init(name: PageText(environment), tally: PageText(tally.joined(separator: " · ")), rows: members.map(\.row))
        }

        let down = rows.filter { $0.target.state == .down }
        let links = down.prefix(downLinks).map { row in
            StatusPageModel.DownLink(anchor: row.row.anchor, name: PageText("\(row.target.suite)/\(row.target.check) in \(row.target.environment)"),
                                     detail: PageText(row.since.map { "for \(PageFormat.span(now.timeIntervalSince($0)))" } ?? ""))
        }
        let summary = status.summary
        var title = "smokegate: "
        title += summary.down > 0 ? "\(summary.down) down of \(summary.targets)" : (summary.targets == 0 ? "no targets" : "all \(summary.up) up")
        if summary.unknown > 0 { title += ", \(summary.unknown) unknown" }

        return StatusPageModel(
            title: PageText(title),
            refresh: refreshSeconds.map { [PageText(String(max(1, $0)))] } ?? [],
            counts: .init(up: PageText(PageFormat.count(summary.up)), down: PageText(PageFormat.count(summary.down)),
                          unknown: PageText(PageFormat.count(summary.unknown)),
                          total: PageText("\(PageFormat.count(summary.targets)) target\(summary.targets == 1 ? "" : "s") in "
                                          + "\(groups.count) environment\(groups.count == 1 ? "" : "s")"),
                          someDown: summary.down > 0),
            generatedAt: PageText(PageFormat.dateTime(now)), generatedAtISO: PageText(status.generatedAt),
            running: PageText("running for \(PageFormat.span(status.uptimeSeconds))"),
            configuration: PageText(configuration(snapshot: snapshot, now: now)),
            notReady: !status.ready,
            reload: reload(status.config, snapshot: snapshot),
            downNow: down.isEmpty ? [] : [.init(links: Array(links),
                                                more: down.count > links.count ? [PageText("and \(down.count - links.count) more below")] : [])],
            noTargets: status.targets.isEmpty,
            groups: groups,
            toolVersion: PageText(status.tool.version))
    }

    private static func configuration(snapshot: MonitorSnapshot, now: Date) -> String {
        let files = snapshot.files.isEmpty ? "no file" : (snapshot.files.count <= 3 ? snapshot.files.joined(separator: ", ")
                                                          : "\(snapshot.files.count) files")
        return "\(files) loaded \(PageFormat.clock(snapshot.loadedAt, now: now))"
    }

    private static func reload(_ config: ServeStatus.Config, snapshot: MonitorSnapshot) -> [StatusPageModel.Reload] {
        guard let last = config.lastReload, !last.succeeded else { return [] }
        let at = snapshot.lastReload.map { PageFormat.dateTime($0.at) } ?? last.at
        let failures = "\(config.reloadFailures) failed reload\(config.reloadFailures == 1 ? "" : "s") since the start"
        return [.init(at: PageText(at), atISO: PageText(last.at), failures: PageText(failures), errors: last.errors.map { PageText($0) })]
    }
}
