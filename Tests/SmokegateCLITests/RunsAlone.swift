import Testing

/// The suites of this target that `scripts/run-tests` runs alone, one test at a time, before everything else:
/// nested here so the script selects them by this one parent (`\.RunsAlone/`), whatever they are called.
///
/// Here: the built binary's demo, watch and one comparison, end to end. The demo holds its shops to latency limits and
/// measures a timed outage, the watch tests time windows, checkpoints and signals against servers switched at known
/// moments, and the JUnit totals count on one designed latency regression; other suites competing for a 2-core
/// machine would add their scheduling delays to every figure. The dns and grpc checks' end-to-end tests start the
/// Python test servers (dnslib, grpcio) as child processes and bound a silent or hanging server's cost by its timeout.
/// serve's end-to-end tests time a graceful shutdown against hanging probes, count windows of targets probed every
/// 100–200 ms, and stop and restart a fixture on its port; beside the tooling phase's Chromiums and Prometheus
/// servers they saw late probes, extra windows and their port taken.
@Suite enum RunsAlone {}
