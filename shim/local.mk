# liblandshim.so: the preloaded shim, exporting no symbol.
pkglib_LTLIBRARIES += shim/liblandshim.la
shim_liblandshim_la_SOURCES = shim/preload.c shim/shim.h shim/config_none.c
shim_liblandshim_la_LIBADD = src/libcore.la
shim_liblandshim_la_LDFLAGS = -module -avoid-version -shared \
	-Wl,--version-script=$(srcdir)/shim/liblandshim.map
EXTRA_DIST += shim/liblandshim.map
EXTRA_shim_liblandshim_la_DEPENDENCIES = shim/liblandshim.map
