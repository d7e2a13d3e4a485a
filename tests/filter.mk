# The seccomp filter, capabilities and UDP rules (issue 14): the filter run
# as BPF, and end-to-end tests of each gap it closes with their helpers.
check_PROGRAMS += tests/unit/test_filter
tests_unit_test_filter_SOURCES = tests/unit/test_filter.c tests/unit/tap.h \
	tests/unit/filter_witness.h
tests_unit_test_filter_LDADD = src/core/libcore.la
TESTS += tests/unit/test_filter
TESTS += tests/e2e/filter.bats tests/e2e/filter_programs.bats
