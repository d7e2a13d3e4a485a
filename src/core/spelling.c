// SPDX-License-Identifier: GPL-2.0-or-later
/* The nearest known names to a misspelt one (spelling.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "spelling.h"

#define NAME_MAX_LEN 64

static size_t min2(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * Insertions and deletions from @a to @b, a swap of two neighbours
 * counting one and a substitution two (an optimal string alignment).
 */
static size_t distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	size_t row[3][NAME_MAX_LEN + 1];

	if (na > NAME_MAX_LEN || nb > NAME_MAX_LEN)
		return (size_t)-1;
	for (size_t j = 0; j <= nb; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t *cur = row[i % 3], *prev = row[(i - 1) % 3];
		size_t *prev2 = row[(i + 1) % 3];

		cur[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t d = min2(prev[j], cur[j - 1]) + 1;

			d = min2(d, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 2));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1])
				d = min2(d, prev2[j - 2] + 1);
			cur[j] = d;
		}
	}
	return row[na % 3][nb];
}

void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = (size_t)-1;
	s->n = 0;
}

void suggest_consider(struct suggest *s, const char *name)
{
	size_t d = distance(s->word, name);
	size_t longer = strlen(name) > strlen(s->word) ? strlen(name) :
							 strlen(s->word);

	/* Near enough: a third of the longer name, rounded up. */
	if (d == 0 || d > (longer + 2) / 3 || d > s->best)
		return;
	if (d < s->best) {
		s->best = d;
		s->n = 0;
	}
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->names[i], name) == 0)
			return;
	if (s->n < SUGGEST_MAX)
		s->names[s->n++] = name;
}

const char *suggest_format(const struct suggest *s, const char *prefix,
			   char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (!s->n)
		return buf;
	len += (size_t)snprintf(buf, size, "did you mean ");
	for (size_t i = 0; i < s->n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s",
					i == 0		  ? "" :
					i + 1 == s->n ? " or " :
							", ",
					prefix, s->names[i]);
	if (len < size)
		snprintf(buf + len, size - len, "?");
	return buf;
}
