# Carving (--deny, --read-only), the secrets profile and the profiles for
# real tools (issue 16): unit tests of the path resolver and of the rules
# a carving turns into, and the end-to-end tests.
check_PROGRAMS += tests/unit/test_carve
tests_unit_test_carve_SOURCES = tests/unit/test_carve.c tests/unit/tap.h
tests_unit_test_carve_LDADD = src/core/libcore.la
TESTS += tests/unit/test_carve tests/e2e/carve.bats tests/e2e/secrets.bats \
	tests/e2e/learn-secrets.bats tests/e2e/tools.bats tests/e2e/mistakes.bats

# bench/run's carving row: carving ~/.ssh out of a home of 200 entries.
check_PROGRAMS += bench/carve-time
bench_carve_time_SOURCES = bench/carve-time.c bench/child-time.h
bench_carve_time_LDADD = src/core/libcore.la

# The profile "secrets" is the list --learn compiles in.
check_PROGRAMS += tests/unit/test_secrets
tests_unit_test_secrets_SOURCES = tests/unit/test_secrets.c tests/unit/tap.h
tests_unit_test_secrets_LDADD = src/why/libwhy.la src/core/libpolicyfile.la \
	src/core/libcore.la
TESTS += tests/unit/test_secrets
