/// A cell position on the screen: column `x`, row `y`, both from 0 at the top left.
public struct Position: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
    public var description: String { "(\(x),\(y))" }
}

/// A screen size in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    public var description: String { "\(width)×\(height)" }
}

/// A rectangle of cells. Widgets draw inside the `Rect` they are given and never outside it.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public init(_ size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var description: String { "\(width)×\(height)@(\(x),\(y))" }
    public var size: Size { Size(width: width, height: height) }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var left: Int { x }
    public var top: Int { y }
    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }

    public func contains(_ p: Position) -> Bool { p.x >= x && p.x < right && p.y >= y && p.y < bottom }

    public func intersection(_ other: Rect) -> Rect {
        let l = max(x, other.x), t = max(y, other.y)
        let r = min(right, other.right), b = min(bottom, other.bottom)
        return Rect(x: l, y: t, width: r - l, height: b - t)
    }

    /// Shrinks every side by `by` cells (a border is `inset(1)`).
    public func inset(_ by: Int) -> Rect { inset(horizontal: by, vertical: by) }
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// The single row `i` (0-based, relative to this rect); empty when outside.
    public func row(_ i: Int) -> Rect {
        guard i >= 0, i < height else { return Rect(x: x, y: y + max(0, i), width: width, height: 0) }
        return Rect(x: x, y: y + i, width: width, height: 1)
    }

    /// Splits off the top `n` rows: `(top, rest)`.
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }
    /// Splits off the bottom `n` rows: `(rest, bottom)`.
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: bottom - n, width: width, height: n))
    }
    /// Splits off the left `n` columns: `(left, rest)`.
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// Stacks rows of the given heights from the top; a `nil` height takes what is left
    /// (shared equally when there are several).
    public func rows(_ heights: [Int?]) -> [Rect] {
        let fixed = heights.compactMap { $0 }.reduce(0, +)
        let flexCount = heights.filter { $0 == nil }.count
        let spare = max(0, height - fixed)
        var flexLeft = flexCount
        var spareLeft = spare
        var cursor = y
        var out: [Rect] = []
        for h in heights {
            var take: Int
            if let h { take = h } else {
                take = flexLeft > 0 ? spareLeft / flexLeft : 0
                flexLeft -= 1; spareLeft -= take
            }
            take = max(0, min(take, bottom - cursor))
            out.append(Rect(x: x, y: cursor, width: width, height: take))
            cursor += take
        }
        return out
    }

    /// Places columns of the given widths side by side from the left, `spacing` apart; a `nil`
    /// width takes what is left (shared equally when there are several).
    public func columns(_ widths: [Int?], spacing: Int = 0) -> [Rect] {
        let gaps = max(0, widths.count - 1) * spacing
        let fixed = widths.compactMap { $0 }.reduce(0, +)
        var flexLeft = widths.filter { $0 == nil }.count
        var spareLeft = max(0, width - fixed - gaps)
        var cursor = x
        var out: [Rect] = []
        for (i, w) in widths.enumerated() {
            if i > 0 { cursor += spacing }
            var take: Int
            if let w { take = w } else {
                take = flexLeft > 0 ? spareLeft / flexLeft : 0
                flexLeft -= 1; spareLeft -= take
            }
            take = max(0, min(take, right - cursor))
            out.append(Rect(x: min(cursor, right), y: y, width: take, height: height))
            cursor += take
        }
        return out
    }

    /// A rect of at most `width`×`height`, centred in this one (for dialogs).
    public func centered(width w: Int, height h: Int) -> Rect {
        let w = min(w, width), h = min(h, height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }
}
