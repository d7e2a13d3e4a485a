// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * apply-time RUNS DIR N: how long the shim's constructor takes to turn
 * LANDSHIM_ROX=DIR/0:DIR/1:...:DIR/<N-1> into a Landlock domain, and how
 * long the system calls alone take for the same rules (the floor:
 * raw-apply.h, its paths made before any clock starts).
 *
 * Each run is a fresh child (restrict_self cannot be undone) that times,
 * with CLOCK_MONOTONIC, what the shim does between its constructor's entry
 * and the program's main: parse the variable, then policy_apply() (ABI
 * probe, ruleset, one open/fstat/add_rule/close per path, thread check,
 * no_new_privs, restrict_self).  The shim's runs and the floor's alternate.
 * Prints "MEAN MEDIAN FLOOR_MEAN FLOOR_MEDIAN" in milliseconds.  The
 * variable is built here: 10000 paths do not fit in one environment string
 * passed through execve (128 KiB).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "policy.h"
#include "raw-apply.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void set_path_list(const char *dir, long n)
{
	size_t room = (size_t)n * (strlen(dir) + 8) + 1;
	char *list = xmalloc(room), *s = list;

	*s = '\0';
	for (long i = 0; i < n; i++)
		s += sprintf(s, "%s%s/%ld", i ? ":" : "", dir, i);
	policy_env_strip(environ);
	if (setenv("LANDSHIM_ROX", list, 1) < 0)
		die_with_error("setenv");
	free(list);
}

/* The floor's paths: the same as in LANDSHIM_ROX. */
static const char **make_paths(const char *dir, long n)
{
	const char **paths = xcalloc((size_t)n + 1, sizeof(*paths));

	for (long i = 0; i < n; i++) {
		size_t size = strlen(dir) + 24;
		char *path = xmalloc(size);

		snprintf(path, size, "%s/%ld", dir, i);
		paths[i] = path;
	}
	return paths;
}

static void shim_apply(void)
{
	struct policy p;

	policy_init(&p);
	if (policy_from_env(&p, environ, NULL) < 0 || policy_apply(&p) != 0)
		die("%s", p.err);
}

/* In a child: sandbox it (the shim's way, or the floor's) and report the
 * time taken. */
static uint64_t timed_apply(const char **floor_paths, long n)
{
	int fds[2];
	uint64_t ns = 0;
	int status;
	pid_t pid;

	if (pipe(fds) < 0)
		die_with_error("pipe");
	pid = fork();
	if (pid < 0)
		die_with_error("fork");
	if (pid == 0) {
		uint64_t start = now_ns();

		if (!floor_paths)
			shim_apply();
		else if (raw_apply(floor_paths, (size_t)n) < 0)
			die_with_error("apply-time: the floor");
		ns = now_ns() - start;
		_exit(write(fds[1], &ns, sizeof(ns)) == sizeof(ns) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], &ns, sizeof(ns)) != sizeof(ns))
		ns = 0;
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || status != 0 || ns == 0)
		die("apply-time: a sandboxed run failed");
	return ns;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* A decimal number in 0..max, or -1. */
static long parse_count(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 0 && v <= max ? v : -1;
}

/* "MEAN MEDIAN " of @runs times (sorted in place), in milliseconds. */
static void print_stats(uint64_t *ns, long runs)
{
	uint64_t sum = 0, median;

	for (long i = 0; i < runs; i++)
		sum += ns[i];
	qsort(ns, (size_t)runs, sizeof(*ns), cmp_u64);
	median = ns[runs / 2];
	if (runs % 2 == 0)
		median = (ns[runs / 2 - 1] + median) / 2;
	printf("%.3f %.3f", (double)sum / (double)runs / 1e6,
	       (double)median / 1e6);
}

int main(int argc, char **argv)
{
	long runs, n;
	uint64_t *shim_ns, *floor_ns;
	const char **paths;

	if (argc != 4 || (runs = parse_count(argv[1], 1000000)) < 1 ||
	    (n = parse_count(argv[3], 1000000)) < 0) {
		fprintf(stderr, "usage: apply-time RUNS DIR N\n");
		return 2;
	}
	set_path_list(argv[2], n);
	paths = make_paths(argv[2], n);
	shim_ns = xcalloc((size_t)runs, sizeof(*shim_ns));
	floor_ns = xcalloc((size_t)runs, sizeof(*floor_ns));
	for (long i = 0; i < runs; i++) {
		shim_ns[i] = timed_apply(NULL, n);
		floor_ns[i] = timed_apply(paths, n);
	}
	print_stats(shim_ns, runs);
	putchar(' ');
	print_stats(floor_ns, runs);
	putchar('\n');
	free(shim_ns);
	free(floor_ns);
	return 0;
}
