/// Makes untrusted text (case fields, imports, names) safe to put on a terminal.
///
/// Case text comes from outside: an `ESC]52;…` (OSC 52) could write the officer's clipboard, an
/// `ESC[2J` clear the screen, a bidi override make "exe.txt" read as "txt.exe". Everything drawn
/// into a ``Buffer`` passes through ``terminalSafe(_:)``; the command-line interface uses it for
/// text output too.
public enum Sanitize {
    /// One display line: escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC forms,
    /// also their 8-bit C1 introducers), other C0/C1 controls, DEL, bidi embedding/override/isolate
    /// controls and BOM are removed; newline, carriage return, tab, vertical tab, form feed and the
    /// Unicode line/paragraph separators become a space.
    public static func terminalSafe(_ s: String) -> String {
        clean(s, keepNewlines: false)
    }

    /// As ``terminalSafe(_:)`` but keeps `\n` (a `\r\n` or lone `\r` becomes `\n`), for multi-line text.
    public static func terminalSafeMultiline(_ s: String) -> String {
        clean(s, keepNewlines: true)
    }

    /// True when `s` is already safe (lets hot paths skip the copy).
    public static func isTerminalSafe(_ s: String) -> Bool {
        for u in s.unicodeScalars where !isPlain(u) { return false }
        return true
    }

    @inline(__always)
    private static func isPlain(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v >= 0x20 && v < 0x7F { return true }
        if v < 0xA0 { return false }
        return !isInvisibleControl(v) && !isLineBreak(v)
    }

    private static func isInvisibleControl(_ v: UInt32) -> Bool {
        switch v {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0xFEFF: return true
        default: return false
        }
    }
    private static func isLineBreak(_ v: UInt32) -> Bool { v == 0x2028 || v == 0x2029 || v == 0x85 }

    private enum State { case text, escape, escapeIntermediate, csi, string, stringEscape }

    private static func clean(_ s: String, keepNewlines: Bool) -> String {
        if isTerminalSafe(s) { return s }
        var out = String.UnicodeScalarView()
        var state = State.text
        var previousWasCR = false
        for u in s.unicodeScalars {
            let v = u.value
            switch state {
            case .text:
                break
            case .escape:
                // ESC seen: decide which sequence this is.
                switch v {
                case 0x5B: state = .csi  // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string  // OSC, DCS, SOS, PM, APC
                case 0x20...0x2F: state = .escapeIntermediate  // ESC ( B, ESC # 8 …
                case 0x1B: state = .escape
                default: state = .text  // two-byte form (ESC c, ESC 7): drop both
                }
                continue
            case .escapeIntermediate:
                if v >= 0x20 && v <= 0x2F { continue }
                state = .text
                continue
            case .csi:
                // Parameters and intermediates until a final byte 0x40–0x7E; a control aborts it.
                if v >= 0x40 && v <= 0x7E { state = .text; continue }
                if v >= 0x20 && v <= 0x3F { continue }
                if v == 0x1B { state = .escape; continue }
                if v < 0x20 || v == 0x7F { continue }
                state = .text  // not a CSI byte at all: treat as text again
            case .string:
                // Until BEL, ST (ESC \) or 8-bit ST (0x9C); everything inside is swallowed.
                if v == 0x07 || v == 0x9C { state = .text }
                else if v == 0x1B { state = .stringEscape }
                continue
            case .stringEscape:
                state = v == 0x5C ? .text : .string
                if v == 0x1B { state = .stringEscape }
                continue
            }
            // Plain text.
            let wasCR = previousWasCR
            previousWasCR = false
            if v >= 0x20 && v < 0x7F { out.append(u); continue }
            switch v {
            case 0x1B: state = .escape
            case 0x9B: state = .csi
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: state = .string
            case 0x0A:
                if !wasCR { out.append(keepNewlines ? "\n" : " ") }  // "\r\n" is one break
            case 0x0D:
                out.append(keepNewlines ? "\n" : " ")
                previousWasCR = true
            case 0x09, 0x0B, 0x0C: out.append(" ")
            case 0x2028, 0x2029, 0x85: out.append(keepNewlines ? "\n" : " ")
            default:
                if v < 0xA0 || isInvisibleControl(v) { continue }
                out.append(u)
            }
        }
        return String(out)
    }
}
