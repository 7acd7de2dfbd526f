/// What the fixture server does with one request: answer it, or misbehave in a chosen way.
public enum FixtureBehavior: Sendable {
    /// Sends the response after its `delay` (counted from the request's full arrival).
    case respond(FixtureResponse)
    /// Never answers; the connection stays open until the client leaves or the server shuts down.
    case hang
    /// Aborts the connection with a TCP RST.
    case reset
    /// Closes the connection normally (FIN) without answering.
    case closeImmediately
    /// Writes these raw bytes instead of an HTTP response, then closes.
    case garbage([UInt8])
    /// Sends the head with the full `Content-Length`, then only `afterBytes` of the body, then a TCP RST.
    case resetMidBody(FixtureResponse, afterBytes: Int)
}
