import SmokegateModel

/// Alert delivery's counters in the Prometheus text format, for `serve`'s `/metrics` (sent after
/// `PrometheusExposition`'s chunks). `docs/alerts.md` lists the families.
public enum AlertDeliveryMetrics {
    public static func render(_ counters: AlertDeliveryCounters) -> [UInt8] {
        let providers = counters.providers.keys.sorted()
        var text = PrometheusText(capacity: 1_024 + providers.count * 400)
        let families: [(String, String, KeyPath<AlertDeliveryCounters.Provider, UInt64>)] = [
            ("smokegate_alerts_sent_total", "Alert requests a receiver accepted (2xx), by provider.", \.sent),
            ("smokegate_alerts_failed_total", "Alert messages given up on (retries exhausted, a 4xx, or shutdown), by provider.", \.failed),
            ("smokegate_alerts_retries_total", "Alert delivery attempts after the first, by provider.", \.retries),
            ("smokegate_alerts_dropped_total", "Alert messages dropped unsent because the backlog was full, by provider.", \.dropped),
        ]
        for (name, help, value) in families {
            text.family(name, .counter, help: help)
            for provider in providers {
                text.sample(name, PrometheusText.labels([("provider", provider)]), counters.providers[provider]?[keyPath: value] ?? 0)
            }
        }
        text.family("smokegate_alerts_backlog", .gauge, help: "Alert messages waiting or being sent.")
        text.sample("smokegate_alerts_backlog", .none, Double(counters.backlog))
        text.family("smokegate_alerts_backlog_limit", .gauge, help: "The most alert messages that may wait; more drop the oldest.")
        text.sample("smokegate_alerts_backlog_limit", .none, Double(counters.backlogLimit))
        return text.bytes
    }
}
