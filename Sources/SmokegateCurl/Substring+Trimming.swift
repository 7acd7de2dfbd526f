extension Substring {
    /// The text without leading and trailing spaces and tabs (kept in the stdlib so no Foundation is needed).
    var trimmingSpacesAndTabs: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
