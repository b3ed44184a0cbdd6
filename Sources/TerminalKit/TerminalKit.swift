// TerminalKit: see ../../../shared/STYLE.md
