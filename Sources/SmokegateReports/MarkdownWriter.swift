/// Builds a Markdown document within a byte budget: tables and lists stop at `MarkdownReport.rowLimit` rows, or
/// earlier when the next row would pass the budget, and say how many were left out. Cells and items come escaped.
struct MarkdownWriter {
    private(set) var text = ""
    let limit: Int
    /// Room kept for the closing lines ("… and N more", a cut notice) whatever came before.
    private static let reserve = 512

    init(limit: Int) {
        self.limit = limit
    }

    private var room: Int { limit - Self.reserve - text.utf8.count }

    mutating func line(_ content: String = "") {
        guard content.utf8.count + 1 <= room else { return }
        text += content + "\n"
    }

    /// A bulleted list, then a blank line.
    mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        var shown = 0
        for item in items.prefix(MarkdownReport.rowLimit) {
            let entry = "- " + item + "\n"
            guard entry.utf8.count <= room else { break }
            text += entry
            shown += 1
        }
        if shown < items.count { text += "- … and \(items.count - shown) more\n" }
        text += "\n"
    }

    /// A GitHub table: a header, its delimiter row, a row per entry (every row padded or cut to the header's width,
    /// so the table stays well formed), then "… and N more" below when cut.
    mutating func table(_ header: [String], _ rows: [[String]]) {
        func row(_ cells: [String]) -> String {
            let fitted = Array((cells + Array(repeating: "", count: max(0, header.count - cells.count))).prefix(header.count))
            return "| " + fitted.joined(separator: " | ") + " |\n"
        }
        let head = row(header) + "|" + String(repeating: " --- |", count: header.count) + "\n"
        guard head.utf8.count <= room else { return }
        text += head
        var shown = 0
        for cells in rows.prefix(MarkdownReport.rowLimit) {
            let line = row(cells)
            guard line.utf8.count <= room else { break }
            text += line
            shown += 1
        }
        text += "\n"
        if shown < rows.count { text += "… and \(rows.count - shown) more\n\n" }
    }
}
