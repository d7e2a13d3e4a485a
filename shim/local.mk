# liblandshim.so: the shim, with no libc (shim/libc/libc.h says why).  The
# core is compiled a second time for it, freestanding; -nostdlib with
# --no-undefined makes any libc function the core calls that shim/libc
# does not provide a link error, never a call into the program's symbols.
# Its one export is la_version, the rtld-audit entry.
pkglib_LTLIBRARIES += shim/liblandshim.la
SHIM_CORE = src/core/caps.c src/core/carve.c src/core/elfdeps.c \
	src/core/landlock.c src/core/ldcache.c src/core/log.c src/core/path.c \
	src/core/policy.c \
	src/core/policy_env.c src/core/policy_program.c src/core/spelling.c \
	$(FILTER_SOURCES)
shim_liblandshim_la_SOURCES = shim/shim.c shim/shim.h shim/expand.c \
	shim/libc/libc.h shim/libc/alloc.c shim/libc/format.c \
	shim/libc/misc.c shim/libc/string.c shim/libc/sys.c $(SHIM_CORE)
SHIM_CFLAGS = $(WARN_CFLAGS) -ffreestanding -fno-builtin \
	-fno-stack-protector -fno-tree-loop-distribute-patterns \
	-fvisibility=hidden -U_FORTIFY_SOURCE -fno-sanitize=all
shim_liblandshim_la_CFLAGS = $(SHIM_CFLAGS)
shim_liblandshim_la_LDFLAGS = -module -avoid-version -shared -Wc,-nostdlib \
	-Wl,--no-undefined -Wl,-z,now -Wl,-z,relro \
	-Wl,--version-script=$(srcdir)/shim/liblandshim.map
EXTRA_DIST += shim/liblandshim.map
EXTRA_shim_liblandshim_la_DEPENDENCIES = shim/liblandshim.map

# landshim-config: the helper the shim runs, from its own directory, when
# the environment names a config file or a profile (shim/expand.c).
shimhelperdir = $(pkglibdir)
shimhelper_PROGRAMS = shim/landshim-config
shim_landshim_config_SOURCES = shim/landshim-config.c
shim_landshim_config_LDADD = src/core/libpolicyfile.la src/core/libcore.la
