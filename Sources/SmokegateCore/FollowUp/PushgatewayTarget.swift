import Foundation

/// Where `--push-gateway` pushes a run's figures: the Pushgateway, the job, and extra grouping labels. The grouping
/// key is always `job`, then `environment`, then the extra labels: one group per environment of the run.
public struct PushgatewayTarget: Sendable {
    /// The Pushgateway's root URL (`http://pushgateway:9091`).
    public var url: String
    public var job: String
    /// Extra grouping labels, in the order given (`--push-label branch=main`).
    public var labels: [(name: String, value: String)]
    /// Per attempt; a failed attempt is tried once more.
    public var timeout: Duration = .seconds(5)

    public static let defaultJob = "smokegate"
    /// Labels the grouping key sets itself.
    public static let reservedLabels: Set<String> = ["job", "environment", "instance"]

    public init(url: String, job: String = PushgatewayTarget.defaultJob, labels: [(name: String, value: String)] = []) {
        self.url = url
        self.job = job
        self.labels = labels
    }

    /// What is wrong with a `--push-label` name, nil when it is a usable Prometheus label name.
    public static func problem(withLabel name: String) -> String? {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first),
              name.unicodeScalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else { return "'\(name)' is not a Prometheus label name (letters, digits and '_', not starting with a digit)" }
        if name.hasPrefix("__") { return "label names starting with '__' are reserved by Prometheus" }
        if reservedLabels.contains(name) { return "'\(name)' is set by smokegate itself (the grouping key is job, environment, then --push-label)" }
        return nil
    }

    /// `URL/metrics/job/JOB/environment/ENV/LABEL/VALUE…`: values percent-encoded, or as `LABEL@base64/…` (base64url)
    /// when they hold a `/` or are empty, as the Pushgateway's API requires.
    public func groupURL(environment: String) -> String {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        let pairs = [("job", job), ("environment", environment)] + labels.map { ($0.name, $0.value) }
        return base + "/metrics" + pairs.map { Self.segment(name: $0.0, value: $0.1) }.joined()
    }

    static func segment(name: String, value: String) -> String {
        if value.isEmpty || value.contains("/") {
            let encoded = Data(value.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            return "/\(name)@base64/\(encoded.isEmpty ? "=" : encoded)"
        }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return "/\(name)/\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
    }
}
