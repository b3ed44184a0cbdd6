// Tests for DeskApp live here.
