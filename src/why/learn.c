// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --learn FILE: run the command, allow each denial by its narrowest rule,
 * run again, until a run needs nothing new or after --rounds N (5); then
 * write FILE, a config file for --config and LANDSHIM_CONFIG: the starting
 * policy and every learned rule, each with the round that added it.
 *
 * Never learned: scope denials (reported: --unrestricted-scope lifts the
 * whole class, a choice for a person), paths exposing secrets (unless
 * --allow-secrets), and paths the shim cannot be given.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "why.h"

#define DEFAULT_ROUNDS 5

/* A learned port; learned paths are in the policy, their origin says. */
struct learned_port {
	unsigned port;
	bool bind;
	char *origin;
};

struct learn {
	struct launch *l;
	unsigned round, rounds;
	size_t nlearned;

	/* The starting policy, as far as learning changes it. */
	char *start_bind, *start_connect;
	uint32_t start_flags;
	struct learned_port *ports;
	size_t nports;
	char **refused; /* denials reported as not allowed, said once */
	size_t nrefused;

	/* The file, written to a temporary name first. */
	char *tmp_path;
	FILE *out;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Progress for the user, whatever the log level. */
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("landshim: --learn: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* Before any run: a temporary file beside FILE, renamed at the end. */
static int open_output(struct learn *ln, const char *file)
{
	size_t n = strlen(file) + 8;
	int fd;

	ln->tmp_path = xmalloc(n);
	snprintf(ln->tmp_path, n, "%s.XXXXXX", file);
	fd = mkstemp(ln->tmp_path);
	if (fd < 0)
		return -1;
	if (fchmod(fd, 0644) < 0 || !(ln->out = fdopen(fd, "w"))) {
		close(fd);
		unlink(ln->tmp_path);
		return -1;
	}
	return 0;
}

/* Is @r allowed by the policy already (starting or learned)? */
static bool already_allowed(const struct policy *p, const struct rule *r)
{
	if (r->kind == RULE_BIND)
		return port_set_has(&p->bind, r->port);
	if (r->kind == RULE_CONNECT)
		return port_set_has(&p->connect, r->port);
	for (size_t i = 0; i < p->npaths; i++)
		if ((p->paths[i].set & r->set) == r->set &&
		    strcmp(p->paths[i].path, r->path) == 0)
			return true;
	return false;
}

/* Why a denial is not learned, or NULL to learn it. */
static const char *refusal(const struct learn *ln,
			   const struct denial_text *t, char *buf, size_t size)
{
	switch (t->rule.kind) {
	case RULE_NONE:
		return t->option;
	case RULE_UNRESTRICTED:
		return "a scope: lift it by hand with --unrestricted-scope "
		       "if it must be";
	case RULE_PATH:
		if (!t->exists)
			return "the path no longer exists";
		if (t->secret && !ln->l->allow_secrets) {
			snprintf(buf, size,
				 "%s exposes %s (--allow-secrets to learn it)",
				 t->option, t->secret);
			return buf;
		}
		return NULL;
	default:
		return NULL;
	}
}

static int add_rule(struct learn *ln, const struct denial_text *t)
{
	struct policy *p = &ln->l->policy;
	char origin[512];

	snprintf(origin, sizeof(origin), "--learn round %u: %s by %s",
		 ln->round, t->rights, t->programs);
	if (t->rule.kind == RULE_PATH)
		return policy_add_path(p, t->rule.set, t->rule.path, origin);
	ln->ports = xrealloc(ln->ports, (ln->nports + 1) * sizeof(*ln->ports));
	ln->ports[ln->nports].port = t->rule.port;
	ln->ports[ln->nports].bind = t->rule.kind == RULE_BIND;
	ln->ports[ln->nports++].origin = xstrdup(origin);
	return policy_add_port_range(p,
				     t->rule.kind == RULE_BIND ?
					     LL_NET_BIND_TCP :
					     LL_NET_CONNECT_TCP,
				     t->rule.port, t->rule.port);
}

/* Has this refusal been said in an earlier round?  Then not again. */
static bool said_before(struct learn *ln, const struct denial_text *t)
{
	size_t n = strlen(t->rights) + strlen(t->object) + 2;
	char *key = xmalloc(n);

	snprintf(key, n, "%s %s", t->rights, t->object);
	for (size_t i = 0; i < ln->nrefused; i++)
		if (strcmp(ln->refused[i], key) == 0) {
			free(key);
			return true;
		}
	ln->refused = xrealloc(ln->refused,
			       (ln->nrefused + 1) * sizeof(*ln->refused));
	ln->refused[ln->nrefused++] = key;
	return false;
}

/* Learn from one denial: 1 if a rule was added. */
static int learn_one(struct learn *ln, const struct denial *d)
{
	struct denial_text t;
	char buf[PATH_MAX + 256];
	const char *why_not;
	int added = 0;

	denial_text_init(&t, d);
	why_not = refusal(ln, &t, buf, sizeof(buf));
	if (why_not) {
		if (!said_before(ln, &t))
			say("round %u: not allowed: %s %s by %s: %s",
			    ln->round, t.rights, t.object, t.programs,
			    why_not);
	} else if (!already_allowed(&ln->l->policy, &t.rule)) {
		added = add_rule(ln, &t) == 0;
		if (added)
			say("round %u: added %s (%s %s by %s)", ln->round,
			    t.option, t.rights, t.object, t.programs);
		else
			say("round %u: not allowed: %s: %s", ln->round,
			    t.option, ln->l->policy.err);
	}
	denial_text_free(&t);
	return added;
}

static size_t learn_round(struct learn *ln, struct denial_collector *c)
{
	size_t added = 0;

	denial_collector_sort(c);
	for (size_t i = 0; i < c->ndenials; i++)
		added += (size_t)learn_one(ln, &c->denials[i]);
	if (c->ndenials == 0)
		say("round %u: nothing was denied", ln->round);
	else if (added == 0)
		say("round %u: nothing new to allow", ln->round);
	return added;
}

/* ---- The file ---- */

/* A libconfig string; '$' doubled, as the file's variables expand. */
static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '$')
			fputs("$$", f);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\x%02x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* A comment holds no newline: escaped like the report. */
static void put_comment(FILE *f, const char *text)
{
	char buf[1024];

	fprintf(f, "  # %s\n", denial_escape(text, strlen(text), buf,
					     sizeof(buf)));
}

/* One list setting: "key = [" items "];", each item with its comment. */
struct item {
	const char *value, *comment;
	bool optional;
};

static void put_list(FILE *f, const char *key, const struct item *items,
		     size_t n)
{
	if (n == 0)
		return;
	fprintf(f, "%s = [\n", key);
	for (size_t i = 0; i < n; i++) {
		char value[PATH_MAX + 2];

		snprintf(value, sizeof(value), "%s%s", items[i].value,
			 items[i].optional ? "?" : "");
		fputc('\t', f);
		put_string(f, value);
		if (i + 1 < n)
			fputc(',', f);
		put_comment(f, items[i].comment);
	}
	fputs("];\n", f);
}

static void put_paths(FILE *f, const struct policy *p)
{
	static const unsigned sets[] = { LL_SET_RO,   LL_SET_ROX,
					 LL_SET_RW,   LL_SET_RWX,
					 LL_SET_UNIX, LL_SET_DENY,
					 LL_SET_READ_ONLY };
	struct item *items = xcalloc(p->npaths, sizeof(*items));

	for (size_t s = 0; s < sizeof(sets) / sizeof(*sets); s++) {
		size_t n = 0;

		for (size_t i = 0; i < p->npaths; i++) {
			const struct policy_path *pp = &p->paths[i];

			if (pp->set == sets[s])
				items[n++] = (struct item){ pp->path,
							    pp->origin,
							    pp->optional };
		}
		put_list(f, rule_set_name(sets[s]), items, n);
	}
	free(items);
}

static void put_ports(FILE *f, const struct learn *ln, bool bind)
{
	const char *given = bind ? ln->start_bind : ln->start_connect;
	struct item *items = xcalloc(ln->nports + 1, sizeof(*items));
	char(*numbers)[8] = xcalloc(ln->nports + 1, sizeof(*numbers));
	size_t n = 0;

	if (given[0])
		items[n++] = (struct item){ given, "the starting policy",
					    false };
	for (size_t i = 0; i < ln->nports; i++) {
		if (ln->ports[i].bind != bind)
			continue;
		snprintf(numbers[n], sizeof(numbers[n]), "%u",
			 ln->ports[i].port);
		items[n] = (struct item){ numbers[n], ln->ports[i].origin,
					  false };
		n++;
	}
	put_list(f, bind ? "bind_tcp" : "connect_tcp", items, n);
	free(numbers);
	free(items);
}

static void put_names(FILE *f, const char *key, unsigned bits,
		      const char *const *names, size_t nnames)
{
	struct item items[8];
	size_t n = 0;

	for (size_t i = 0; i < nnames; i++)
		if (bits & (1U << i))
			items[n++] = (struct item){ names[i],
						    "the starting policy",
						    false };
	put_list(f, key, items, n);
}

static void put_header(FILE *f, const struct learn *ln)
{
	char buf[PATH_MAX];

	fprintf(f, "# landshim --learn: %zu rule%s learned in %u run%s of\n#  ",
		ln->nlearned, ln->nlearned == 1 ? "" : "s", ln->round,
		ln->round == 1 ? "" : "s");
	for (char **a = ln->l->command; *a; a++)
		fprintf(f, " %s", denial_escape(*a, strlen(*a), buf,
						  sizeof(buf)));
	fputs("\n# Each rule's comment says where it came from: an option, a "
	      "variable or a\n# file of the starting policy, or the round of "
	      "--learn that added it.\n# Use: landshim --config FILE -- "
	      "COMMAND, or LANDSHIM_CONFIG=FILE.\n\n",
	      f);
}

static void write_config(struct learn *ln, const char *file)
{
	static const char *const classes[] = { "filesystem", "network",
					       "scope" };
	static const char *const flags[] = { "disable-originating",
					     "enable-subprocesses",
					     "disable-subdomains" };
	const struct policy *p = &ln->l->policy;
	FILE *f = ln->out;

	put_header(f, ln);
	put_paths(f, p);
	put_ports(f, ln, true);
	put_ports(f, ln, false);
	put_names(f, "unrestricted", p->unrestricted, classes, 3);
	put_names(f, "log_flags", ln->start_flags, flags, 3);
	if (p->ignore_missing)
		fputs("ignore_missing = true;\n", f);
	if (p->strict)
		fputs("strict = true;\n", f);
	if (p->allow_unsandboxed)
		fputs("allow_unsandboxed = true;\n", f);
	if (fclose(f) != 0 || rename(ln->tmp_path, file) < 0) {
		unlink(ln->tmp_path);
		die_with_error("--learn: %s: cannot write", file);
	}
}

/* ---- The rounds ---- */

static void start(struct learn *ln, struct launch *l)
{
	memset(ln, 0, sizeof(*ln));
	ln->l = l;
	ln->rounds = l->learn_rounds ? l->learn_rounds : DEFAULT_ROUNDS;
	ln->start_bind = port_set_format(&l->policy.bind);
	ln->start_connect = port_set_format(&l->policy.connect);
	ln->start_flags = l->policy.restrict_flags;
}

static void finish(struct learn *ln)
{
	free(ln->start_bind);
	free(ln->start_connect);
	for (size_t i = 0; i < ln->nports; i++)
		free(ln->ports[i].origin);
	free(ln->ports);
	for (size_t i = 0; i < ln->nrefused; i++)
		free(ln->refused[i]);
	free(ln->refused);
	free(ln->tmp_path);
}

int learn_main(struct launch *l)
{
	struct learn ln;
	struct watch w;
	struct denial_collector c;
	int status = 0;
	size_t added = 1;

	start(&ln, l);
	watch_start(&w, l, "--learn");
	if (open_output(&ln, l->learn_file) < 0) {
		int err = errno;

		watch_end(&w);
		errno = err;
		die_with_error("--learn: %s: cannot write", l->learn_file);
	}
	say("runs the command up to %u time%s: after each run, what it was "
	    "denied is allowed by the narrowest rule, until a run needs "
	    "nothing new",
	    ln.rounds, ln.rounds == 1 ? "" : "s");
	while (added && !w.interrupted && ln.round < ln.rounds) {
		ln.round++;
		status = watch_run(&w, l, &c);
		added = learn_round(&ln, &c);
		ln.nlearned += added;
		denial_collector_free(&c);
	}
	watch_end(&w);
	if (w.interrupted)
		say("interrupted in round %u: what was learned so far is kept",
		    ln.round);
	else if (added)
		say("stopped after %u round%s (--rounds): the last run still "
		    "needed more",
		    ln.rounds, ln.rounds == 1 ? "" : "s");
	write_config(&ln, l->learn_file);
	say("wrote %s: %zu rule%s learned; use it with --config %s",
	    l->learn_file, ln.nlearned, ln.nlearned == 1 ? "" : "s",
	    l->learn_file);
	finish(&ln);
	return launch_exit_status(status);
}
