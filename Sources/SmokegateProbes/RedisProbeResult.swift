/// What a Redis probe measured and the reply its command got.
public struct RedisProbeResult: Sendable {
    /// Until the connection was usable: DNS (for a name), the TCP connect, and `AUTH` when a password was given.
    public var connectMicroseconds: Int64
    /// From writing the command until its reply was complete, both stamped on the event loop.
    public var commandMicroseconds: Int64
    /// The probe's latency: connect plus command. Waiting for smokegate's event loop or task scheduler before or
    /// between them is not in it.
    public var totalMicroseconds: Int64
    /// The command's reply; never an error reply, which fails the probe instead.
    public var reply: RESPValue
    /// The address actually connected to, `ip:port`.
    public var peer: String

    public init(connectMicroseconds: Int64, commandMicroseconds: Int64, totalMicroseconds: Int64, reply: RESPValue, peer: String) {
        self.connectMicroseconds = connectMicroseconds
        self.commandMicroseconds = commandMicroseconds
        self.totalMicroseconds = totalMicroseconds
        self.reply = reply
        self.peer = peer
    }
}
