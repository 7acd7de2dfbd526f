import SmokegateVocabulary
import NIOCore
import NIOSSL
import PostgresNIO

extension PostgresProbe {
    /// Names a postgres-nio error the way reports name it; `CancellationError` passes through.
    ///
    /// PSQLError's own description is deliberately generic, so the message is built from the server's SQLSTATE
    /// and text. The caller scrubs the password from whatever this returns.
    static func failure(for error: any Error, duringQuery: Bool, connector: RedisPostgresConnector) -> any Error {
        let target = connector.target
        switch error {
        case is CancellationError, is ProbeFailure:
            return error
        case let error as PSQLError:
            return failure(for: error, duringQuery: duringQuery, connector: connector)
        default:
            return transportFailure(error, connector: connector)
                ?? ProbeFailure(.internal, "The PostgreSQL client failed talking to \(target): \(error).")
        }
    }

    private static func failure(for error: PSQLError, duringQuery: Bool, connector: RedisPostgresConnector) -> ProbeFailure {
        let target = connector.target
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?????"
            let text = "SQLSTATE \(state): \(error.serverInfo?[.message] ?? "no message")"
            if state.hasPrefix("28") {
                return ProbeFailure(.authentication, "\(target) refused the login: \(text)")
            }
            if state == "3D000" {
                return ProbeFailure(.unknownDatabase, "\(target) has no such database: \(text)")
            }
            if duringQuery {
                return ProbeFailure(.queryError, "\(target) failed the query: \(text)")
            }
            // Startup errors other than credentials (too many clients, shutting down) end the connection.
            return ProbeFailure(.closed, "\(target) refused the connection: \(text)")
        case .sslUnsupported:
            return ProbeFailure(.tlsHandshake, "\(target) does not offer TLS, and tls: require needs it.")
        case .failedToAddSSLHandler:
            return ProbeFailure(.tlsHandshake, "Could not start TLS with \(target).")
        case .receivedUnencryptedDataAfterSSLRequest:
            return ProbeFailure(.tlsHandshake, "\(target) sent unencrypted data where the TLS handshake belongs.")
        case .unsupportedAuthMechanism:
            return ProbeFailure(.authentication, "\(target) asks for an authentication method smokegate cannot do.")
        case .authMechanismRequiresPassword:
            return ProbeFailure(.authentication, "\(target) asks for a password and the probe has none.")
        case .saslError:
            return ProbeFailure(.authentication, "\(target) and smokegate could not complete SCRAM authentication.")
        case .messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag:
            return ProbeFailure(.protocol, "\(target) answered something that is not the PostgreSQL protocol.")
        case .tooManyParameters:
            return ProbeFailure(.invalidRequest, "The query for \(target) has too many parameters.")
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            if let underlying = error.underlying, let failure = transportFailure(underlying, connector: connector) {
                return failure
            }
            let when = duringQuery ? "before the query finished" : "during the login"
            return ProbeFailure(.closed, "\(target) closed the connection \(when).")
        default:
            return ProbeFailure(.internal, "The PostgreSQL client failed talking to \(target): \(error.code).")
        }
    }

    /// Socket and TLS errors under a PSQLError; `nil` for anything else.
    private static func transportFailure(_ error: any Error, connector: RedisPostgresConnector) -> ProbeFailure? {
        let target = connector.target
        switch error {
        case let error as IOError:
            return TCPConnectFailureClassifier.socketError(error, target: connector.target, connecting: false)
        case let error as NIOSSLExtraError
        where error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch:
            return ProbeFailure(.tlsHostnameMismatch, "\(target)'s certificate does not name the host: \(error).")
        case NIOSSLError.uncleanShutdown:
            return ProbeFailure(.closed, "\(target) closed the TLS connection without a close_notify.")
        case NIOSSLError.handshakeFailed(let reason):
            // BoringSSL reports every verification failure (self-signed, unknown CA, expired) as this one code.
            if String(describing: reason).contains("CERTIFICATE_VERIFY_FAILED") {
                return ProbeFailure(.tlsCertificateUntrusted, "\(target)'s certificate failed verification: \(reason).")
            }
            return ProbeFailure(.tlsHandshake, "The TLS handshake with \(target) failed: \(reason).")
        case let error as NIOSSLError:
            return ProbeFailure(.tlsHandshake, "TLS with \(target) failed: \(error).")
        case let error as NIOSSLExtraError:
            return ProbeFailure(.tlsHandshake, "TLS with \(target) failed: \(error).")
        case ChannelError.connectTimeout:
            return ProbeFailure(.connectTimeout, "\(target) did not accept a connection in time.")
        case ChannelError.eof, ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.outputClosed:
            return ProbeFailure(.closed, "\(target) closed the connection.")
        default:
            return nil
        }
    }
}
