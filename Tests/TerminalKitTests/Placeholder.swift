// Tests for TerminalKit live here.
