# The ELF dependency resolver (src/core/elfdeps.c): unit tests, the --ldd
# end-to-end tests, and their fixtures in tests/helpers/elfdeps: library A,
# library B (needs A), and one program per way of finding them.  Programs
# and B link the libraries as plain linker flags, so that libtool adds no
# wrapper script and no build-tree rpath: the search path under test is
# the only one.
EDFIX_LINK = -Wl,-rpath-link,tests/helpers/elfdeps/.libs \
	-Wl,-Ltests/helpers/elfdeps/.libs
EDFIX_A = $(EDFIX_LINK),-ledfix_a
EDFIX_B = $(EDFIX_LINK),-ledfix_b
EDFIX_A_LA = tests/helpers/elfdeps/libedfix_a.la
EDFIX_B_LA = tests/helpers/elfdeps/libedfix_b.la
EDFIX_RUNPATH = -Wl,-rpath,'$$ORIGIN/.libs' -Wl,--enable-new-dtags
EDFIX_SHARED = -module -avoid-version -shared -rpath /nowhere

# Sanitizers (--enable-sanitizers) stay out of the fixtures: they would add
# libasan to the dependencies the tests expect, and cannot link statically.
check_LTLIBRARIES += tests/helpers/elfdeps/libedfix_a.la \
	tests/helpers/elfdeps/libedfix_b.la
tests_helpers_elfdeps_libedfix_a_la_SOURCES = tests/helpers/elfdeps/edfix_a.c
tests_helpers_elfdeps_libedfix_a_la_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_libedfix_a_la_LDFLAGS = $(EDFIX_SHARED)
tests_helpers_elfdeps_libedfix_b_la_SOURCES = tests/helpers/elfdeps/edfix_b.c
tests_helpers_elfdeps_libedfix_b_la_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_libedfix_b_la_LDFLAGS = $(EDFIX_SHARED)
tests_helpers_elfdeps_libedfix_b_la_LIBADD = $(EDFIX_A)
tests_helpers_elfdeps_libedfix_b_la_DEPENDENCIES = $(EDFIX_A_LA)

check_PROGRAMS += tests/helpers/elfdeps/edfix-runpath \
	tests/helpers/elfdeps/edfix-rpath \
	tests/helpers/elfdeps/edfix-runpath-chain \
	tests/helpers/elfdeps/edfix-plain tests/helpers/elfdeps/edfix-static
# A through DT_RUNPATH $ORIGIN/.libs.
tests_helpers_elfdeps_edfix_runpath_SOURCES = tests/helpers/elfdeps/edfix_prog.c
tests_helpers_elfdeps_edfix_runpath_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_edfix_runpath_CPPFLAGS = -DEDFIX_CALL=edfix_a
tests_helpers_elfdeps_edfix_runpath_LDFLAGS = $(EDFIX_RUNPATH)
tests_helpers_elfdeps_edfix_runpath_LDADD = $(EDFIX_A)
tests_helpers_elfdeps_edfix_runpath_DEPENDENCIES = $(EDFIX_A_LA)
# B, and A through B, by the old DT_RPATH ${ORIGIN}/.libs: ld.so also
# searches the RPATH of the loader's loaders.
tests_helpers_elfdeps_edfix_rpath_SOURCES = tests/helpers/elfdeps/edfix_prog.c
tests_helpers_elfdeps_edfix_rpath_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_edfix_rpath_CPPFLAGS = -DEDFIX_CALL=edfix_b
tests_helpers_elfdeps_edfix_rpath_LDFLAGS = \
	-Wl,-rpath,'$${ORIGIN}/.libs' -Wl,--disable-new-dtags
tests_helpers_elfdeps_edfix_rpath_LDADD = $(EDFIX_B)
tests_helpers_elfdeps_edfix_rpath_DEPENDENCIES = $(EDFIX_B_LA)
# The same with DT_RUNPATH, which serves only the program's own needs: A,
# needed by B, is not found.
tests_helpers_elfdeps_edfix_runpath_chain_SOURCES = \
	tests/helpers/elfdeps/edfix_prog.c
tests_helpers_elfdeps_edfix_runpath_chain_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_edfix_runpath_chain_CPPFLAGS = -DEDFIX_CALL=edfix_b
tests_helpers_elfdeps_edfix_runpath_chain_LDFLAGS = $(EDFIX_RUNPATH)
tests_helpers_elfdeps_edfix_runpath_chain_LDADD = $(EDFIX_B)
tests_helpers_elfdeps_edfix_runpath_chain_DEPENDENCIES = $(EDFIX_B_LA)
# A with no search path: only LD_LIBRARY_PATH finds it.
tests_helpers_elfdeps_edfix_plain_SOURCES = tests/helpers/elfdeps/edfix_prog.c
tests_helpers_elfdeps_edfix_plain_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_edfix_plain_LDFLAGS =
tests_helpers_elfdeps_edfix_plain_CPPFLAGS = -DEDFIX_CALL=edfix_a
tests_helpers_elfdeps_edfix_plain_LDADD = $(EDFIX_A)
tests_helpers_elfdeps_edfix_plain_DEPENDENCIES = $(EDFIX_A_LA)
tests_helpers_elfdeps_edfix_static_SOURCES = tests/helpers/elfdeps/edfix_prog.c
tests_helpers_elfdeps_edfix_static_CFLAGS = $(WARN_CFLAGS)
tests_helpers_elfdeps_edfix_static_LDFLAGS = -all-static

check_PROGRAMS += tests/unit/test_elfdeps
tests_unit_test_elfdeps_SOURCES = tests/unit/test_elfdeps.c tests/unit/tap.h
tests_unit_test_elfdeps_LDADD = src/core/libcore.la
TESTS += tests/unit/test_elfdeps
TESTS += tests/e2e/ldd.bats
