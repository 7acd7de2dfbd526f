#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PeerCertificate {
    /// Reads one certificate of curl's CURLINFO_CERTINFO, whose entries are `Name:value` lines.
    ///
    /// Returns `nil` when neither subject nor expiry is present, which is what
    /// curl hands back for a reused connection.
    init?(certInfoFields fields: [String]) {
        var values: [String: String] = [:]
        for field in fields {
            guard let colon = field.firstIndex(of: ":") else { continue }
            let name = String(field[..<colon])
            // Only the first occurrence counts: a later one would be an extension with a clashing name.
            if values[name] == nil {
                values[name] = String(field[field.index(after: colon)...])
            }
        }
        guard values["Subject"] != nil || values["Expire date"] != nil else { return nil }
        let notAfter = values["Expire date"] ?? ""
        self.init(
            subject: values["Subject"] ?? "",
            issuer: values["Issuer"] ?? "",
            subjectAltNames: Self.alternativeNames(values["X509v3 Subject Alternative Name"] ?? ""),
            notBefore: values["Start date"] ?? "",
            notAfter: notAfter,
            expiresAt: Self.date(fromOpenSSLTime: notAfter)
        )
    }

    /// Splits OpenSSL's `DNS:a, DNS:b, IP Address:1.2.3.4` rendering of the SAN extension.
    static func alternativeNames(_ text: String) -> [String] {
        text.split(separator: ",").compactMap { part in
            let entry = part.trimmingSpacesAndTabs
            for prefix in ["DNS:", "IP Address:"] where entry.hasPrefix(prefix) {
                return String(entry.dropFirst(prefix.count))
            }
            return entry.isEmpty ? nil : String(entry)
        }
    }

    /// Parses OpenSSL's `ASN1_TIME_print` form, `Jan  1 00:00:00 2030 GMT` (seconds may carry a fraction).
    static func date(fromOpenSSLTime text: String) -> Date? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5, parts[4] == "GMT",
              let monthIndex = months.firstIndex(of: String(parts[0])),
              let day = Int(parts[1]), (1...31).contains(day),
              let year = Int(parts[3])
        else { return nil }
        let clock = parts[2].split(separator: ":")
        guard clock.count == 3,
              let hour = Int(clock[0]), (0...23).contains(hour),
              let minute = Int(clock[1]), (0...59).contains(minute),
              let second = Int(clock[2].prefix { $0 != "." }), (0...60).contains(second)
        else { return nil }
        let days = daysSinceEpoch(year: year, month: monthIndex + 1, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`),
    /// computed by hand so the UTC instant does not depend on a calendar or the local time zone.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
