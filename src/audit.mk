# --why and --learn: audit records -> this run's denials -> options.
# No launcher code here, so that the unit tests (and fuzzers) link it alone.
noinst_LTLIBRARIES += src/libwhy.la
src_libwhy_la_SOURCES = \
	src/audit.c src/audit.h \
	src/audit_record.c src/audit_record.h \
	src/denial.c src/denial.h \
	src/secrets.c src/secrets.h

# The launcher's --why and --learn modes (they call its launch steps).
src_landshim_SOURCES += src/why.c src/why.h src/watch.c src/learn.c
src_landshim_LDADD += src/libwhy.la src/libcore.la
