import Foundation
import SmokegateProbes
import Testing

/// How DNS servers are written in a check, and how the system's resolvers are read from resolv.conf.
@Suite struct DNSServerAddressTests {
    @Test(arguments: [
        ("udp://10.0.0.2:53", DNSServerAddress(transport: .udp, host: "10.0.0.2", port: 53)),
        ("tcp://10.0.0.2", DNSServerAddress(transport: .tcp, host: "10.0.0.2", port: 53)),
        ("TCP://127.0.0.1:5353", DNSServerAddress(transport: .tcp, host: "127.0.0.1", port: 5353)),
        ("udp://[2001:db8::53]:5300", DNSServerAddress(transport: .udp, host: "2001:db8::53", port: 5300)),
        ("10.0.0.2", DNSServerAddress(transport: .udp, host: "10.0.0.2", port: 53)),
        ("10.0.0.2:5353", DNSServerAddress(transport: .udp, host: "10.0.0.2", port: 5353)),
        ("[::1]:53", DNSServerAddress(transport: .udp, host: "::1", port: 53)),
        ("::1", DNSServerAddress(transport: .udp, host: "::1", port: 53)),
    ])
    func serverAddressesParse(text: String, expected: DNSServerAddress) throws {
        #expect(try DNSServerAddress(parsing: text) == expected)
    }

    @Test func addressesPrintAsTheyAreWritten() {
        #expect(DNSServerAddress(transport: .tcp, host: "2001:db8::53", port: 53).description == "tcp://[2001:db8::53]:53")
        #expect(DNSServerAddress(host: "10.0.0.2").description == "udp://10.0.0.2:53")
    }

    @Test(arguments: [
        ("https://10.0.0.2", "scheme"), ("udp://dns.example:53", "not an IP address"), ("udp://10.0.0.2:0", "port 0"),
        ("udp://10.0.0.2:70000", "port 70000"), ("udp://10.0.0.2:x", "not a number"), ("udp://[::1", "not closed"),
        ("", "not an IP address"),
    ])
    func badServerAddressesSayWhy(text: String, why: String) {
        let failure = #expect(throws: ProbeFailure.self) { try DNSServerAddress(parsing: text) }
        #expect(failure?.reason == .invalidRequest)
        #expect(failure?.message.contains(why) == true, "\(failure?.message ?? "")")
    }

    @Test func resolvConfGivesServersTimeoutAndTransport() {
        let configuration = DNSResolverConfiguration(parsing: """
            # generated
            search example.com
            nameserver 10.0.0.2
            ; a comment
            nameserver   2001:db8::53
            nameserver fe80::1%eth0
            nameserver 10.0.0.3
            nameserver 10.0.0.4
            options ndots:2 timeout:2 attempts:3
            """)
        #expect(configuration.servers == [
            DNSServerAddress(host: "10.0.0.2"), DNSServerAddress(host: "2001:db8::53"), DNSServerAddress(host: "10.0.0.3"),
        ])
        #expect(configuration.timeoutPerServer == .seconds(2))
    }

    @Test func resolvConfUseVCMeansTCPAndNoServerMeansTheLocalHost() {
        let configuration = DNSResolverConfiguration(parsing: "options use-vc timeout:99\n")
        #expect(configuration.servers == [DNSServerAddress(transport: .tcp, host: "127.0.0.1")])
        #expect(configuration.timeoutPerServer == .seconds(30))
    }

    @Test func resolvConfIsReadFromItsFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("resolv-\(UUID().uuidString).conf").path
        try "nameserver 192.0.2.53\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try DNSResolverConfiguration.load(path: path).servers == [DNSServerAddress(host: "192.0.2.53")])
        let failure = #expect(throws: ProbeFailure.self) { try DNSResolverConfiguration.load(path: path + ".missing") }
        #expect(failure?.reason == .invalidRequest)
        #expect(failure?.message.contains(path + ".missing") == true)
    }
}
