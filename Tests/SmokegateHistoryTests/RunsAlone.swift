import Testing

/// The suites of this target that `scripts/run-tests` runs alone, one test at a time, before everything else:
/// nested here so the script selects them by this one parent (`\.RunsAlone/`), whatever they are called.
///
/// Here: serve's history end to end, which measures an outage's window against a timed switch; beside the tooling
/// phase's Chromiums and Prometheus servers, its 100 ms probes were late enough to open windows of their own.
@Suite enum RunsAlone {}
