# Unit tests (C, TAP) and end-to-end tests (bats), all run by make check.
