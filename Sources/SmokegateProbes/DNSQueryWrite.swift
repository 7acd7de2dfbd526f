import NIOCore

/// A query handed to `DNSReplyHandler` with the promise its reply completes.
struct DNSQueryWrite {
    let query: DNSQuery
    let reply: EventLoopPromise<DNSMessage>
}
