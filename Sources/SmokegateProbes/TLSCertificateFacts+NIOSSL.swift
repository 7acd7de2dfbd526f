import Foundation
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TLSCertificateFacts {
    /// Reads subject, issuer, SANs and validity out of a certificate NIOSSL handed over.
    init(_ certificate: NIOSSLCertificate) {
        self.init(
            subject: Self.distinguishedName(certificate.subjectName),
            issuer: Self.distinguishedName(certificate.issuerName),
            subjectAlternativeNames: Self.alternativeNames(of: certificate),
            notBefore: Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore)),
            notAfter: Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
        )
    }

    /// RFC 4514 order (most specific first, `CN=shop, O=Shop`), the order people read names in.
    ///
    /// Attributes NIOSSL has no name for are left out rather than shown as numbers nobody can read.
    static func distinguishedName(_ names: [SSLCertificateName]) -> String {
        names.reversed().compactMap { name in
            label(of: name.type).map { "\($0)=\(name.value)" }
        }.joined(separator: ", ")
    }

    private static func label(of type: SSLCertificateNameType) -> String? {
        switch type {
        case .commonName: "CN"
        case .organization: "O"
        case .organizationalUnit: "OU"
        case .country: "C"
        case .state: "ST"
        case .city: "L"
        case .emailAddress: "emailAddress"
        case .userId: "UID"
        default: nil
        }
    }

    /// DNS names as written and IP addresses in their usual text form; other kinds (email, URI) are not host names.
    static func alternativeNames(of certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name in
            switch name.nameType {
            case .dnsName:
                return String(decoding: Array(name.contents), as: UTF8.self)
            case .ipAddress:
                return ipText(Array(name.contents))
            default:
                return nil
            }
        }
    }

    private static func ipText(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count))
        }
        guard written != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
