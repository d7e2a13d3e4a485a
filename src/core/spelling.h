/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "Did you mean ...?" (DESIGN.md decision 30): the known names nearest to
 * a misspelt one, for options, variables, config keys and profiles.
 * Nearness counts the characters to insert or delete, a swap of two
 * neighbours as one and a substitution as two, so "--rwo" finds --rw and
 * --ro, and "bulid" finds build.  No
 * allocation, no libc beyond strings: the shim uses it too.
 */
#ifndef LANDSHIM_SPELLING_H
#define LANDSHIM_SPELLING_H

#include <stddef.h>

#define SUGGEST_MAX 3

struct suggest {
	const char *word;
	size_t best;
	const char *names[SUGGEST_MAX];
	size_t n;
};

void suggest_init(struct suggest *s, const char *word);
/* A known name; kept if it is among the nearest (and near enough). */
void suggest_consider(struct suggest *s, const char *name);
/*
 * "did you mean --rw or --ro?" (each name after @prefix) into @buf, or ""
 * when no name is near.  Returns @buf.
 */
const char *suggest_format(const struct suggest *s, const char *prefix,
			   char *buf, size_t size);

#endif
