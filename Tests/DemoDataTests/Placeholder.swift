// Tests for DemoData live here.
