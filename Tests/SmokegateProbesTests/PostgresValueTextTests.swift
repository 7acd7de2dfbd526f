@testable import SmokegateProbes
import Testing

/// The probe rebuilds the server's text output from postgres-nio's binary results; the server itself is the
/// oracle here: `format('%s', value)` runs the type's own output function in the same session.
@Suite struct PostgresValueTextTests {
    static let expressions = [
        "true", "false",
        "0::int2", "(-32768)::int2", "2147483647", "(-2147483648)::int4", "9223372036854775807::int8", "(-1)::int8",
        "1.5::float4", "0.1::float4", "1e-5::float4", "1234567::float4", "123456::float4", "3.4e38::float4",
        "'NaN'::float4", "(-0.0)::float4",
        "0.1::float8", "1e15::float8", "123456789012345::float8", "1e-5::float8", "0.0001::float8", "(-0.0)::float8",
        "'Infinity'::float8", "'-Infinity'::float8", "2.5e-310::float8", "1.7976931348623157e308::float8",
        "(1/3.0)::float8", "100::float8",
        "0::numeric", "0.00::numeric", "123.4500::numeric", "(-0.000123)::numeric", "10000::numeric",
        "1e20::numeric", "'NaN'::numeric", "'Infinity'::numeric", "'-Infinity'::numeric",
        "12345678901234567890.123456789::numeric", "0.1::numeric(10,5)", "(-99999.9999)::numeric", "1e-20::numeric",
        "'héllo wörld'::text", "''::text", "'ab'::varchar(5)", "'ab'::char(5)", "'pg_class'::name", "'x'::\"char\"",
        "'{\"a\": 1}'::json", "'{\"b\": [1, 2], \"a\": null}'::jsonb", "'<a>b</a>'::xml",
        "'\\xdeadbeef00'::bytea", "''::bytea", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
        "'2024-02-29'::date", "'0044-03-15 BC'::date", "'1900-01-01'::date", "'infinity'::date", "'-infinity'::date",
        "'13:14:15.5'::time", "'00:00:00'::time", "'24:00:00'::time",
        "'13:14:15+05:30'::timetz", "'01:02:03.25-08'::timetz", "'01:02:03+05:45:30'::timetz",
        "'2024-01-02 03:04:05.678'::timestamp", "'1999-12-31 23:59:59.999999'::timestamp",
        "'1970-01-01 00:00:00'::timestamp", "'0099-06-01 12:00:00 BC'::timestamp", "'-infinity'::timestamp",
        "'2024-06-01 12:00:00+02'::timestamptz", "'2000-01-01 00:00:00.000001+00'::timestamptz",
        "'infinity'::timestamptz",
        "'1 year 2 months 3 days 04:05:06.5'::interval", "'-1 day'::interval", "'-1 days +02:00'::interval",
        "'0'::interval", "'100 hours'::interval", "'1 mon -1 day'::interval", "'-00:00:01.5'::interval",
        "'-1 year -2 mons'::interval", "'1 day -00:00:01'::interval",
        "'192.168.0.1'::inet", "'10.0.0.0/8'::inet", "'10.1.2.3/8'::inet", "'::1'::inet", "'2001:db8::/32'::cidr",
        "'::ffff:1.2.3.4'::inet", "'fe80::1:2:0:0:3/64'::inet",
        "1234::oid", "'pg_class'::regclass::oid",
        "ARRAY[1, 2, NULL]", "ARRAY['a b', '', 'NULL', 'x\"y', 'back\\slash', 'plain', '{}']",
        "ARRAY[[1, 2], [3, 4]]", "'{}'::int[]", "'[0:1]={7,8}'::int[]", "ARRAY[1.5::numeric, NULL]",
        "ARRAY['2024-01-01'::date]", "ARRAY[true, false]", "ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]",
        "ARRAY['1 day'::interval]", "ARRAY['{\"a\": 1}'::jsonb]", "ARRAY[0.1::float8]",
        "'calm'::probe_mood", "ARRAY['busy'::probe_mood, 'calm']",
    ]

    /// One query for all of them: a connection per expression would exhaust the server's connection slots.
    @Test func matchesTheServersOwnText() async throws {
        guard let postgres = TestServices.postgres() else { return }
        let columns = Self.expressions.enumerated().map { index, expression in
            "(\(expression)) AS v\(index), format('%s', (\(expression))) AS t\(index)"
        }
        let result = try await PostgresProbe.run(PostgresProbeRequest(
            host: postgres.host,
            port: postgres.port,
            database: postgres.database,
            user: postgres.user,
            password: postgres.password,
            query: "SELECT " + columns.joined(separator: ", ")
        ))
        let row = try #require(result.rows.first)
        try #require(row.count == 2 * Self.expressions.count)
        for (index, expression) in Self.expressions.enumerated() {
            #expect(row[2 * index] == row[2 * index + 1], "\(expression)")
        }
    }

    @Test func unknownBinaryTypesFallBackToTextOrHex() {
        #expect(PostgresValueText.render(.init(bytes: Array("plain words".utf8)), oid: 99_999) == "plain words")
        #expect(PostgresValueText.render(.init(bytes: [0x00, 0x01, 0xFF]), oid: 99_999) == "\\x0001ff")
    }

    @Test func truncatedValuesDoNotCrash() {
        // An int8 column with 3 bytes: shown as bytes, not misread.
        #expect(PostgresValueText.render(.init(bytes: [0x01, 0x02, 0x03]), oid: 20) == "\\x010203")
        #expect(PostgresValueText.render(.init(bytes: [0x00, 0x00, 0x00, 0x01, 0x00]), oid: 1007) == "\\x0000000100")
    }
}
