// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --learn FILE: run the command, allow what each run was denied by the
 * rule suggest.c gives it, run again, until a run needs nothing new or
 * after --rounds N (5); then write FILE (learn_file.c).
 *
 * A round never gains what nobody reviewed:
 *  - write, create, remove and device rights only inside the trees the
 *    starting policy grants for writing, $PWD and $TMPDIR (else: "to add
 *    by hand", and the next round runs without them);
 *  - no path that exposes a secret, resolved through every symbolic link
 *    (unless --allow-secrets);
 *  - no port, no terminal: "to review" (ports with --learn-network);
 *  - no scope, nothing of the filter: lifting a class is a person's call.
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

#include "learn.h"
#include "log.h"
#include "secrets.h"
#include "why.h"

#define DEFAULT_ROUNDS 5

struct learn the_learn;

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

/* ---- Where a round may write ---- */

static void add_write_tree(struct learn *ln, const char *path)
{
	char real[PATH_MAX];

	if (!path || !realpath(path, real) || strcmp(real, "/") == 0)
		return;
	ln->write_trees = xrealloc(
	    ln->write_trees, (ln->nwrite_trees + 1) * sizeof(*ln->write_trees));
	ln->write_trees[ln->nwrite_trees++] = xstrdup(real);
}

/*
 * $PWD or $TMPDIR may be a work space unless it holds secrets (a home) or
 * is the system's (the command started in /etc or /usr).
 */
static bool work_space(const char *path)
{
	static const char *const system[] = { "/usr",  "/etc",	 "/boot",
					       "/sys",  "/proc", "/dev",
					       "/bin",  "/sbin", "/lib",
					       "/lib64", "/lib32", "/var/lib",
					       "/run" };
	char real[PATH_MAX];

	if (!realpath(path, real) || secret_exposed_by(real, true, true))
		return false;
	for (size_t i = 0; i < sizeof(system) / sizeof(*system); i++)
		if (path_beneath(real, system[i]))
			return false;
	return true;
}

static void find_write_trees(struct learn *ln)
{
	const struct policy *p = &ln->l->policy;
	const char *tmp = getenv("TMPDIR");
	char cwd[PATH_MAX];

	for (size_t i = 0; i < p->npaths; i++)
		if (p->paths[i].set & LL_SET_WRITE)
			add_write_tree(ln, p->paths[i].path);
	if (getcwd(cwd, sizeof(cwd)) && work_space(cwd))
		add_write_tree(ln, cwd);
	tmp = tmp && tmp[0] == '/' ? tmp : "/tmp";
	if (work_space(tmp))
		add_write_tree(ln, tmp);
	if (!realpath(tmp, ln->tmpdir))
		ln->tmpdir[0] = '\0';
}

bool learn_may_write(const struct learn *ln, const char *path)
{
	static const char *const harmless[] = { "/dev/null", "/dev/zero",
					       "/dev/full" };

	for (size_t i = 0; i < sizeof(harmless) / sizeof(*harmless); i++)
		if (strcmp(path, harmless[i]) == 0)
			return true;
	for (size_t i = 0; i < ln->nwrite_trees; i++)
		if (path_beneath(path, ln->write_trees[i]))
			return true;
	return false;
}

/* ---- Before any run ---- */

void learn_prepare(struct launch *l)
{
	struct learn *ln = &the_learn;

	memset(ln, 0, sizeof(*ln));
	ln->l = l;
	ln->rounds = l->learn_rounds ? l->learn_rounds : DEFAULT_ROUNDS;
	ln->file.name = l->learn_file;
	learn_file_open(ln);
	ln->start_npaths = l->policy.npaths;
	ln->start_add_exec = l->policy.add_exec;
	ln->start_ldd = l->policy.ldd;
	ln->start_bind = port_set_format(&l->policy.bind);
	ln->start_connect = port_set_format(&l->policy.connect);
	ln->start_flags = l->policy.restrict_flags;
	find_write_trees(ln);
	learn_file_check_place(ln);
}

/* ---- One denial ---- */

/* What the sandbox of the round's run allowed, and allows now. */
struct round {
	struct view start, now;
	int abi;
};

/* Has this been said in an earlier round?  Then not again.  One line per
 * option: /proc/PID/... is another path each run, the same need. */
static bool said_before(struct learn *ln, const char *what,
			const struct denial_text *t)
{
	const char *object =
	    t->s.rule.kind == RULE_PATH ? t->option : t->object;
	size_t n = strlen(what) + strlen(t->rights) + strlen(object) + 3;
	char *key = xmalloc(n);

	snprintf(key, n, "%s %s %s", what, t->rights, object);
	for (size_t i = 0; i < ln->nsaid; i++)
		if (strcmp(ln->said[i], key) == 0) {
			free(key);
			return true;
		}
	ln->said = xrealloc(ln->said, (ln->nsaid + 1) * sizeof(*ln->said));
	ln->said[ln->nsaid++] = key;
	return false;
}

static void denial_words(const struct denial_text *t, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s by %s", t->rights, t->object, t->programs);
}

/* For the person: said now, listed again at the end and in FILE. */
static void to_review(struct learn *ln, const struct denial_text *t,
		      const char *what, const char *why)
{
	char words[PATH_MAX + 256];

	if (said_before(ln, what, t))
		return;
	denial_words(t, words, sizeof(words));
	say("round %u: %s: %s (%s): %s", ln->round, what, t->option, words,
	    why);
	ln->reviews =
	    xrealloc(ln->reviews, (ln->nreviews + 1) * sizeof(*ln->reviews));
	ln->reviews[ln->nreviews].option = xstrdup(t->option);
	ln->reviews[ln->nreviews].denial = xstrdup(words);
	ln->reviews[ln->nreviews++].why = why;
}

static void refuse(struct learn *ln, const struct denial_text *t,
		   const char *why)
{
	char words[PATH_MAX + 256];

	if (said_before(ln, "not allowed", t))
		return;
	denial_words(t, words, sizeof(words));
	say("round %u: not allowed: %s: %s", ln->round, words, why);
}

/* Is the suggestion's rule in the policy already (learned, or given)? */
static bool allowed_already(const struct view *v, const struct suggestion *s)
{
	uint64_t need = ll_fs_rights(s->rule.set, s->is_dir);

	return view_fs_denied(v, s->path, need) == 0;
}

/*
 * Denied again although allowed: the file was replaced during the run (a
 * rule holds the file it was given).  Its directory, then.
 */
static bool widen_replaced(const struct view *v, struct suggestion *s)
{
	char dir[PATH_MAX];

	if (s->is_dir)
		return false;
	path_nearest_dir(s->path, dir);
	snprintf(s->path, sizeof(s->path), "%s", dir);
	s->is_dir = true;
	s->widened = "the directory of a file replaced during the run";
	s->secret = secret_exposed_by(s->path, true, s->writes);
	return !allowed_already(v, s);
}

static const char *why_not_path(struct learn *ln, const struct view *v,
				struct denial_text *t, char *buf, size_t size)
{
	struct suggestion *s = &t->s;

	if (allowed_already(v, s) && !widen_replaced(v, s))
		return "still denied although allowed (by a sandbox inside "
		       "the command?)";
	if (s->secret && !ln->l->allow_secrets) {
		snprintf(buf, size,
			 "%s exposes %s (--allow-secrets to learn "
			 "it)",
			 t->option, s->secret);
		return buf;
	}
	if (strcmp(s->path, "/") == 0)
		return "the nearest existing directory is /";
	return NULL;
}

/* The rule @t suggests, or @path (read-only), of @group, taught by @t. */
static int add_path(struct learn *ln, const struct denial_text *t,
		    const char *path, const char *group)
{
	char origin[PATH_MAX + 512];

	const char *why = path ? group : t->s.widened;
	bool library = why && strstr(why, "library");

	snprintf(origin, sizeof(origin), "--learn round %u: %s %s by %s%s%s",
		 ln->round, t->rights, library ? "a library in it" : t->object,
		 t->programs, why ? "; " : "", why ? why : "");
	return policy_add_path(&ln->l->policy,
			       path ? (unsigned)LL_SET_RO : t->s.rule.set,
			       path ? path : t->s.path, origin);
}

/*
 * A need of a group (the resolver's files...): all of it at once.  The
 * members are read-only and hold no secret; the denied path itself is
 * added too unless a member covers it.  True if the group took it.
 */
static bool add_group(struct learn *ln, const struct round *r,
		      const struct denial_text *t, int *added)
{
	const char *const *members;
	const char *name = need_group(t->s.path, &members);
	bool covered = false;

	if (!name)
		return false;
	for (const char *const *m = members; *m; m++) {
		char real[PATH_MAX];
		struct stat st;
		bool dir;

		if (!realpath(*m, real) || stat(real, &st) < 0)
			continue;
		dir = S_ISDIR(st.st_mode);
		covered |= dir ? path_beneath(t->s.path, real)
			       : !strcmp(t->s.path, real);
		if (secret_exposed_by(real, dir, false) ||
		    !view_fs_denied(&r->now, real,
				    ll_fs_rights(LL_SET_RO, dir)) ||
		    add_path(ln, t, real, name) < 0)
			continue;
		say("round %u: added --ro %s (%s %s by %s; %s)", ln->round,
		    real, t->rights, t->object, t->programs, name);
		(*added)++;
	}
	return covered;
}

static int add_port(struct learn *ln, const struct denial_text *t)
{
	struct learned_port *lp;
	char origin[512];
	bool bind = t->s.rule.kind == RULE_BIND;

	snprintf(origin, sizeof(origin), "--learn round %u: %s %s by %s",
		 ln->round, t->rights, t->object, t->programs);
	ln->ports = xrealloc(ln->ports, (ln->nports + 1) * sizeof(*ln->ports));
	lp = &ln->ports[ln->nports++];
	lp->port = t->s.rule.port;
	lp->bind = bind;
	lp->origin = xstrdup(origin);
	return policy_add_port_range(
	    &ln->l->policy, bind ? LL_NET_BIND_TCP : LL_NET_CONNECT_TCP,
	    t->s.rule.port, t->s.rule.port);
}

static bool port_allowed(const struct policy *p, const struct rule *r)
{
	return port_set_has(r->kind == RULE_BIND ? &p->bind : &p->connect,
			    r->port);
}

/* The write tree that holds @path, the longest, or NULL. */
static const char *write_tree_of(const struct learn *ln, const char *path)
{
	const char *best = NULL;

	for (size_t i = 0; i < ln->nwrite_trees; i++)
		if (path_beneath(path, ln->write_trees[i]) &&
		    (!best || strlen(ln->write_trees[i]) > strlen(best)))
			best = ln->write_trees[i];
	return best;
}

/*
 * In the command's work space ($PWD, a tree granted for writing, and
 * $TMPDIR for what is written there), all of it: read, write and
 * execute.  A build reads, writes and runs there, one thing per round
 * otherwise.
 */
static void widen_to_work_space(const struct learn *ln, struct suggestion *s)
{
	const char *tree = write_tree_of(ln, s->path);

	/* $TMPDIR is everyone's: only what is made in it (temporary names,
	 * in it or in a directory gone since) stands for all of it. */
	if (!tree || secret_exposed_by(tree, true, true) ||
	    (!strcmp(tree, ln->tmpdir) &&
	     (!s->writes || strcmp(s->path, ln->tmpdir) != 0)))
		return;
	snprintf(s->path, sizeof(s->path), "%s", tree);
	s->rule.set = LL_SET_RWX;
	s->exists = s->is_dir = true;
	s->writes = true;
	s->secret = NULL;
	s->widened = "the command's work space";
}

/* A path's rules: how many were learned (0: said why not). */
static int learn_path(struct learn *ln, const struct round *r,
		      struct denial_text *t)
{
	char buf[PATH_MAX + 256];
	const char *why_not;
	int added = 0;

	widen_to_work_space(ln, &t->s);
	/* Allowed by a rule this round learned for another denial. */
	if (allowed_already(&r->now, &t->s) &&
	    !allowed_already(&r->start, &t->s))
		return 0;
	why_not = why_not_path(ln, &r->start, t, buf, sizeof(buf));
	if (why_not) {
		refuse(ln, t, why_not);
		return 0;
	}
	free(t->option);
	rule_option(&t->s.rule, buf, sizeof(buf));
	t->option = xstrdup(buf);
	if (t->s.terminal) {
		to_review(ln, t, "to review",
			  "a terminal: it would let the command read and "
			  "write your terminal");
		return 0;
	}
	if (t->s.writes && !learn_may_write(ln, t->s.path)) {
		to_review(ln, t, "to add by hand",
			  "write access outside $PWD, $TMPDIR and the trees "
			  "the policy grants for writing");
		return 0;
	}
	if (!t->s.writes && add_group(ln, r, t, &added))
		return added;
	if (add_path(ln, t, NULL, NULL) < 0) {
		refuse(ln, t, ln->l->policy.err);
		return added;
	}
	say("round %u: added %s (%s %s by %s)", ln->round, t->option, t->rights,
	    t->object, t->programs);
	return added + 1;
}

static int learn_port(struct learn *ln, const struct denial_text *t)
{
	if (port_allowed(&ln->l->policy, &t->s.rule)) {
		refuse(ln, t, "still denied although allowed");
		return 0;
	}
	if (!ln->l->learn_network) {
		to_review(ln, t, "to review",
			  "network access (--learn-network learns ports)");
		return 0;
	}
	if (add_port(ln, t) < 0) {
		refuse(ln, t, ln->l->policy.err);
		return 0;
	}
	say("round %u: added %s (%s %s by %s)", ln->round, t->option, t->rights,
	    t->object, t->programs);
	return 1;
}

/* Learn from one denial: how many rules were added. */
static int learn_one(struct learn *ln, struct round *r, const struct denial *d)
{
	struct denial_text t;
	int added = 0;

	denial_text_init(&t, d);
	switch (t.s.rule.kind) {
	case RULE_NONE:
		refuse(ln, &t, t.option);
		break;
	case RULE_HINT:
	case RULE_FLAG:
		to_review(ln, &t, "to review",
			  "lifting a whole class is yours to decide");
		break;
	case RULE_BIND:
	case RULE_CONNECT:
		added = learn_port(ln, &t);
		break;
	case RULE_PATH:
		added = learn_path(ln, r, &t);
		break;
	}
	denial_text_free(&t);
	if (added) { /* what the policy allows now */
		view_free(&r->now);
		view_build(&r->now, &ln->l->policy, r->abi);
	}
	return added;
}

static size_t learn_round(struct learn *ln, struct denial_collector *c, int abi)
{
	struct round r = { .abi = abi };
	size_t added = 0;

	denial_collector_sort(c);
	view_build(&r.start, &ln->l->policy, abi);
	view_build(&r.now, &ln->l->policy, abi);
	for (size_t i = 0; i < c->ndenials; i++)
		added += (size_t)learn_one(ln, &r, &c->denials[i]);
	view_free(&r.start);
	view_free(&r.now);
	if (c->ndenials == 0)
		say("round %u: nothing was denied", ln->round);
	else if (added == 0)
		say("round %u: nothing new could be learned", ln->round);
	return added;
}

/* ---- The end ---- */

static void say_summary(const struct learn *ln, const struct watch *w,
			size_t added)
{
	int code = launch_exit_status(ln->status);

	if (code != 0)
		say("the command still fails: its last run exited with status "
		    "%d%s",
		    code,
		    ln->nreviews ? " (what it was refused is above: \"to "
				   "review\", \"to add by hand\")"
				 : "");
	if (w->interrupted)
		say("interrupted in round %u: what was learned so far is kept",
		    ln->round);
	else if (added)
		say("stopped after %u round%s (--rounds): the last run still "
		    "needed more",
		    ln->rounds, ln->rounds == 1 ? "" : "s");
	say("wrote %s: %zu rule%s learned%s; use it with --config %s",
	    ln->file.name, ln->nlearned, ln->nlearned == 1 ? "" : "s",
	    ln->file.existed ? " (its own rules kept)" : "", ln->file.name);
	say("the last run's exit status: %d", code);
}

static void finish(struct learn *ln)
{
	free(ln->start_bind);
	free(ln->start_connect);
	for (size_t i = 0; i < ln->nports; i++)
		free(ln->ports[i].origin);
	free(ln->ports);
	for (size_t i = 0; i < ln->nreviews; i++) {
		free(ln->reviews[i].option);
		free(ln->reviews[i].denial);
	}
	free(ln->reviews);
	for (size_t i = 0; i < ln->nsaid; i++)
		free(ln->said[i]);
	free(ln->said);
	for (size_t i = 0; i < ln->nwrite_trees; i++)
		free(ln->write_trees[i]);
	free(ln->write_trees);
	free(ln->file.text);
}

int learn_main(struct launch *l)
{
	struct learn *ln = &the_learn;
	struct watch w;
	struct denial_collector c;
	size_t added = 0;

	watch_start(&w, l, "--learn");
	if (w.why_traced)
		say("%s", w.why_traced);
	say("runs the command up to %u time%s, %s: after each run, what it "
	    "was denied is allowed by the narrowest rule, until a run needs "
	    "nothing new",
	    ln->rounds, ln->rounds == 1 ? "" : "s", watch_source(&w));
	while (ln->round < ln->rounds) {
		ln->round++;
		ln->status = watch_run(&w, l, &c);
		added = learn_round(ln, &c, w.abi);
		ln->nlearned += added;
		denial_collector_free(&c);
		if (w.interrupted || added == 0)
			break;
	}
	watch_end(&w);
	learn_file_write(ln);
	say_summary(ln, &w, added);
	finish(ln);
	return launch_exit_status(ln->status);
}
