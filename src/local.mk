# The core convenience library: shared by the shim and the launcher.
noinst_LTLIBRARIES += src/libcore.la
src_libcore_la_SOURCES = \
	src/landlock.c src/landlock.h \
	src/log.c src/log.h \
	src/policy.c src/policy.h \
	src/policy_env.c
