# The seccomp filter (src/filter/filter.h): part of the core, so the shim,
# the launcher and the tests all build the same program.  Each architecture's
# system call numbers come from its own header, in a file of its own.
FILTER_SOURCES = src/filter/filter.c src/filter/filter.h \
	src/filter/filter_syscalls.h src/filter/filter_nr.h \
	src/filter/filter_native.c src/filter/filter_i386.c
src_core_libcore_la_SOURCES += $(FILTER_SOURCES)
