import Testing

/// The suites of this target that `scripts/run-tests` runs alone, one test at a time, before everything else:
/// nested here so the script selects them by this one parent (`\.RunsAlone/`), whatever they are called.
///
/// Each is here because other tests running beside it would break it, or it them, on a shared 2-core machine:
/// timing bounds (measured latency against a fixed delay, comparisons of known latency differences, watch windows
/// and outage windows against timed outages) that other suites' scheduling delays would push out; the count of the
/// process's file descriptors, which other suites' sockets would change; the config fuzzer, which keeps a core busy
/// for 15 s, and the loader regressions it found, each held to a few seconds; and the hostile servers, which stream
/// bodies flat out on event loops that other probes share.
@Suite enum RunsAlone {}
