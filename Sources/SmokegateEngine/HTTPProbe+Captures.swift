import Foundation
import SmokegateDocuments
import SmokegateModel

extension HTTPProbe {
    /// Takes each capture from the response; one that finds nothing fails the sample with reason `capture`, so the
    /// checks waiting for it are not run on an empty value.
    static func take(_ captures: [Capture], from view: inout ResponseView) -> (values: [String: String], secrets: [String], failures: [Failure]) {
        var values: [String: String] = [:]
        var secrets: [String] = []
        var failures: [Failure] = []
        for capture in captures {
            switch value(of: capture.source, in: &view) {
            case .success(let value):
                values[capture.name] = value
                // A short value (an id, a count) masked everywhere would garble every figure of a report.
                if capture.secret, value.count >= Redactor.shortestMaskedPiece { secrets.append(value) }
            case .failure(let problem):
                failures.append(Failure(reason: .capture, message: "capture '\(capture.name)': \(problem.message)"))
            }
        }
        return (values, secrets, failures)
    }

    /// Why a capture found no value.
    struct Missing: Error {
        var message: String
    }

    private static func value(of source: Capture.Source, in view: inout ResponseView) -> Result<String, Missing> {
        switch source {
        case .json(let path):
            switch view.json() {
            case .failure(let error):
                return .failure(Missing(message: "\(path): the body is not JSON (\(error.message) at byte \(error.offset)): \(view.snippet)"))
            case .success(let root):
                let matches = path.evaluate(root)
                guard let first = matches.first else { return .failure(Missing(message: "\(path) not found in the response (body: \(view.snippet))")) }
                return .success(ExpectationEvaluator.plainText(path.isDefinite ? first : .array(matches)))
            }
        case .header(let name):
            return view.header(name).map { .success($0) } ?? .failure(Missing(message: "no header \(name) in the response"))
        case .cookie(let name):
            return CookieJar.value(of: name, in: view.cookies).map { .success($0) }
                ?? .failure(Missing(message: "no cookie '\(name)' in the jar after the response"
                    + " (cookies: \(CookieJar.cookies(view.cookies).map(\.name).joined(separator: ", ")))"))
        case .regex(let pattern):
            guard let text = view.text else { return .failure(Missing(message: "/\(pattern)/: \(view.snippet)")) }
            return pattern.firstCapture(in: text).map { .success($0) }
                ?? .failure(Missing(message: "/\(pattern)/ does not match the body (\(view.snippet))"))
        case .xpath(let expression):
            do throws(XPathError) {
                switch try ExpectationEvaluator.evaluate(expression, markup: nil, on: view) {
                case .nodes(let nodes):
                    guard let first = nodes.first else { return .failure(Missing(message: "\(expression) selects nothing")) }
                    return .success(XPathText.normalized(first))
                case .string(let text): return .success(XPathText.normalized(text))
                case .number(let number): return .success(ExpectationEvaluator.plainText(.number(JSONNumber(number))))
                case .boolean(let flag): return .success(flag ? "true" : "false")
                }
            } catch {
                return .failure(Missing(message: "\(expression): \(error.message)"))
            }
        }
    }
}
