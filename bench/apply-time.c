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
#include <unistd.h>

#include "child-time.h"
#include "log.h"
#include "policy.h"
#include "raw-apply.h"

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

struct floor {
	const char **paths;
	long n;
};

/* The shim's way: the variable parsed, then policy_apply(). */
static void shim_apply(void *arg)
{
	struct policy p;

	(void)arg;
	policy_init(&p);
	if (policy_from_env(&p, environ, NULL) < 0 || policy_apply(&p) != 0)
		die("%s", p.err);
}

/* The floor's: the system calls alone. */
static void floor_apply(void *arg)
{
	const struct floor *f = arg;

	if (raw_apply(f->paths, (size_t)f->n) < 0)
		die_with_error("apply-time: the floor");
}

/* A decimal number in 0..max, or -1. */
static long parse_count(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v >= 0 && v <= max ? v : -1;
}

/* "MEAN MEDIAN" of @runs times (sorted in place), in milliseconds. */
static void print_stats(uint64_t *ns, long runs)
{
	double mean, median;

	time_stats(ns, runs, &mean, &median);
	printf("%.3f %.3f", mean, median);
}

int main(int argc, char **argv)
{
	long runs, n;
	uint64_t *shim_ns, *floor_ns;
	struct floor floor;

	if (argc != 4 || (runs = parse_count(argv[1], 1000000)) < 1 ||
	    (n = parse_count(argv[3], 1000000)) < 0) {
		fprintf(stderr, "usage: apply-time RUNS DIR N\n");
		return 2;
	}
	set_path_list(argv[2], n);
	floor = (struct floor){ make_paths(argv[2], n), n };
	shim_ns = xcalloc((size_t)runs, sizeof(*shim_ns));
	floor_ns = xcalloc((size_t)runs, sizeof(*floor_ns));
	for (long i = 0; i < runs; i++) {
		shim_ns[i] = time_in_child(NULL, shim_apply, NULL,
					   "apply-time");
		floor_ns[i] = time_in_child(NULL, floor_apply, &floor,
					    "apply-time");
	}
	print_stats(shim_ns, runs);
	putchar(' ');
	print_stats(floor_ns, runs);
	putchar('\n');
	free(shim_ns);
	free(floor_ns);
	return 0;
}
