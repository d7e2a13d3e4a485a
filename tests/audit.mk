# Tests of --why and --learn: the record parser and the denial collector on
# recorded samples, and the end-to-end runs.
check_PROGRAMS += tests/unit/test_audit
tests_unit_test_audit_SOURCES = tests/unit/test_audit.c tests/unit/tap.h
tests_unit_test_audit_LDADD = src/why/libwhy.la src/core/libcore.la
TESTS += tests/unit/test_audit
EXTRA_DIST += tests/unit/fixtures/kinds.audit \
	tests/unit/fixtures/run-concurrent.audit

# The filter's refusals, the rules suggested, paths resolved.
check_PROGRAMS += tests/unit/test_why
tests_unit_test_why_SOURCES = tests/unit/test_why.c tests/unit/tap.h \
	tests/unit/filter_witness.h
tests_unit_test_why_LDADD = src/why/libwhy.la src/core/libcore.la
TESTS += tests/unit/test_why
EXTRA_DIST += tests/unit/fixtures/seccomp.audit

# The program --why and --learn look at, the audit switch for asserts, and
# the filter's trap mode untraced.
check_PROGRAMS += tests/helpers/workload tests/helpers/auditstate \
	tests/helpers/filtertrap
tests_helpers_workload_SOURCES = tests/helpers/workload.c
tests_helpers_filtertrap_SOURCES = tests/helpers/filtertrap.c
tests_helpers_filtertrap_LDADD = src/core/libcore.la
tests_helpers_auditstate_SOURCES = tests/helpers/auditstate.c
tests_helpers_auditstate_LDADD = src/why/libwhy.la src/core/libcore.la

TESTS += tests/e2e/why.bats tests/e2e/learn.bats tests/e2e/learn-real.bats
EXTRA_DIST += tests/e2e/audit.bash
