/// Trimming without Foundation's `trimmingCharacters(in:)`, which bridges every string through
/// NSString: on the path of every action and registration it was a seventh of the demo's time.
/// The two sets are exactly Foundation's: `.whitespaces` is general category Zs plus the tab;
/// `.whitespacesAndNewlines` adds U+000A–U+000D, U+0085, U+2028 and U+2029 (the Unicode
/// White_Space property) — and both hold U+200B ZERO WIDTH SPACE, which Foundation still counts
/// as a space. `TrimmingTests` checks both against Foundation, scalar by scalar.
extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    public var trimmedOfWhitespace: String { trimmed(isWhitespaceOrNewline) }

    /// The text without leading and trailing spaces and tabs (newlines kept).
    public var trimmedOfSpaces: String {
        trimmed { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    private func trimmed(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

/// Foundation's `.whitespacesAndNewlines`, as a test of one scalar.
func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar == "\u{200B}"
}
