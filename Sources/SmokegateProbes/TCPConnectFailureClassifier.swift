import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Names why a TCP connection could not be opened, or broke once open, the way reports name it.
enum TCPConnectFailureClassifier {
    /// The failure of a connect attempt (DNS included) to `target`.
    static func classify(_ error: any Error, target: String, host: String, connectTimeout: Duration) -> ProbeFailure {
        switch error {
        case let error as ProbeFailure:
            return error
        case let error as NIOConnectionError:
            // Any attempt that got as far as a socket says more than the resolver does.
            if let first = error.connectionErrors.first {
                return classify(first.error, target: target, host: host, connectTimeout: connectTimeout)
            }
            if let dnsError = error.dnsAError ?? error.dnsAAAAError {
                return dns(dnsError, host: host)
            }
            return ProbeFailure(.dns, "\(host) resolved to no address.")
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            return dns(error, host: host)
        case ChannelError.connectTimeout:
            return ProbeFailure(
                .connectTimeout,
                "\(target) did not accept a connection within \(TCPText.duration(connectTimeout))."
            )
        case let error as IOError:
            return socketError(error, target: target, connecting: true)
        case let error as NIOSSLExtraError where error == .invalidSNIHostname || error == .cannotUseIPAddressInSNI:
            return ProbeFailure(.invalidRequest, "The TLS server name for \(target) is not a valid host name.")
        default:
            return ProbeFailure(.connectionRefused, "Could not connect to \(target): \(error).")
        }
    }

    /// An error on an open connection (or, with `connecting`, while opening it).
    static func socketError(_ error: IOError, target: String, connecting: Bool) -> ProbeFailure {
        switch error.errnoCode {
        case ECONNREFUSED:
            return ProbeFailure(.connectionRefused, "\(target) refused the connection: nothing listens there.")
        case EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL:
            return ProbeFailure(.connectionRefused, "\(target) is unreachable (\(error.description)).")
        case ECONNRESET, EPIPE:
            return ProbeFailure(.connectionReset, "\(target) reset the connection.")
        case ETIMEDOUT where connecting:
            return ProbeFailure(.connectTimeout, "\(target) did not accept a connection (the kernel gave up).")
        default:
            let what = connecting ? "Connecting to \(target)" : "The connection to \(target)"
            return ProbeFailure(connecting ? .connectionRefused : .closed, "\(what) failed: \(error.description).")
        }
    }

    private static func dns(_ error: any Error, host: String) -> ProbeFailure {
        if let failure = error as? ProbeFailure { return failure }
        if let unknown = error as? SocketAddressError.UnknownHost {
            return ProbeFailure(.dns, "\(host) does not resolve: \(unknown.errorDescription).")
        }
        return ProbeFailure(.dns, "\(host) does not resolve: \(error).")
    }
}
