/// Which redirects a transfer follows.
///
/// A boolean literal still reads as it did when following was a yes-or-no option: `true` follows anywhere,
/// `false` never.
public enum HTTPRedirectPolicy: Sendable, Hashable, ExpressibleByBooleanLiteral {
    /// A 3xx response is the answer, judged as it is.
    case never
    /// Redirects are followed while they stay on the request URL's scheme, host and port; one that leads
    /// anywhere else fails the transfer with `redirect_off_host` before it is followed.
    case sameHost
    /// Every redirect to an http or https URL is followed.
    case anyHost

    /// `true` is `.anyHost`, `false` `.never`.
    public init(booleanLiteral value: Bool) {
        self = value ? .anyHost : .never
    }
}
