# The core: policy, Landlock, logging, the ELF resolver.  A libtool
# convenience library (PIC), shared by the shim, the launcher and the tests.
noinst_LTLIBRARIES += src/core/libcore.la
src_core_libcore_la_SOURCES = \
	src/core/carve.c src/core/carve.h \
	src/core/caps.c src/core/caps.h \
	src/core/elfdeps.c src/core/elfdeps.h \
	src/core/landlock.c src/core/landlock.h \
	src/core/ldcache.c src/core/ldcache.h \
	src/core/log.c src/core/log.h \
	src/core/path.c src/core/path.h \
	src/core/policy.c src/core/policy.h src/core/policy_program.c \
	src/core/policy_env.c src/core/rawsys.h \
	src/core/spelling.c src/core/spelling.h

# Config files (libconfig): linked by the launcher and the tests, and by the
# shim's config module (shim/local.mk); never by the shim itself.
noinst_LTLIBRARIES += src/core/libpolicyfile.la
src_core_libpolicyfile_la_SOURCES = src/core/policy_file.c \
	src/core/policy_file.h
src_core_libpolicyfile_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBCONFIG_CFLAGS)
src_core_libpolicyfile_la_LIBADD = $(LIBCONFIG_LIBS)
