# The benchmark harness: make bench (BENCH_FLAGS=--runs N to shorten it).
# bench/run builds its preloaded and audit objects itself (cc -shared: the
# floors and envset.so); apply-time needs the core library.
check_PROGRAMS += bench/apply-time
bench_apply_time_SOURCES = bench/apply-time.c bench/raw-apply.h \
	bench/child-time.h
bench_apply_time_LDADD = src/core/libcore.la

EXTRA_DIST += bench/run bench/README.md bench/floor.c bench/envset.c \
	bench/kernel-floor.c bench/audit-floor.c

.PHONY: bench
bench: all bench/apply-time$(EXEEXT)
	bash '$(srcdir)/bench/run' $(BENCH_FLAGS) '$(abs_top_builddir)'

# The harness's smoke test: one run per case, no timing asserted.
TESTS += tests/e2e/bench.bats
