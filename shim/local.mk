# liblandshim.so: the preloaded shim, exporting no symbol.
pkglib_LTLIBRARIES += shim/liblandshim.la
shim_liblandshim_la_SOURCES = shim/preload.c shim/shim.h \
	shim/config_dlopen.c shim/config_module.h
shim_liblandshim_la_LIBADD = src/core/libcore.la
shim_liblandshim_la_LDFLAGS = -module -avoid-version -shared \
	-Wl,--version-script=$(srcdir)/shim/liblandshim.map
EXTRA_DIST += shim/liblandshim.map
EXTRA_shim_liblandshim_la_DEPENDENCIES = shim/liblandshim.map

# landshim-config.so: the config file parser (libconfig), dlopen()ed by the
# shim from its own directory only when a config file or profile is named.
pkglib_LTLIBRARIES += shim/landshim-config.la
shim_landshim_config_la_SOURCES = shim/config_module.c shim/config_module.h
shim_landshim_config_la_LIBADD = src/core/libpolicyfile.la src/core/libcore.la
shim_landshim_config_la_LDFLAGS = -module -avoid-version -shared \
	-Wl,--version-script=$(srcdir)/shim/landshim-config.map
EXTRA_DIST += shim/landshim-config.map
EXTRA_shim_landshim_config_la_DEPENDENCIES = shim/landshim-config.map
