/// A metric family's type, as its `# TYPE` line spells it.
enum PrometheusMetricType: String, Sendable {
    case counter
    case gauge
    case histogram
}
