import Testing

/// The suites of this target that `scripts/run-tests` runs alone, one test at a time, before everything else:
/// nested here so the script selects them by this one parent (`\.RunsAlone/`), whatever they are called.
///
/// Each is here because its time bounds do not survive the parallel phase on a loaded 2-core machine: the probe
/// timing tests hold the event loops and the cooperative pool on purpose, stalling every other probe in the process;
/// the TCP, TLS, PostgreSQL, Redis, DNS and gRPC probe tests bound connect, read and whole-probe timeouts, which the
/// parallel phase's start (dozens of suite loads, each waiting on its own thread) delayed by seconds (a 300 ms connect
/// timeout measured 3.7 s); and the DNS and gRPC tests start their Python test servers (dnslib, grpcio) as child
/// processes, whose start-up competes for the same cores.
@Suite enum RunsAlone {}
