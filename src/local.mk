# The core convenience library: shared by the shim and the launcher.
noinst_LTLIBRARIES += src/libcore.la
src_libcore_la_SOURCES = \
	src/elfdeps.c src/elfdeps.h \
	src/landlock.c src/landlock.h \
	src/log.c src/log.h \
	src/policy.c src/policy.h \
	src/policy_env.c

# Config files (libconfig): linked by the launcher and the tests, and by the
# shim's config module (shim/local.mk); never by the shim itself.
noinst_LTLIBRARIES += src/libpolicyfile.la
src_libpolicyfile_la_SOURCES = src/policy_file.c src/policy_file.h
src_libpolicyfile_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBCONFIG_CFLAGS)
src_libpolicyfile_la_LIBADD = $(LIBCONFIG_LIBS)

# The launcher: its steps in liblaunch.la (reused by other modes and the
# unit tests), main() in landshim.c.
noinst_LTLIBRARIES += src/liblaunch.la
src_liblaunch_la_SOURCES = src/launch.c src/launch.h src/launch_args.c \
	src/launch_info.c src/launch_target.c
bin_PROGRAMS += src/landshim
src_landshim_SOURCES = src/landshim.c
src_landshim_LDADD = src/liblaunch.la src/libpolicyfile.la src/libcore.la
