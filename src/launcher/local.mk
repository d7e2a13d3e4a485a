# The launcher: its steps in liblaunch.la (reused by other modes and the
# unit tests), main() in landshim.c.
noinst_LTLIBRARIES += src/launcher/liblaunch.la
src_launcher_liblaunch_la_SOURCES = src/launcher/launch.c \
	src/launcher/launch.h src/launcher/launch_args.c \
	src/launcher/launch_info.c src/launcher/launch_target.c
bin_PROGRAMS += src/landshim
src_landshim_SOURCES = src/launcher/landshim.c
src_landshim_LDADD = src/launcher/liblaunch.la src/core/libpolicyfile.la \
	src/core/libcore.la
