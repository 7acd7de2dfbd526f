/// What a Redis probe measured and the reply its command got.
public struct RedisProbeResult: Sendable {
    /// From the start until the connection was usable: TCP connect plus `AUTH` when a password was given.
    public var connectMicroseconds: Int64
    /// From sending the command until its reply was complete.
    public var commandMicroseconds: Int64
    /// The whole probe, closing included.
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
