# The adversarial tests (issue 7): escape attempts, pinned Landlock gaps,
# fault injection, and their helper programs.
check_PROGRAMS += tests/helpers/probe-static tests/helpers/ptyrun
# The same probe, statically linked: the dynamic loader never preloads it.
tests_helpers_probe_static_SOURCES = tests/helpers/probe.c
tests_helpers_probe_static_LDFLAGS = -all-static
# No sanitizers here (--enable-sanitizers): they cannot link statically.
tests_helpers_probe_static_CFLAGS = $(WARN_CFLAGS)
tests_helpers_ptyrun_SOURCES = tests/helpers/ptyrun.c

# A library whose constructor starts a thread (a multi-threaded host).
check_LTLIBRARIES += tests/helpers/libthreadlib.la
tests_helpers_libthreadlib_la_SOURCES = tests/helpers/threadlib.c
tests_helpers_libthreadlib_la_LDFLAGS = -module -avoid-version -shared \
	-rpath /nowhere
tests_helpers_libthreadlib_la_LIBADD = -lpthread

TESTS += tests/e2e/escape.bats tests/e2e/gaps.bats tests/e2e/faults.bats \
	tests/e2e/sanitized.bats
EXTRA_DIST += tests/e2e/security.bash

# Regressions found by fuzzing, sanitizers and static analysis.
check_PROGRAMS += tests/unit/test_regress
tests_unit_test_regress_SOURCES = tests/unit/test_regress.c tests/unit/tap.h
tests_unit_test_regress_LDADD = src/core/libcore.la
TESTS += tests/unit/test_regress
