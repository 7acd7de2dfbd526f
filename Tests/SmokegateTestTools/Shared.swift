import Synchronization

/// A value behind a lock that escaping closures can share (a fixture's request handler and the test that reads
/// what it saw): `Mutex` itself cannot be captured, being non-copyable.
public final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    public func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { value in body(&value) }
    }
}
