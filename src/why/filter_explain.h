/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The calls the sandbox's seccomp filter (src/filter, DESIGN.md decisions
 * 15 to 19) refuses, named for --why and --learn: what was refused and the
 * option that lifts it, from what a source saw of the call.
 *
 * Every decision is the filter's own: filter_explain() reads the one table
 * of rules that the filter is built from, for the classes of the run's
 * policy (policy_plan()).  This file only words its answer.
 *
 * The ptrace source sees the call's arguments and errno; an AUDIT_SECCOMP
 * record only the system call (its code= holds the action, not the errno),
 * so a refused socket() is then one of several rules, each lifted by its
 * own option.
 */
#ifndef LANDSHIM_FILTER_EXPLAIN_H
#define LANDSHIM_FILTER_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filter.h"

/* What a source saw of one refused call. */
struct filter_call {
	uint32_t arch; /* AUDIT_ARCH_*; 0: the native one */
	long nr;       /* the system call, of @arch */
	int err;       /* the errno; 0 when unseen (audit records) */
	bool has_args; /* @args were seen (ptrace) */
	uint64_t args[6];
};

/* More candidates than any system call of the table has rules. */
#define FILTER_REFUSAL_MAX 8

/* The rules that may have refused a call, and what lifts it. */
struct filter_refusal {
	size_t n; /* 0: none of the filter's (as far as it can tell) */
	struct filter_lift rule[FILTER_REFUSAL_MAX];
	bool flag;	/* @text is the option (one, or two together) */
	bool choice;	/* @text names options to choose from */
	char text[192]; /* else: why nothing lifts it */
};

/*
 * Which rules of the filter of @classes (enum filter_class bits, the
 * plan's) refused @c, into @f.
 */
void filter_refusal_of(const struct filter_call *c, unsigned classes,
		       struct filter_refusal *f);

/* Are @a and @b the same refusal (one row of the report)? */
bool filter_refusal_same(const struct filter_refusal *a,
			 const struct filter_refusal *b);

/* Words for the report: the right ("create socket") and the object. */
const char *filter_refusal_right(const struct filter_refusal *f);
const char *filter_refusal_object(const struct filter_refusal *f);

/*
 * The option that lifts it ("--unrestricted-network"), or NULL: then
 * *@text says what to do (choose UDP ports, or one option per candidate)
 * or why nothing can.  The strings live as long as @f.
 */
const char *filter_refusal_option(const struct filter_refusal *f,
				  const char **text);
/* Does *text then name options with values to choose (UDP ports)? */
bool filter_refusal_is_choice(const struct filter_refusal *f);

#endif
