/// A JSON object whose members keep the order they were written in.
///
/// Duplicate names are kept in `entries` as received; lookups see the last one, as
/// JavaScript's `JSON.parse` does. Equality ignores member order and compares the members a
/// lookup would see, so `{"a":1,"b":2}` equals `{"b":2,"a":1.0}`.
public struct JSONObject: Sendable, Hashable {
    /// The members in document order, duplicates included.
    public var entries: [(key: String, value: JSONValue)]

    /// Creates an object from members in the given order.
    public init(_ entries: [(key: String, value: JSONValue)] = []) {
        self.entries = entries
    }

    /// The value of the last member named `key`, or `nil` when there is none.
    public subscript(key: String) -> JSONValue? {
        entries.last { $0.key == key }?.value
    }

    /// The member names in document order, duplicates included.
    public var keys: [String] { entries.map(\.key) }

    /// The number of members, duplicates included.
    public var count: Int { entries.count }

    /// The members a lookup sees: the last value for each name.
    var effectiveMembers: [String: JSONValue] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        if lhs.entries.count == rhs.entries.count,
            zip(lhs.entries, rhs.entries).allSatisfy({ $0.key == $1.key && $0.value == $1.value })
        {
            return true
        }
        return lhs.effectiveMembers == rhs.effectiveMembers
    }

    public func hash(into hasher: inout Hasher) {
        // Order must not matter, so each member is hashed on its own and the results summed.
        let members = effectiveMembers
        var combined = 0
        for (key, value) in members {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            memberHasher.combine(value)
            combined = combined &+ memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}
