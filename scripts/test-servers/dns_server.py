#!/usr/bin/env python3
"""A DNS server for smokegate's DNS probe tests, on dnslib (PyPI).

Usage: dns_server.py

Binds UDP and TCP on one free loopback port, prints `READY <port>` on stdout, then answers queries for the zone
`test.` below (authoritative: AA set), `cached.example.` (not authoritative: AA clear), and REFUSED for
anything else. Every query is logged on stdout as `QUERY <udp|tcp> <name> <type>`.

Commands on stdin, one per line, each acknowledged with `OK <command>` on stdout once it applies:
  set NAME TTL TYPE RDATA...   replace NAME's records of TYPE, e.g. `set cutover.test. 30 A 10.0.2.10`

Names that misbehave on purpose:
  *.silent.test.       never answered
  truncate.test.       over UDP a truncated reply (TC set, no records); over TCP three A records
  truncate-both.test.  over UDP a truncated reply; over TCP the connection is closed without a reply
  mismatch.test.       over UDP first a reply with another id, then one to another question, then the answer
  garbage.test.        a reply with the query's id whose records run past its end
  servfail.test.       SERVFAIL
  big.test.            20 TXT records, about 4.5 KB, over UDP too (no truncation)
Other names under test. are NXDOMAIN, with the zone's SOA in the authority section.
"""
import socket
import struct
import sys
import threading

from dnslib import A, CNAME, QTYPE, RCODE, RR, TXT, DNSLabel, DNSRecord

ZONE = """
test.              3600 IN SOA   ns1.test. hostmaster.test. 2024010101 3600 600 86400 300
test.              3600 IN NS    ns1.test.
test.              3600 IN NS    ns2.test.
test.              3600 IN MX    10 mx1.test.
test.              3600 IN MX    20 mx2.test.
test.              3600 IN CAA   0 issue "letsencrypt.org"
test.              3600 IN CAA   128 iodef "mailto:security@test"
www.test.           300 IN A     192.0.2.10
www.test.           300 IN A     192.0.2.11
www.test.           300 IN AAAA  2001:db8::10
www.test.           300 IN AAAA  2001:db8:0:0:1:0:0:1
alias.test.         120 IN CNAME www.test.
_sip._tcp.test.   86400 IN SRV   10 60 5060 sip.test.
_sip._tcp.test.   86400 IN SRV   20 0 5061 sip2.test.
cutover.test.        30 IN A     10.0.1.10
truncate.test.       60 IN A     192.0.2.101
truncate.test.       60 IN A     192.0.2.102
truncate.test.       60 IN A     192.0.2.103
truncate-both.test.  60 IN A     192.0.2.104
mismatch.test.       60 IN A     192.0.2.1
cached.example.      45 IN A     198.51.100.7
"""

ZONE_APEX = DNSLabel("test.")
CACHED = DNSLabel("cached.example.")


class Zone:
    """The records, replaceable while serving (the `set` command)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.records = RR.fromZone(ZONE)
        # Strings the zone-file parser cannot spell (it reads escapes as octal): quotes, a backslash, UTF-8.
        self.records += [
            RR("txt.test.", QTYPE.TXT, ttl=60, rdata=TXT(b"v=spf1 -all")),
            RR("txt.test.", QTYPE.TXT, ttl=60, rdata=TXT([b"hello", b"world"])),
            RR("txt.test.", QTYPE.TXT, ttl=60, rdata=TXT([b'say "hi"; back\\slash', "café".encode()])),
        ]
        # About 4.5 KB of answers, sent over UDP whatever the query's EDNS size says.
        self.records += [RR("big.test.", QTYPE.TXT, ttl=60, rdata=TXT(f"{index:02d}".encode() + b"x" * 200))
                         for index in range(20)]

    def replace(self, name, ttl, rtype, rdata):
        new = RR.fromZone(f"{name} {ttl} IN {rtype} {rdata}")
        with self.lock:
            self.records = [r for r in self.records if not (r.rname == new[0].rname and r.rtype == new[0].rtype)]
            self.records += new

    def lookup(self, name, qtype):
        """The answer records for name and type, following a CNAME; None when the name has no records at all."""
        with self.lock:
            owned = [r for r in self.records if r.rname == name]
            if not owned:
                return None
            answers = [r for r in owned if r.rtype == qtype]
            if not answers and qtype != QTYPE.CNAME:
                for alias in (r for r in owned if r.rtype == QTYPE.CNAME):
                    answers.append(alias)
                    answers += [r for r in self.records if r.rname == alias.rdata.label and r.rtype == qtype]
            return answers

    def soa(self):
        with self.lock:
            return [r for r in self.records if r.rname == ZONE_APEX and r.rtype == QTYPE.SOA]


zone = Zone()
output_lock = threading.Lock()


def say(line):
    with output_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def replies(packet, protocol):
    """The datagrams (or TCP messages) to send for a query, in order; an empty list sends nothing."""
    request = DNSRecord.parse(packet)
    name = request.q.qname
    qtype = request.q.qtype
    say(f"QUERY {protocol} {name} {QTYPE[qtype]}")
    reply = request.reply(ra=1, aa=1)
    if name.matchSuffix("silent.test."):
        return []
    if name == DNSLabel("garbage.test."):
        # The header promises one answer; the bytes stop in the middle of its owner name.
        header = struct.pack("!HHHHHH", request.header.id, 0x8580, 0, 1, 0, 0)
        return [header + b"\x07garbage\x04te"]
    if name == DNSLabel("servfail.test."):
        reply.header.rcode = RCODE.SERVFAIL
        return [reply.pack()]
    if name in (DNSLabel("truncate.test."), DNSLabel("truncate-both.test.")) and protocol == "udp":
        reply.header.tc = 1
        return [reply.pack()]
    if name == DNSLabel("truncate-both.test."):
        return None  # close the TCP connection without a reply
    if name == CACHED:
        reply.header.aa = 0
    elif not name.matchSuffix(ZONE_APEX):
        reply.header.aa = 0
        reply.header.rcode = RCODE.REFUSED
        return [reply.pack()]
    answers = zone.lookup(name, qtype)
    if answers is None:
        reply.header.rcode = RCODE.NXDOMAIN
        for record in zone.soa():
            reply.add_auth(record)
        return [reply.pack()]
    for record in answers:
        reply.add_answer(record)
    if not answers:
        for record in zone.soa():
            reply.add_auth(record)
    if name == DNSLabel("mismatch.test.") and protocol == "udp":
        wrong_id = DNSRecord.parse(reply.pack())
        wrong_id.header.id = (request.header.id + 1) % 65536
        wrong_id.rr = [RR("mismatch.test.", QTYPE.A, ttl=60, rdata=A("192.0.2.66"))]
        other_question = DNSRecord.question("other.test.", "A")
        other_question.header.id = request.header.id
        other_answer = other_question.reply(ra=1, aa=1)
        other_answer.add_answer(RR("other.test.", QTYPE.A, ttl=60, rdata=A("192.0.2.67")))
        return [wrong_id.pack(), other_answer.pack(), reply.pack()]
    return [reply.pack()]


def serve_udp(sock):
    while True:
        packet, peer = sock.recvfrom(65535)
        try:
            for datagram in replies(packet, "udp") or []:
                sock.sendto(datagram, peer)
        except Exception as error:  # a test's odd query must not stop the server
            say(f"ERROR udp {error!r}")


def read_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve_tcp_connection(connection):
    with connection:
        while True:
            prefix = read_exactly(connection, 2)
            if prefix is None:
                return
            packet = read_exactly(connection, struct.unpack("!H", prefix)[0])
            if packet is None:
                return
            try:
                messages = replies(packet, "tcp")
            except Exception as error:
                say(f"ERROR tcp {error!r}")
                return
            if messages is None:
                return
            for message in messages:
                connection.sendall(struct.pack("!H", len(message)) + message)


def serve_tcp(listener):
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve_tcp_connection, args=(connection,), daemon=True).start()


def bind_both():
    """A UDP and a TCP socket on the same free loopback port (retried when the TCP side is taken)."""
    for _ in range(50):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = udp.getsockname()[1]
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            tcp.bind(("127.0.0.1", port))
        except OSError:
            udp.close()
            tcp.close()
            continue
        tcp.listen(64)
        return udp, tcp, port
    raise SystemExit("no free port for both UDP and TCP")


def main():
    udp, tcp, port = bind_both()
    threading.Thread(target=serve_udp, args=(udp,), daemon=True).start()
    threading.Thread(target=serve_tcp, args=(tcp,), daemon=True).start()
    say(f"READY {port}")
    for line in sys.stdin:
        command = line.split()
        if len(command) >= 5 and command[0] == "set":
            zone.replace(command[1], command[2], command[3], " ".join(command[4:]))
            say("OK " + " ".join(command))
        elif command:
            say("UNKNOWN " + " ".join(command))
    # stdin closed: the test is done with this server.


if __name__ == "__main__":
    main()
