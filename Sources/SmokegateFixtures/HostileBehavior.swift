/// How a `HostileServer` misbehaves on every connection, below the level of a well-formed HTTP exchange.
///
/// `FixtureBehavior` covers what a server does with a parsed request (hang, reset, garbage); these are the
/// abuses that need raw bytes on the wire or a stream no buffer should hold: heads that never end, bodies that
/// drip or never stop, responses larger than any cap. Every case but `silence` and `closeOnAccept` waits for the
/// client's request head (its blank line) before answering, so nothing it sends can be mistaken for a reply to
/// a request not yet written.
public enum HostileBehavior: Sendable {
    /// Accepts, reads and discards whatever arrives, and never sends a byte: to an HTTP client a server that
    /// never answers, to a TLS client a handshake that stalls after its ClientHello.
    case silence
    /// Sends FIN the moment the connection is accepted, before reading anything, then discards what arrives
    /// until the client closes. The client sees an orderly close, never a reset: closing with unread bytes
    /// would send an RST, and which of the two a client saw would depend on timing.
    case closeOnAccept
    /// Sends a status line, then a header line every `every` (as fast as the client reads when `.zero`),
    /// and never the blank line that would end the head.
    case endlessHeaders(every: Duration)
    /// Sends a 200 whose head carries about `bytes` bytes of header lines of `lineLength` bytes each (the last
    /// one shorter), then a two-byte body.
    case largeHeaders(bytes: Int, lineLength: Int)
    /// Sends a head announcing `length` body bytes, then one byte every `every`.
    case drip(length: Int, every: Duration)
    /// Sends a chunked body that never ends, as fast as the client reads it.
    case endlessBody
    /// Streams a body of `bytes` bytes as fast as the client reads it, with `Content-Length` or chunked,
    /// from one reused buffer: the fixture's own memory does not grow with `bytes`.
    case largeBody(bytes: Int, chunked: Bool)
    /// Answers `HTTP/1.0 200` with no `Content-Length`, sends `body` and closes: the close ends the body.
    case http10UntilClose(body: [UInt8])
}
