// Tests for Casework live here.
