// Display widths, decided in Swift rather than by the C library's wcwidth so that tests give the
// same answer whatever the locale, yet agreeing with glibc's wcwidth (which ncurses and tmux use):
// East Asian Wide/Fullwidth and emoji-presentation emoji take 2 columns, combining marks and
// format characters 0, everything else 1. A grapheme counts as its first scalar.

/// Columns a terminal uses to show `s`.
public func displayWidth(_ s: String) -> Int {
    if let width = asciiWidth(s.utf8) { return width }
    var total = 0
    for ch in s { total += ch.displayWidth }
    return total
}

/// Columns a terminal uses to show `s`.
public func displayWidth(_ s: Substring) -> Int {
    if let width = asciiWidth(s.utf8) { return width }
    var total = 0
    for ch in s { total += ch.displayWidth }
    return total
}

/// ASCII text, most of what an office types: a column per printable byte, no grapheme breaking
/// (the width of every cell of a 3,000-row `deadlines` table cost 80% of the command, issue 14).
/// Nil as soon as a byte is not ASCII. Agrees with `Character.displayWidth`: "\r\n" is one
/// Character of width 0, as each of its bytes is here.
@inline(__always)
private func asciiWidth<Bytes: Sequence>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
    var width = 0
    for byte in bytes {
        if byte >= 0x80 { return nil }
        if byte >= 0x20 && byte < 0x7F { width += 1 }
    }
    return width
}

extension Character {
    /// Columns this grapheme takes on a terminal: 0, 1 or 2.
    public var displayWidth: Int {
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isASCII {
            // "\r\n" is one Character; control characters draw nothing.
            return first.value >= 0x20 && first.value < 0x7F ? 1 : 0
        }
        let base = scalarWidth(first)
        if base == 0, scalars.count > 1 {
            // A grapheme that starts with a zero-width scalar takes the width of what follows.
            return scalars.dropFirst().map(scalarWidth).max() ?? 0
        }
        // A text-style symbol made emoji by VS16 ("❤️") keeps the width of its base, as wcwidth
        // (ncurses, tmux, most terminals) counts it: one column.
        return base
    }
}

/// Width of a lone scalar.
func scalarWidth(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    if v < 0x300 { return 1 }  // Latin: narrow (soft hyphen included, as wcwidth)
    switch s.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants join
    if s.properties.isEmojiPresentation { return 2 }
    if isWide(v) { return 2 }
    return 1
}

/// East Asian Wide (W) and Fullwidth (F) ranges outside the emoji (Unicode 15 EastAsianWidth.txt).
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
    0x2FF0...0x2FFF, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F,
    0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E, 0x3220...0x3247, 0x3250...0x4DBF,
    0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5,
    0x18D00...0x18D08, 0x1AFF0...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152,
    0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B,
    0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

private func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var lo = 0, hi = wideRanges.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        let r = wideRanges[mid]
        if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
    }
    return false
}

/// Width-aware cutting and padding. All take display columns, not characters.
public enum TextFit {
    /// The longest prefix of `s` that fits in `width` columns; never splits a wide glyph.
    public static func prefix(_ s: String, width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = s.startIndex
        for i in s.indices {
            let w = s[i].displayWidth
            if used + w > width { break }
            used += w
            end = s.index(after: i)
        }
        return String(s[..<end])
    }

    /// `s` if it fits in `width` columns, else cut with a trailing "…" (the result still fits).
    public static func truncate(_ s: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(s) <= width { return s }
        let ew = displayWidth(ellipsis)
        if ew > width { return prefix(s, width: width) }
        return prefix(s, width: width - ew) + ellipsis
    }

    /// `s` cut from the left with a leading "…" when too wide (keeps the end visible: paths, ids).
    public static func truncateLeading(_ s: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth(s) <= width { return s }
        let ew = displayWidth(ellipsis)
        var used = ew
        var start = s.endIndex
        while start > s.startIndex {
            let prev = s.index(before: start)
            let w = s[prev].displayWidth
            if used + w > width { break }
            used += w
            start = prev
        }
        return ellipsis + String(s[start...])
    }

    /// Truncates or pads with spaces to exactly `width` columns.
    public static func pad(_ s: String, width: Int, alignment: Alignment = .left) -> String {
        let t = truncate(s, width: width)
        let gap = max(0, width - displayWidth(t))
        switch alignment {
        case .left: return t + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + t
        case .center:
            let l = gap / 2
            return String(repeating: " ", count: l) + t + String(repeating: " ", count: gap - l)
        }
    }

    /// Greedy word wrap to `width` columns; long words are broken. Newlines start new lines.
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var ww = displayWidth(word)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + word; lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { out.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    let head = prefix(word, width: width)
                    if head.isEmpty { break }
                    out.append(head)
                    word = String(word.dropFirst(head.count))
                    ww = displayWidth(word)
                }
                line = word; lineWidth = ww
            }
            out.append(line)
        }
        return out
    }
}

/// Horizontal alignment inside a column.
public enum Alignment: Sendable, Hashable { case left, right, center }
