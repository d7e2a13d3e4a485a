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

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "child-time.h"
#include "log.h"
#include "policy.h"

struct run {
	const char *home;
	bool carve;
	struct policy p;
};

/* Untimed: "rw HOME", and "deny HOME/.ssh" when carving. */
static void build_policy(void *arg)
{
	struct run *r = arg;
	char ssh[4096];

	snprintf(ssh, sizeof(ssh), "%s/.ssh", r->home);
	policy_init(&r->p);
	if (policy_add_path(&r->p, LL_SET_RW, r->home, "bench") < 0 ||
	    (r->carve &&
	     policy_add_path(&r->p, LL_SET_DENY, ssh, "bench") < 0))
		die("%s", r->p.err);
}

static void apply(void *arg)
{
	struct run *r = arg;

	if (policy_apply(&r->p) != 0)
		die("%s", r->p.err);
}

static uint64_t timed_apply(const char *home, bool carve)
{
	struct run r = { .home = home, .carve = carve };

	return time_in_child(build_policy, apply, &r, "carve-time");
}

int main(int argc, char **argv)
{
	long runs = argc == 3 ? atol(argv[1]) : 0;
	uint64_t *carved, *plain;
	double carved_mean, carved_median, plain_mean, plain_median;

	if (runs < 1 || runs > 1000000) {
		fprintf(stderr, "usage: carve-time RUNS HOME\n");
		return 2;
	}
	carved = xcalloc((size_t)runs, sizeof(*carved));
	plain = xcalloc((size_t)runs, sizeof(*plain));
	for (long i = 0; i < runs; i++) {
		plain[i] = timed_apply(argv[2], false);
		carved[i] = timed_apply(argv[2], true);
	}
	time_stats(carved, runs, &carved_mean, &carved_median);
	time_stats(plain, runs, &plain_mean, &plain_median);
	printf("%.3f %.3f %.3f\n", carved_mean, carved_median, plain_median);
	free(carved);
	free(plain);
	return 0;
}
