/// One `name: value` of a `query:` or `form:`, in the order written; the value may refer to captures.
public struct FormField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
