import Foundation

/// The human reference of a case (CLI.md): `IN-MLA-2026-0007`, `OUT-PRES-2026-0002`, with a
/// device tag between year and number for cases opened on a field copy. One home: the store
/// mints references with it, the demo recorder predicts them with it.
public enum CaseReference {
    public static func format(direction: Direction, kind: RequestKind, year: Int, device: String = "",
                              number: Int) -> String {
        let d = direction == .incoming ? "IN" : "OUT"
        let k = kind == .mla ? "MLA" : "PRES"
        let n = padded(number), y = padded(year)
        return device.isEmpty ? "\(d)-\(k)-\(y)-\(n)" : "\(d)-\(k)-\(y)-\(device)-\(n)"
    }

    /// At least four digits; a longer number is kept whole (the 10,000th case is `…-10000`).
    private static func padded(_ value: Int) -> String {
        let text = String(value)
        return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
    }
}
