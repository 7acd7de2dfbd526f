import SmokegateVocabulary
import Foundation
import SmokegateCurl

extension GRPCHealthProbe {
    /// Reads the call's outcome from a complete HTTP response: grpc-status from the trailers (or the headers of a
    /// trailers-only response), then the one message of an OK call.
    static func judge(
        _ response: HTTPTransferResponse, request: GRPCHealthProbeRequest, target: String
    ) throws(ProbeFailure) -> GRPCHealthProbeResult {
        let contentType = response.headerValue("content-type") ?? ""
        let speaksGRPC = response.status == 200 && response.httpVersion == "2"
            && (contentType.lowercased() == "application/grpc" || contentType.lowercased().hasPrefix("application/grpc+")
                || contentType.lowercased().hasPrefix("application/grpc;"))
        guard let statusText = response.trailerValue("grpc-status") ?? response.headerValue("grpc-status") else {
            guard speaksGRPC else {
                let type = contentType.isEmpty ? "no content-type" : "content-type \(contentType.prefix(80))"
                throw ProbeFailure(.notGRPC, "\(target) answered HTTP/\(response.httpVersion) \(response.status) with \(type) "
                    + "and no grpc-status: not a gRPC server.")
            }
            throw ProbeFailure(.malformedReply, "\(target) ended the call without a grpc-status.")
        }
        guard let code = Int(statusText.trimmingCharacters(in: .whitespaces)) else {
            throw ProbeFailure(.malformedReply, "\(target) sent grpc-status \"\(statusText.prefix(40))\", which is not a number.")
        }
        let status = GRPCStatusCode(rawValue: code)
        guard status == .ok else {
            let message = (response.trailerValue("grpc-message") ?? response.headerValue("grpc-message")).map(percentDecoded) ?? ""
            throw ProbeFailure(.grpcStatus(status), "\(target) answered \(status.name)" + (message.isEmpty ? "." : ": \(message.prefix(300))"))
        }
        guard speaksGRPC else {
            throw ProbeFailure(.notGRPC, "\(target) sent grpc-status 0 in an HTTP/\(response.httpVersion) \(response.status) "
                + "response with content-type \"\(contentType.prefix(80))\", which is not how gRPC answers.")
        }
        let servingStatus: GRPCServingStatus
        do {
            servingStatus = try GRPCHealthProtobuf.servingStatus(from: try GRPCMessageFraming.singleMessage(in: response.body))
        } catch let error as GRPCMessageFraming.DecodingError {
            throw ProbeFailure(.malformedReply, "\(target): \(error.message).")
        } catch let error as GRPCHealthProtobuf.DecodingError {
            throw ProbeFailure(.malformedReply, "\(target) sent a message that is not a HealthCheckResponse: \(error.message).")
        } catch {
            throw ProbeFailure(.internal, "Reading the health response failed: \(error).")
        }
        let host = response.primaryIP.contains(":") ? "[\(response.primaryIP)]" : response.primaryIP
        let peer = "\(host):\(response.primaryPort)"
        return GRPCHealthProbeResult(status: servingStatus, httpVersion: response.httpVersion, timings: response.timings,
                                     peer: peer, certificate: response.certificate)
    }

    /// grpc-message is percent-encoded UTF-8 (PROTOCOL-HTTP2.md); a bad escape is kept as it came.
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
               let byte = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
