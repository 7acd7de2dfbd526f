import Foundation
import Logging
import SmokegateService
import SmokegateTestTools
import Synchronization
import Testing

/// The pieces that need no server: listen addresses, the JSON log line.
@Suite("serve: listen addresses and log lines")
struct ServeUnitTests {
    @Test(arguments: [("127.0.0.1:9470", "127.0.0.1", 9470, true), ("localhost:0", "localhost", 0, true), ("0.0.0.0:9470", "0.0.0.0", 9470, false),
                      ("[::1]:9470", "::1", 9470, true), ("[::]:80", "::", 80, false), ("10.1.2.3:9470", "10.1.2.3", 9470, false),
                      ("127.9.9.9:1", "127.9.9.9", 1, true), ("127.example.com:1", "127.example.com", 1, false)])
    func listenAddressesParse(text: String, host: String, port: Int, loopback: Bool) throws {
        let address = try ListenAddress.parse(text).get()
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.isLoopback == loopback)
        #expect(address.description == text)
    }

    @Test(arguments: ["9470", ":9470", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "::1:9470", "[::1]9470", "host:port"])
    func badListenAddressesAreRefused(text: String) {
        #expect(throws: ListenAddressError.self) { try ListenAddress.parse(text).get() }
    }

    @Test func theDefaultListensOnLoopbackOnly() {
        #expect(ListenAddress.default.description == "127.0.0.1:9470")
        #expect(ListenAddress.default.isLoopback)
        #expect(ListenAddress(host: "0.0.0.0", port: 9470).url == "http://127.0.0.1:9470")
    }

    @Test func aJSONLogLineIsOneObjectWithTimestampLevelMessageAndMetadata() throws {
        let lines = Shared<[String]>([])
        var logger = Logger(label: "smokegate") { label in JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } } }
        logger[metadataKey: "service"] = "serve"
        logger.warning("target \"down\"\nnext line", metadata: ["reason": "timeout", "files": ["a.yml", "b.yml"], "nested": ["k": "v"]])
        logger.debug("below the level: not written")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false, "one line, whatever the message holds")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["timestamp", "level", "label", "message", "metadata"])
        #expect(object["level"] as? String == "warning")
        #expect(object["message"] as? String == "target \"down\"\nnext line")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["reason"] as? String == "timeout")
        #expect(metadata["service"] as? String == "serve")
        #expect(metadata["files"] as? [String] == ["a.yml", "b.yml"])
        #expect((metadata["nested"] as? [String: Any])?["k"] as? String == "v")
        let timestamp = try #require(object["timestamp"] as? String)
        let format = Date.ISO8601FormatStyle.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)
        #expect(abs(try format.parse(timestamp).timeIntervalSinceNow) < 60)
    }
}
