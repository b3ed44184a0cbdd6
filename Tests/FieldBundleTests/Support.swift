import Foundation

// `TemporaryFolder` comes from the shared TestSupport, for every file here.
@_exported import TestSupport

extension TemporaryFolder {
    /// Writes `bytes` to a new file in the folder; returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Deterministic bytes of any length, so a failing case can be reproduced.
func sampleBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<count).map { _ in
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}
