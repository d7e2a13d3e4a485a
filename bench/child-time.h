/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Timing a sandboxing step in a fresh child, for apply-time and
 * carve-time: a domain cannot be undone, so each run forks, the child
 * prepares (untimed), times the step with CLOCK_MONOTONIC and reports
 * the nanoseconds through a pipe.  Header only: each harness is one file.
 */
#ifndef LANDSHIM_BENCH_CHILD_TIME_H
#define LANDSHIM_BENCH_CHILD_TIME_H

#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* @prepare (may be NULL) then @step, timed, in a child; a failed child
 * ends the benchmark (@what names it). */
static uint64_t time_in_child(void (*prepare)(void *), void (*step)(void *),
			      void *arg, const char *what)
{
	int fds[2], status;
	uint64_t ns = 0;
	pid_t pid;

	if (pipe(fds) < 0)
		die_with_error("pipe");
	pid = fork();
	if (pid < 0)
		die_with_error("fork");
	if (pid == 0) {
		uint64_t start;

		if (prepare)
			prepare(arg);
		start = now_ns();
		step(arg);
		ns = now_ns() - start;
		_exit(write(fds[1], &ns, sizeof(ns)) == sizeof(ns) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], &ns, sizeof(ns)) != sizeof(ns))
		ns = 0;
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || status != 0 || ns == 0)
		die("%s: a sandboxed run failed", what);
	return ns;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The mean and median of @runs times (sorted in place), in milliseconds. */
static void time_stats(uint64_t *ns, long runs, double *mean, double *median)
{
	uint64_t sum = 0, mid;

	for (long i = 0; i < runs; i++)
		sum += ns[i];
	qsort(ns, (size_t)runs, sizeof(*ns), cmp_u64);
	mid = ns[runs / 2];
	if (runs % 2 == 0)
		mid = (ns[runs / 2 - 1] + mid) / 2;
	*mean = (double)sum / (double)runs / 1e6;
	*median = (double)mid / 1e6;
}

#endif
