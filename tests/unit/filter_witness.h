/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the tests of the filter and of --why: a call that one rule of the
 * filter's table decides, found from the built program and
 * filter_explain() alone, so that a rule added to the table is tested
 * without a test knowing it.
 *
 * The values tried for an argument are the constants the program compares
 * it with (JEQ, JSET after loading it), 0 and all bits set; every
 * combination of them, until filter_explain() names the rule.
 */
#ifndef LANDSHIM_FILTER_WITNESS_H
#define LANDSHIM_FILTER_WITNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <linux/seccomp.h>

#include "filter.h"
#include "filter_syscalls.h"

#define WITNESS_VALUES 24

struct witness_values {
	uint64_t v[6][WITNESS_VALUES];
	unsigned n[6];
};

static inline void witness_add(struct witness_values *w, int arg, uint64_t v)
{
	if (arg < 0 || w->n[arg] == WITNESS_VALUES)
		return;
	for (unsigned i = 0; i < w->n[arg]; i++)
		if (w->v[arg][i] == v)
			return;
	w->v[arg][w->n[arg]++] = v;
}

/* The constants each argument is compared with in @p. */
static inline void witness_scan(const struct filter_prog *p,
				struct witness_values *w)
{
	const uint32_t args = offsetof(struct seccomp_data, args);
	int acc = -1; /* the argument in the accumulator, or -1 */

	memset(w, 0, sizeof(*w));
	for (int a = 0; a < 6; a++) {
		witness_add(w, a, 0);
		witness_add(w, a, ~0ULL);
	}
	for (unsigned pc = 0; pc < p->len; pc++) {
		const struct sock_filter *in = &p->insn[pc];

		if (in->code == (BPF_LD | BPF_W | BPF_ABS))
			acc = in->k >= args ? (int)((in->k - args) / 8) : -1;
		else if (BPF_CLASS(in->code) == BPF_JMP &&
			 BPF_OP(in->code) != BPF_JA)
			witness_add(w, acc, in->k);
	}
}

static inline bool same_lift(const struct filter_lift *a,
			     const struct filter_lift *b)
{
	return a->kind == b->kind &&
	       (a->what == b->what ||
		(a->what && b->what && !strcmp(a->what, b->what))) &&
	       (a->option == b->option ||
		(a->option && b->option && !strcmp(a->option, b->option)));
}

/* Arguments with which system call @nr of @arch is refused by rule @r of
 * the filter of @classes (and no other); false if there are none. */
static inline bool filter_witness(unsigned classes, uint32_t arch, int nr,
				  const struct filter_rule_info *r,
				  uint64_t args[6])
{
	static struct filter_prog prog;
	struct witness_values w;
	unsigned at[6] = { 0 };

	if (filter_build(classes, &prog) < 0)
		return false;
	witness_scan(&prog, &w);
	for (;;) {
		struct filter_lift l;
		int a = 0;

		for (int i = 0; i < 6; i++)
			args[i] = w.v[i][at[i]];
		if (filter_explain(classes, arch, nr, r->err, args, &l, 1) ==
			    1 &&
		    same_lift(&l, &r->lift))
			return true;
		while (a < 6 && ++at[a] == w.n[a])
			at[a++] = 0;
		if (a == 6)
			return false;
	}
}

/* System call @sys's number on @arch, or -1. */
static inline int witness_nr(uint32_t arch, int sys)
{
#if defined(FILTER_ARCH_COMPAT)
	if (arch == FILTER_ARCH_COMPAT)
		return filter_nr_i386[sys];
#endif
	(void)arch;
	return filter_nr_native[sys];
}

#endif
