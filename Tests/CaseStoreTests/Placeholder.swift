// Tests for CaseStore live here.
