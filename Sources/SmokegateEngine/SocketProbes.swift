import Foundation
import SmokegateModel
import SmokegateProbes

/// TCP, PostgreSQL and Redis attempts: run the protocol probe, then judge what came back.
enum SocketProbes {
    typealias Attempt = (failures: [Failure], measurement: ProbeMeasurement)

    static func attempt(_ request: TCPProbeRequest, expectations: [Expectation]) async throws -> Attempt {
        do {
            let result = try await TCPProbe.run(request)
            var phases = result.dnsMicroseconds.map { [Phase("dns", $0)] } ?? []
            phases.append(Phase("connect", result.connectMicroseconds))
            if let tls = result.tlsMicroseconds { phases.append(Phase("tls", tls)) }
            if let reply = result.replyMicroseconds { phases.append(Phase("reply", reply)) }
            var view = ResponseView(latency: result.totalMicroseconds, certificate: result.certificate)
            view.reply = String(decoding: result.received, as: UTF8.self)
            var measurement = ProbeMeasurement(latency: result.totalMicroseconds, phases: phases, answeredBy: result.peer, bodyBytes: result.received.count)
            measurement.certificate = result.certificate
            return (ExpectationEvaluator.evaluate(expectations, on: &view), measurement)
        } catch let failure as ProbeFailure {
            return failed(failure)
        }
    }

    static func attempt(_ request: PostgresProbeRequest, expectations: [Expectation]) async throws -> Attempt {
        do {
            let result = try await PostgresProbe.run(request)
            var view = ResponseView(latency: result.totalMicroseconds)
            view.rowCount = result.rowCount
            view.queryTime = result.queryMicroseconds
            if let first = result.rows.first {
                view.firstRow = Dictionary(zip(result.columns, first), uniquingKeysWith: { first, _ in first })
            }
            return (ExpectationEvaluator.evaluate(expectations, on: &view),
                    ProbeMeasurement(latency: result.totalMicroseconds,
                                phases: [Phase("connect", result.connectMicroseconds), Phase("query", result.queryMicroseconds)],
                                answeredBy: result.peer))
        } catch let failure as ProbeFailure {
            return failed(failure)
        }
    }

    static func attempt(_ request: RedisProbeRequest, expectations: [Expectation]) async throws -> Attempt {
        do {
            let result = try await RedisProbe.run(request)
            var view = ResponseView(latency: result.totalMicroseconds)
            view.reply = result.reply.text
            return (ExpectationEvaluator.evaluate(expectations, on: &view),
                    ProbeMeasurement(latency: result.totalMicroseconds,
                                phases: [Phase("connect", result.connectMicroseconds), Phase("command", result.commandMicroseconds)],
                                answeredBy: result.peer))
        } catch let failure as ProbeFailure {
            return failed(failure)
        }
    }

    private static func failed(_ failure: ProbeFailure) -> Attempt {
        ([Failure(reason: failure.reason, message: failure.message)], ProbeMeasurement())
    }
}
