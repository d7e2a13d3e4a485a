# The hostile programs of issue 13 (tests/e2e/hostile.bats): each one reads
# the file named by $HOSTILE_FILE from code that runs before the shim's
# constructor, or from a program the dynamic loader never preloads the shim
# into, and prints what it got.  No sanitizers (--enable-sanitizers) in
# them, compiled or linked (empty _LDFLAGS: not AM_LDFLAGS): their code runs
# before or without libc.
HOSTILE_CFLAGS = $(WARN_CFLAGS) -O2
HOSTILE_LIBS = -Wl,-Ltests/helpers/hostile/.libs

check_PROGRAMS += \
	tests/helpers/hostile/hostile-preinit \
	tests/helpers/hostile/hostile-ifunc \
	tests/helpers/hostile/hostile-origin \
	tests/helpers/hostile/hostile-fakesys \
	tests/helpers/hostile/hostile-ld \
	tests/helpers/hostile/hostile-interp \
	tests/helpers/hostile/hostile-anyinterp \
	tests/helpers/hostile/hostile-plain \
	tests/helpers/hostile/hostile-static \
	tests/helpers/hostile/hostile-musl \
	tests/helpers/hostile/swapexec
check_LTLIBRARIES += \
	tests/helpers/hostile/libhostile-origin.la \
	tests/helpers/hostile/libhostile-preload.la
EXTRA_DIST += tests/helpers/hostile/hostile.h

tests_helpers_hostile_hostile_preinit_SOURCES = tests/helpers/hostile/preinit.c
tests_helpers_hostile_hostile_preinit_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_preinit_LDFLAGS =
tests_helpers_hostile_hostile_ifunc_SOURCES = tests/helpers/hostile/ifunc.c
tests_helpers_hostile_hostile_ifunc_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_ifunc_LDFLAGS =
tests_helpers_hostile_hostile_fakesys_SOURCES = tests/helpers/hostile/fakesys.c
tests_helpers_hostile_hostile_fakesys_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_fakesys_LDFLAGS =
tests_helpers_hostile_hostile_plain_SOURCES = tests/helpers/hostile/plain.c
tests_helpers_hostile_hostile_plain_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_plain_LDFLAGS =
tests_helpers_hostile_hostile_static_SOURCES = tests/helpers/hostile/plain.c
tests_helpers_hostile_hostile_static_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_static_LDFLAGS = -all-static

# Its own library through RPATH $ORIGIN (plain linker flags, as in
# elfdeps.mk: no libtool wrapper script, no build-tree search path).
HOSTILE_SHARED = -module -avoid-version -shared -rpath /nowhere
tests_helpers_hostile_libhostile_origin_la_SOURCES = \
	tests/helpers/hostile/origin_lib.c
tests_helpers_hostile_libhostile_origin_la_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_libhostile_origin_la_LDFLAGS = $(HOSTILE_SHARED)
tests_helpers_hostile_hostile_origin_SOURCES = tests/helpers/hostile/origin.c
tests_helpers_hostile_hostile_origin_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_origin_LDFLAGS = \
	-Wl,-rpath,'$$ORIGIN/.libs' -Wl,--disable-new-dtags
tests_helpers_hostile_hostile_origin_LDADD = $(HOSTILE_LIBS),-lhostile-origin
tests_helpers_hostile_hostile_origin_DEPENDENCIES = \
	tests/helpers/hostile/libhostile-origin.la

# The caller's own LD_PRELOAD library.
tests_helpers_hostile_libhostile_preload_la_SOURCES = \
	tests/helpers/hostile/preload_lib.c
tests_helpers_hostile_libhostile_preload_la_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_libhostile_preload_la_LDFLAGS = $(HOSTILE_SHARED)

# A loader of its own (static, no libc), and programs that name it in
# PT_INTERP: hostile-interp by its path in the build tree, hostile-anyinterp
# by a placeholder that the tests overwrite with the loader they want.
HOSTILE_FREESTANDING = -ffreestanding -fno-stack-protector \
	-fno-tree-loop-distribute-patterns
tests_helpers_hostile_hostile_ld_SOURCES = tests/helpers/hostile/interp_ld.c
tests_helpers_hostile_hostile_ld_CFLAGS = $(HOSTILE_CFLAGS) \
	$(HOSTILE_FREESTANDING)
tests_helpers_hostile_hostile_ld_LDFLAGS = -all-static -Wc,-nostdlib
HOSTILE_LD = $(abs_top_builddir)/tests/helpers/hostile/hostile-ld
tests_helpers_hostile_hostile_interp_SOURCES = tests/helpers/hostile/interp.c
tests_helpers_hostile_hostile_interp_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_interp_LDFLAGS = \
	-Wl,--dynamic-linker=$(HOSTILE_LD)
HOSTILE_SLOT10 = /123456789
HOSTILE_SLOT30 = $(HOSTILE_SLOT10)$(HOSTILE_SLOT10)$(HOSTILE_SLOT10)
HOSTILE_SLOT90 = $(HOSTILE_SLOT30)$(HOSTILE_SLOT30)$(HOSTILE_SLOT30)
HOSTILE_INTERP_SLOT = /hostile-interp-slot$(HOSTILE_SLOT90)$(HOSTILE_SLOT90)
tests_helpers_hostile_hostile_anyinterp_SOURCES = tests/helpers/hostile/interp.c
tests_helpers_hostile_hostile_anyinterp_CFLAGS = $(HOSTILE_CFLAGS)
tests_helpers_hostile_hostile_anyinterp_LDFLAGS = \
	-Wl,--dynamic-linker=$(HOSTILE_INTERP_SLOT)

# Built with musl (Debian: musl-tools), compiled and linked by musl-gcc:
# musl's loader ignores LD_AUDIT.
MUSL_CC = musl-gcc
tests_helpers_hostile_hostile_musl_SOURCES =
tests_helpers_hostile_hostile_musl_LINK = \
	{ command -v $(MUSL_CC) >/dev/null || { echo "$(MUSL_CC) not found" \
	"(Debian: apt-get install musl-tools)" >&2; exit 1; }; } && \
	$(MUSL_CC) $(HOSTILE_CFLAGS) -I$(top_srcdir)/src/core \
	$(srcdir)/tests/helpers/hostile/plain.c -o $@
EXTRA_tests_helpers_hostile_hostile_musl_DEPENDENCIES = \
	tests/helpers/hostile/plain.c tests/helpers/hostile/hostile.h

# Renames a file over the command's at the moment it execs (ptrace).
tests_helpers_hostile_swapexec_SOURCES = tests/helpers/hostile/swapexec.c

TESTS += tests/e2e/hostile.bats
EXTRA_DIST += tests/e2e/hostile.bash
