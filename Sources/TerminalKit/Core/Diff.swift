/// One cell a backend must draw.
public struct CellUpdate: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
    public init(x: Int, y: Int, cell: Cell) { self.x = x; self.y = y; self.cell = cell }
}

extension Buffer {
    /// The cells that differ between `previous` and this buffer, in screen order — what a
    /// backend must write to turn the old frame into this one. Modelled on ratatui's
    /// `buffer/diff.rs`: continuation cells of a wide glyph are skipped, and when a wide glyph
    /// is replaced by narrow ones, the cells it used to cover are redrawn even if unchanged in
    /// the grid (the terminal still shows half the old glyph there).
    ///
    /// A `previous` of another size means everything changed.
    public func diff(from previous: Buffer) -> [CellUpdate] {
        var updates: [CellUpdate] = []
        guard previous.width == width, previous.height == height else {
            for y in 0..<height {
                for x in 0..<width where !self[x, y].isContinuation {
                    updates.append(CellUpdate(x: x, y: y, cell: self[x, y]))
                }
            }
            return updates
        }
        for y in 0..<height {
            var invalidated = 0  // cells still covered by a wide glyph drawn or replaced to the left
            var toSkip = 0  // continuation cells of a wide glyph just written
            for x in 0..<width {
                let i = y * width + x
                let current = cells[i], old = previous.cells[i]
                if toSkip == 0, !current.isContinuation, current != old || invalidated > 0 {
                    updates.append(CellUpdate(x: x, y: y, cell: current))
                }
                toSkip = max(0, current.width - 1)
                let affected = max(current.width, old.width)
                invalidated = max(0, max(affected, invalidated) - 1)
            }
        }
        return updates
    }
}
