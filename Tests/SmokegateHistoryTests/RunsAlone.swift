import Testing

/// The suites of this target that `scripts/run-tests` runs alone, one test at a time, before everything else:
/// nested here so the script selects them by this one parent (`\.RunsAlone/`), whatever they are called.
///
/// Here: the end-to-end tests that measure an outage against a timed switch (serve's history, and the three
/// deployments whose 400 ms outage must read as such); beside the tooling phase's Chromiums and Prometheus servers,
/// their probes were late enough to open windows of their own or stretch the outage past its bound.
@Suite enum RunsAlone {}
