import CCurl

extension CurlTransfer {
    /// Where `location` leads (`scheme://host:port`) when the same-host policy forbids following it, `nil` when
    /// it may be followed.
    ///
    /// The Location is resolved against the URL being fetched now (a relative one stays where it is) and
    /// compared with the request's own URL, so a chain of redirects cannot step off the origin hop by hop.
    /// A Location curl's parser cannot read is refused too: the policy fails closed.
    func offHostTarget(of location: String) -> String? {
        guard request.followRedirects == .sameHost, let origin = URLOrigin(request.url) else { return nil }
        let current = easy.string(CURLINFO_EFFECTIVE_URL)
        guard let target = URLOrigin(location, relativeTo: current.isEmpty ? request.url : current) else {
            return "a Location that is not a URL"
        }
        return target == origin ? nil : target.description
    }
}
