# --why and --learn: audit records -> this run's denials -> options.
# No launcher code in libwhy, so that the unit tests (and fuzzers) link it
# alone.
noinst_LTLIBRARIES += src/why/libwhy.la
src_why_libwhy_la_SOURCES = \
	src/why/audit.c src/why/audit.h \
	src/why/audit_record.c src/why/audit_record.h \
	src/why/denial.c src/why/denial.h \
	src/why/filter_explain.c src/why/filter_explain.h \
	src/why/secrets.c src/why/secrets.h \
	src/why/suggest.c src/why/suggest.h \
	src/why/view.c src/why/view.h

# The secrets: the list of the profile conf/profiles/secrets.conf, compiled
# in (one list, one place).
nodist_src_why_libwhy_la_SOURCES = src/why/secrets_list.h
BUILT_SOURCES += src/why/secrets_list.h
CLEANFILES += src/why/secrets_list.h
EXTRA_DIST += conf/secrets-list.awk
src/why/secrets_list.h: $(top_srcdir)/conf/profiles/secrets.conf \
		$(top_srcdir)/conf/secrets-list.awk
	$(AWK) -f $(top_srcdir)/conf/secrets-list.awk \
		$(top_srcdir)/conf/profiles/secrets.conf >$@.tmp && mv $@.tmp $@

# The launcher's --why and --learn modes (they call its launch steps).
src_landshim_SOURCES += src/why/why.c src/why/why.h src/why/watch.c \
	src/why/learn.c src/why/learn.h src/why/learn_file.c \
	src/why/procevents.c src/why/procevents.h \
	src/why/trace.c src/why/trace.h src/why/trace_call.c
src_landshim_LDADD += src/why/libwhy.la src/core/libcore.la
