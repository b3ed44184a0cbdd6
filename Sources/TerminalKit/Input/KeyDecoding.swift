import CNCurses

extension Key {
    /// Decodes what `get_wch` returned: `status` is `OK` (a character in `value`) or
    /// `KEY_CODE_YES` (a `KEY_*` code in `value`). Returns nil for codes cadesk does not use.
    public static func decode(status: Int32, value: UInt32) -> Key? {
        if status == KEY_CODE_YES {
            switch Int32(value) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME, KEY_A1: return .home
            case KEY_END, KEY_C1: return .end
            case KEY_PPAGE, KEY_A3: return .pageUp
            case KEY_NPAGE, KEY_C3: return .pageDown
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_IC: return .insert
            case KEY_RESIZE: return .resize
            default:
                for n in 1...12 where Int32(value) == cadesk_key_f(Int32(n)) { return .function(n) }
                return nil
            }
        }
        guard status == OK else { return nil }
        switch value {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x00, 0x1C...0x1F, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
