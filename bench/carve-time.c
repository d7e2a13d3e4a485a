// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * carve-time RUNS HOME: what carving HOME/.ssh out of a rule on HOME adds
 * to applying the policy (DESIGN.md decision 26).
 *
 * Each run is a fresh child that times policy_apply() (CLOCK_MONOTONIC)
 * for "rw HOME", or for "rw HOME, deny HOME/.ssh" (resolving the carving,
 * listing HOME, one rule per entry beside .ssh, checking nothing moved),
 * the two interleaved.  Prints "CARVED_MEAN CARVED_MEDIAN PLAIN_MEDIAN" in
 * milliseconds.
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

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* In a child: sandbox it and report the time policy_apply() took. */
static uint64_t timed_apply(const char *home, bool carve)
{
	char ssh[4096];
	int fds[2];
	uint64_t ns = 0;
	int status;
	pid_t pid;

	snprintf(ssh, sizeof(ssh), "%s/.ssh", home);
	if (pipe(fds) < 0)
		die_with_error("pipe");
	pid = fork();
	if (pid < 0)
		die_with_error("fork");
	if (pid == 0) {
		struct policy p;
		uint64_t start;

		policy_init(&p);
		if (policy_add_path(&p, LL_SET_RW, home, "bench") < 0 ||
		    (carve && policy_add_path(&p, LL_SET_DENY, ssh, "bench") <
				      0))
			die("%s", p.err);
		start = now_ns();
		if (policy_apply(&p) != 0)
			die("%s", p.err);
		ns = now_ns() - start;
		_exit(write(fds[1], &ns, sizeof(ns)) == sizeof(ns) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], &ns, sizeof(ns)) != sizeof(ns))
		ns = 0;
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || status != 0 || ns == 0)
		die("carve-time: a sandboxed run failed");
	return ns;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static uint64_t median(uint64_t *ns, long runs)
{
	qsort(ns, (size_t)runs, sizeof(*ns), cmp_u64);
	if (runs % 2 == 0)
		return (ns[runs / 2 - 1] + ns[runs / 2]) / 2;
	return ns[runs / 2];
}

int main(int argc, char **argv)
{
	long runs = argc == 3 ? atol(argv[1]) : 0;
	uint64_t *carved, *plain, sum = 0;

	if (runs < 1 || runs > 1000000) {
		fprintf(stderr, "usage: carve-time RUNS HOME\n");
		return 2;
	}
	carved = xcalloc((size_t)runs, sizeof(*carved));
	plain = xcalloc((size_t)runs, sizeof(*plain));
	for (long i = 0; i < runs; i++) {
		plain[i] = timed_apply(argv[2], false);
		carved[i] = timed_apply(argv[2], true);
		sum += carved[i];
	}
	printf("%.3f %.3f %.3f\n", (double)sum / (double)runs / 1e6,
	       (double)median(carved, runs) / 1e6,
	       (double)median(plain, runs) / 1e6);
	free(carved);
	free(plain);
	return 0;
}
