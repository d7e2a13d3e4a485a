# Unit tests (C, TAP) and end-to-end tests (bats), all run by make check.
TEST_EXTENSIONS = .bats
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
BATS_LOG_DRIVER = $(LOG_DRIVER)
BATS_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/run-bats
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	BATS='$(BATS)'; export top_srcdir top_builddir BATS;

check_PROGRAMS += tests/unit/test_landlock tests/unit/test_policy
tests_unit_test_landlock_SOURCES = tests/unit/test_landlock.c tests/unit/tap.h
tests_unit_test_landlock_LDADD = src/core/libcore.la
tests_unit_test_policy_SOURCES = tests/unit/test_policy.c tests/unit/tap.h
tests_unit_test_policy_LDADD = src/core/libcore.la
TESTS += tests/unit/test_landlock tests/unit/test_policy
check_PROGRAMS += tests/unit/test_launch
tests_unit_test_launch_SOURCES = tests/unit/test_launch.c tests/unit/tap.h
tests_unit_test_launch_LDADD = src/launcher/liblaunch.la src/core/libpolicyfile.la \
	src/core/libcore.la
TESTS += tests/unit/test_launch

EXTRA_DIST += tests/run-bats

# Probe programs for the end-to-end tests.
check_PROGRAMS += tests/helpers/probe tests/helpers/abi tests/helpers/nolandlock
tests_helpers_probe_SOURCES = tests/helpers/probe.c
tests_helpers_abi_SOURCES = tests/helpers/abi.c
tests_helpers_abi_LDADD = src/core/libcore.la
tests_helpers_nolandlock_SOURCES = tests/helpers/nolandlock.c

TESTS += tests/e2e/core.bats
TESTS += tests/e2e/launcher.bats tests/e2e/landrun.bats
EXTRA_DIST += tests/e2e/helpers.bash $(filter %.bats,$(TESTS))
