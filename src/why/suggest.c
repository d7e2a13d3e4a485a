// SPDX-License-Identifier: GPL-2.0-or-later
/* A denial -> the rule that allows it, widened only where it must be. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "landlock.h"
#include "secrets.h"
#include "suggest.h"
#include "view.h"

/* Package trees: a file deeper than one level below one of these stands
 * for its package's directory. */
static const char *const package_bases[] = { "/etc", "/opt", "/var/lib",
					    "/var/cache" };

/* What the system says about itself, read as a whole. */
static const char *const info_trees[] = {
    "/sys/fs/cgroup", "/sys/devices/system", "/sys/kernel/mm" };

/* Needs that come together: a program that reads one reads the others
 * next (and fails at each in turn, one --learn round each). */
static const char *const resolver[] = { "/etc/hosts",	 "/etc/resolv.conf",
				       "/etc/host.conf", "/etc/nsswitch.conf",
				       "/etc/gai.conf",	 NULL };
static const char *const tls[] = { "/etc/ssl/openssl.cnf", "/etc/ssl/certs",
				  NULL };
static const char *const users[] = { "/etc/passwd", "/etc/group",
				    "/etc/nsswitch.conf", NULL };
static const char *const sysinfo[] = {
    "/proc", "/sys/fs/cgroup", "/sys/devices/system", "/sys/kernel/mm", NULL };

static const struct {
	const char *name;
	const char *const *members;
} groups[] = {
    {"the resolver's configuration", resolver },
    {"TLS's configuration and certificates", tls },
    {"users and groups", users },
    {"what the system says about itself", sysinfo },
};

const char *need_group(const char *path, const char *const **members)
{
	char real[PATH_MAX];

	for (size_t g = 0; g < sizeof(groups) / sizeof(*groups); g++)
		for (const char *const *m = groups[g].members; *m; m++)
			if (path_beneath(path, *m) ||
			    (realpath(*m, real) && !strcmp(real, path))) {
				*members = groups[g].members;
				return groups[g].name;
			}
	return NULL;
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

bool is_library_name(const char *name)
{
	const char *so = strstr(name, ".so");

	while (so && so[3] != '\0' && so[3] != '.')
		so = strstr(so + 1, ".so");
	if (!so || so == name)
		return false;
	/* ".so" at the end, or followed by versions: ".so.0.11.2" */
	for (const char *s = so + 3; *s;) {
		size_t n;

		if (*s++ != '.')
			return false;
		n = strcspn(s, ".");
		if (!is_digits(s, n))
			return false;
		s += n;
	}
	return true;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* "/proc/123/maps", "/proc/PID/maps" (a denial's, folded), "/proc/self":
 * a process's own entries. */
static bool is_process_entry(const char *path)
{
	const char *s = path + 6;
	size_t n;

	if (strncmp(path, "/proc/", 6) != 0)
		return false;
	n = strcspn(s, "/");
	return is_digits(s, n) || (n == 3 && !strncmp(s, "PID", 3)) ||
	       (n == 4 && !strncmp(s, "self", 4)) ||
	       (n == 11 && !strncmp(s, "thread-self", 11));
}

static bool is_terminal(const char *path)
{
	return strncmp(path, "/dev/tty", 8) == 0 ||
	       strncmp(path, "/dev/pts/", 9) == 0 ||
	       strcmp(path, "/dev/ptmx") == 0 ||
	       strcmp(path, "/dev/console") == 0;
}

/* The directory holding @path, into @out. */
static void dir_of(const char *path, char *out)
{
	const char *slash = strrchr(path, '/');

	if (!slash || slash == path)
		snprintf(out, PATH_MAX, "/");
	else
		snprintf(out, PATH_MAX, "%.*s", (int)(slash - path), path);
}

/* @top/<next component of @path> into @out, if @path goes deeper. */
static bool next_level(const char *path, const char *top, char *out)
{
	size_t len = strcmp(top, "/") ? strlen(top) : 0;
	const char *rest = path + len + 1;
	size_t n = strcspn(rest, "/");

	if (!path_beneath(path, top) || path[len] != '/' || rest[n] != '/')
		return false;
	snprintf(out, PATH_MAX, "%.*s", (int)(len + 1 + n), path);
	return true;
}

static bool usable_dir(const char *dir)
{
	struct stat st;

	return strcmp(dir, "/") != 0 && stat(dir, &st) == 0 &&
	       S_ISDIR(st.st_mode) && !secret_exposed_by(dir, true, true);
}

/* The package directory for @path below @base, widest without secrets. */
static bool package_dir(const char *path, const char *base, char *out)
{
	char level[PATH_MAX];

	/* Each directory between @base and the file, widest first. */
	snprintf(level, sizeof(level), "%s", base);
	while (next_level(path, level, out)) {
		if (usable_dir(out))
			return true;
		snprintf(level, sizeof(level), "%s", out);
	}
	return false;
}

static bool info_tree(const char *path, char *out)
{
	for (size_t i = 0; i < sizeof(info_trees) / sizeof(*info_trees); i++)
		if (path_beneath(path, info_trees[i])) {
			snprintf(out, PATH_MAX, "%s", info_trees[i]);
			return true;
		}
	return false;
}

static bool widen_under_home(const char *path, char *out)
{
	const char *home = getenv("HOME");
	char real[PATH_MAX];

	return home && home[0] == '/' && realpath(home, real) &&
	       strcmp(real, "/") != 0 && package_dir(path, real, out);
}

/*
 * The wider directory @s->path stands for, if any; @exec: the set gains
 * execute (libraries).
 */
static const char *widen(struct suggestion *s, bool *exec)
{
	char out[PATH_MAX];
	const char *why = NULL;

	*exec = false;
	if (is_process_entry(s->path)) {
		snprintf(out, sizeof(out), "/proc");
		s->caveat = "also lets it read other processes' command lines "
			    "and their entries that need no ptrace access";
		why = "a process's own entries";
	} else if (path_beneath(s->path, "/usr")) {
		/* What the shipped profiles grant: read and run it all. */
		snprintf(out, sizeof(out), "/usr");
		*exec = true;
		why = "system software";
	} else if (info_tree(s->path, out)) {
		why = "what the system says about itself";
	} else if (!s->is_dir && is_library_name(base_name(s->path))) {
		dir_of(s->path, out);
		*exec = true;
		why = "a library's directory";
	} else {
		for (size_t i = 0;
		     !why && i < sizeof(package_bases) / sizeof(*package_bases);
		     i++)
			if (package_dir(s->path, package_bases[i], out))
				why = "its package's directory";
		if (!why && widen_under_home(s->path, out))
			why = "its directory in the home";
	}
	if (!why || !usable_dir(out))
		return NULL;
	snprintf(s->path, sizeof(s->path), "%s", out);
	s->exists = s->is_dir = true;
	return why;
}

/* A path gone since: its nearest existing directory. */
static void nearest(struct suggestion *s)
{
	char dir[PATH_MAX];

	s->gone = true;
	path_nearest_dir(s->path, dir);
	snprintf(s->path, sizeof(s->path), "%s", dir);
	s->exists = s->is_dir = true;
	s->widened = "the nearest existing directory";
}

static void suggest_path(const struct denial *d, struct suggestion *s)
{
	struct path_info info;
	bool exec;

	path_info_resolve(d->object, true, &info);
	snprintf(s->path, sizeof(s->path), "%s", info.path);
	s->exists = info.exists;
	s->is_dir = info.is_dir;
	s->terminal = is_terminal(s->path);
	/* Only what reads and runs is widened: writes stay where they were
	 * denied (and --learn grants them only in the trees it may). */
	exec = false;
	if (!(s->rule.set & LL_SET_WRITE))
		s->widened = widen(s, &exec);
	if (exec)
		s->rule.set |= LL_SET_READ | LL_SET_EXEC;
	if (!s->exists)
		nearest(s);
	/* /proc is for reading; nothing there is a program to run. */
	if (is_process_entry(d->object) || strcmp(s->path, "/proc") == 0)
		s->rule.set &= ~(unsigned)LL_SET_EXEC;
	if (path_beneath(s->path, "/proc") && (s->rule.set & LL_SET_WRITE))
		s->caveat = "also lets it write what it may of every process's "
			    "entries, and of /proc/sys as root";
	s->rule.path = s->path;
	s->writes = (s->rule.set & LL_SET_WRITE) != 0;
	s->secret = secret_exposed_by(s->path, s->is_dir, s->writes);
}

void suggest(const struct denial *d, struct suggestion *s)
{
	memset(s, 0, sizeof(*s));
	denial_rule(d, &s->rule);
	if (s->rule.kind == RULE_PATH)
		suggest_path(d, s);
}

bool rule_covers(const struct rule *rule, const struct rule *other)
{
	struct stat st;

	if (rule->kind != other->kind)
		return false;
	switch (rule->kind) {
	case RULE_PATH:
		if ((rule->set & other->set) != other->set)
			return false;
		if (strcmp(rule->path, other->path) == 0)
			return true;
		return stat(rule->path, &st) == 0 && S_ISDIR(st.st_mode) &&
		       path_beneath(other->path, rule->path);
	case RULE_BIND:
	case RULE_CONNECT:
		return rule->port == other->port;
	case RULE_FLAG:
		return strcmp(rule->flag, other->flag) == 0;
	default:
		return false;
	}
}
