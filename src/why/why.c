// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --why: run the command, then print on stderr what its process tree was
 * denied, each distinct denial once, grouped, with the option that would
 * allow it.  The exit status is the command's.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "why.h"

#define TEXT_MAX (4 * PATH_MAX + 64)

static const char *group_of(const struct denial *d)
{
	if (d->nested)
		return "by a sandbox inside the command";
	switch (d->class) {
	case DENIAL_FS:
		return "files";
	case DENIAL_BIND:
	case DENIAL_CONNECT:
		return "network";
	case DENIAL_SIGNAL:
	case DENIAL_ABSTRACT:
		return "outside the sandbox";
	case DENIAL_FILTER:
		return "refused by the system-call filter";
	default:
		return "never allowed";
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

static void format_programs(const struct denial *d, char *buf, size_t size)
{
	char name[64];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->nprograms && n < size; i++) {
		const char *b = base_name(d->programs[i]);

		denial_escape(b, strlen(b), name, sizeof(name));
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "",
				      name);
	}
	if (d->more_programs && n < size)
		snprintf(buf + n, size - n, ",...");
}

static void format_object(const struct denial *d, char *buf, size_t size)
{
	char text[TEXT_MAX - 64]; /* room for the words around it */

	denial_escape(d->object, d->object_len, text, sizeof(text));
	switch (d->class) {
	case DENIAL_FS:
		snprintf(buf, size, "%s%s", denial_in_dir(d) ? "in " : "",
			 text[0] ? text : "(no path)");
		return;
	case DENIAL_BIND:
	case DENIAL_CONNECT:
		snprintf(buf, size, "TCP port %u%s%s%s", d->port,
			 d->addr[0] ? " (" : "", d->addr,
			 d->addr[0] ? ")" : "");
		return;
	case DENIAL_FILTER:
		snprintf(buf, size, "%s", text);
		return;
	case DENIAL_SIGNAL:
	case DENIAL_OTHER:
		if (d->opid)
			snprintf(buf, size, "pid %ld (%s)", d->opid, text);
		else
			snprintf(buf, size, "-");
		return;
	case DENIAL_ABSTRACT:
		snprintf(buf, size, "@%s", text);
		return;
	}
}

void denial_text_init(struct denial_text *r, const struct denial *d)
{
	char text[TEXT_MAX];

	denial_rights(d, text, sizeof(text));
	r->rights = xstrdup(text);
	format_object(d, text, sizeof(text));
	r->object = xstrdup(text);
	format_programs(d, text, sizeof(text));
	r->programs = xstrdup(text);
	suggest(d, &r->s);
	rule_option(&r->s.rule, text, sizeof(text));
	r->option = xstrdup(text);
}

void denial_text_free(struct denial_text *r)
{
	free(r->rights);
	free(r->object);
	free(r->programs);
	free(r->option);
}

static int widest(int width, const char *cell)
{
	int len = (int)strlen(cell);

	return len > width ? len : width;
}

static void print_rows(const struct denial_collector *c,
		       const struct denial_text *rows)
{
	int wr = 0, wo = 0, wp = 0;
	const char *group = NULL;

	for (size_t i = 0; i < c->ndenials; i++) {
		wr = widest(wr, rows[i].rights);
		wo = widest(wo, rows[i].object);
		wp = widest(wp, rows[i].programs);
	}
	for (size_t i = 0; i < c->ndenials; i++) {
		const struct denial_text *r = &rows[i];

		if (!group || strcmp(group, group_of(&c->denials[i])) != 0) {
			group = group_of(&c->denials[i]);
			fprintf(stderr, "  %s:\n", group);
		}
		fprintf(stderr, "    %-*s  %-*s  %-*s  %s%s%s%s\n", wr,
			r->rights, wo, r->object, wp, r->programs, r->option,
			r->s.secret ? " (exposes " : "",
			r->s.secret ? r->s.secret : "", r->s.secret ? ")" : "");
	}
}

/* Is row @i's rule one to copy: allowed, runnable, no secret? */
static bool to_copy(const struct denial_text *r)
{
	return r->s.rule.kind != RULE_NONE && r->s.rule.kind != RULE_HINT &&
	       !r->s.secret && strncmp(r->option, "--", 2) == 0;
}

/* Is row @i's rule covered by another row's (an earlier one if equal)? */
static bool covered(const struct denial_text *rows, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++) {
		if (j == i || !to_copy(&rows[j]) ||
		    !rule_covers(&rows[j].s.rule, &rows[i].s.rule))
			continue;
		if (!rule_covers(&rows[i].s.rule, &rows[j].s.rule) || j < i)
			return true;
	}
	return false;
}

/* Every option at once, each need once, to copy; secrets left out. */
static void print_all_options(const struct denial_text *rows, size_t n)
{
	size_t secrets = 0, printed = 0;

	for (size_t i = 0; i < n; i++) {
		secrets += rows[i].s.secret != NULL;
		if (!to_copy(&rows[i]) || covered(rows, n, i))
			continue;
		fprintf(stderr, "%s%s",
			printed++ ? " " : "landshim: to allow them: ",
			rows[i].option);
	}
	if (printed)
		fprintf(stderr, "%s\n",
			secrets ? " (paths exposing secrets left out)" : "");
	for (size_t i = 0; i < n; i++)
		if (to_copy(&rows[i]) && !covered(rows, n, i) &&
		    rows[i].s.caveat)
			fprintf(stderr, "landshim: note: %s %s\n",
				rows[i].option, rows[i].s.caveat);
}

static void report(const struct watch *w, struct denial_collector *c)
{
	struct denial_text *rows;

	if (c->ndenials == 0) {
		fprintf(stderr, "landshim: --why: no access was denied (%s)\n",
			watch_source(w));
		return;
	}
	denial_collector_sort(c);
	rows = xcalloc(c->ndenials, sizeof(*rows));
	for (size_t i = 0; i < c->ndenials; i++)
		denial_text_init(&rows[i], &c->denials[i]);
	fprintf(stderr, "landshim: --why: %zu denied access%s (%s):\n",
		c->ndenials, c->ndenials == 1 ? "" : "es", watch_source(w));
	print_rows(c, rows);
	print_all_options(rows, c->ndenials);
	for (size_t i = 0; i < c->ndenials; i++)
		denial_text_free(&rows[i]);
	free(rows);
}

/* Tracing sees what it can: say why not the exact source. */
static void say_source(const struct watch *w)
{
	if (w->why_traced)
		fprintf(stderr, "landshim: --why: %s\n", w->why_traced);
}

int why_main(struct launch *l)
{
	struct watch w;
	struct denial_collector c;
	int status;

	watch_start(&w, l, "--why");
	status = watch_run(&w, l, &c);
	watch_end(&w);
	say_source(&w);
	report(&w, &c);
	denial_collector_free(&c);
	return launch_exit_status(status);
}
