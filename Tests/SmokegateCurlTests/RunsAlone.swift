import Testing

/// The suites of this target that `scripts/run-tests` runs alone, one test at a time, before everything else:
/// nested here so the script selects them by this one parent (`\.RunsAlone/`), whatever they are called.
///
/// Here: measurements held to a few milliseconds (a delayed answer's server phase), which transfers and suites
/// running beside them would stretch with their own scheduling delays on a 2-core machine.
@Suite enum RunsAlone {}
