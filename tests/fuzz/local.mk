# libFuzzer targets (clang): `make fuzz` builds each and runs it for
# FUZZ_SECONDS from its seed corpus (a copy: the seeds stay as they are).
# A crash, a leak, undefined behaviour or a timeout fails.  The targets
# are built here, outside libtool, with the sources they exercise.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_COMPILE = $(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) -I$(top_builddir) \
	$(AM_CPPFLAGS)
FUZZ_CORE = $(addprefix $(srcdir)/,$(filter %.c,$(src_core_libcore_la_SOURCES)))
FUZZ_NAMES = env setters config elf audit
FUZZ_TARGETS = $(FUZZ_NAMES:%=tests/fuzz/fuzz_%)

tests/fuzz/fuzz_env: $(srcdir)/tests/fuzz/fuzz_env.c $(FUZZ_CORE)
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_COMPILE) -o $@ $^
tests/fuzz/fuzz_setters: $(srcdir)/tests/fuzz/fuzz_setters.c $(FUZZ_CORE)
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_COMPILE) -o $@ $^
tests/fuzz/fuzz_config: $(srcdir)/tests/fuzz/fuzz_config.c \
		$(srcdir)/src/core/policy_file.c $(FUZZ_CORE)
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_COMPILE) $(LIBCONFIG_CFLAGS) \
		-o $@ $^ $(LIBCONFIG_LIBS) $(LIBS)

tests/fuzz/fuzz_elf: $(srcdir)/tests/fuzz/fuzz_elf.c $(FUZZ_CORE)
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_COMPILE) -o $@ $^
tests/fuzz/fuzz_audit: $(srcdir)/tests/fuzz/fuzz_audit.c \
		$(srcdir)/src/why/audit_record.c $(FUZZ_CORE)
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_COMPILE) -o $@ $^

# fuzz-NAME: run one target; `make -j2 fuzz` runs two at a time.
fuzz: $(FUZZ_NAMES:%=fuzz-%)
fuzz-%: tests/fuzz/fuzz_%
	@rm -rf tests/fuzz/work-$* && $(MKDIR_P) tests/fuzz/work-$*
	@cp $(srcdir)/tests/fuzz/corpus/$*/* tests/fuzz/work-$*/
	LSAN_OPTIONS=suppressions=$(srcdir)/tests/fuzz/lsan.supp \
	./tests/fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=tests/fuzz/crash-$*- \
		$$(test -f $(srcdir)/tests/fuzz/$*.dict && \
		   echo -dict=$(srcdir)/tests/fuzz/$*.dict) \
		tests/fuzz/work-$* >tests/fuzz/fuzz-$*.log 2>&1 || \
		{ tail -n 60 tests/fuzz/fuzz-$*.log; exit 1; }
	@grep -h '^stat::number_of_executed_units' tests/fuzz/fuzz-$*.log | \
		sed 's/^/fuzz-$*: /'

.PHONY: fuzz
CLEANFILES += $(FUZZ_TARGETS) $(FUZZ_NAMES:%=tests/fuzz/fuzz-%.log)
EXTRA_DIST += tests/fuzz/fuzz.h $(FUZZ_NAMES:%=tests/fuzz/fuzz_%.c) \
	tests/fuzz/corpus tests/fuzz/env.dict tests/fuzz/config.dict \
	tests/fuzz/lsan.supp

# The unit tests, and the launcher on a static target (sanitized.bats):
# what a --enable-sanitizers build runs.  Its shim cannot be preloaded, so
# the other end-to-end tests are left to other builds.
# The unit tests that start a preloaded program need ASan's link-order
# check off: the sanitized shim is preloaded before libasan.
check-unit:
	ASAN_OPTIONS=verify_asan_link_order=0 $(MAKE) $(AM_MAKEFLAGS) check \
		TESTS='$(filter tests/unit/%,$(TESTS)) tests/e2e/sanitized.bats'
.PHONY: check-unit
EXTRA_DIST += .clang-tidy .ci/lint
