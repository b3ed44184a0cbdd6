import TerminalKit

/// Where things go on the screen: top line, tabs, a rule, the body, a rule, the status line and
/// the key hints.
enum DeskLayout {
    static func top(_ size: Size) -> Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    static func tabs(_ size: Size) -> Rect { Rect(x: 0, y: 1, width: size.width, height: 1) }
    static func body(_ size: Size) -> Rect { Rect(x: 0, y: 3, width: size.width, height: max(0, size.height - 6)) }
    static func info(_ size: Size) -> Rect { Rect(x: 0, y: size.height - 2, width: size.width, height: 1) }
    static func hints(_ size: Size) -> Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }
}
