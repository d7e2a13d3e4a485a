// SPDX-License-Identifier: GPL-2.0-or-later
/* LANDSHIM_* and LL_* environment variables -> policy. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "policy.h"
#include "spelling.h"

typedef int (*env_setter)(struct policy *p, const char *name,
			  const char *value);

static int set_paths(struct policy *p, const char *name, const char *value,
		     unsigned set)
{
	return policy_add_path_list(p, set, value, ":", name);
}

/*
 * "/a,/b" from a variable that does not open: a launcher's list.  Only
 * then, since a path may hold ",/" (and must reach the shim as it is).
 */
const char *policy_list_hint(const struct policy_path *pp, char *buf,
			     size_t size)
{
	size_t n = 0, len;

	buf[0] = '\0';
	if ((strncmp(pp->origin, "LANDSHIM_", 9) != 0 &&
	     strncmp(pp->origin, "LL_", 3) != 0) ||
	    !(strstr(pp->path, ",/") || strstr(pp->path, ",~")))
		return buf;
	len = (size_t)snprintf(buf, size, "; variables separate paths with "
					  "':' (%s=",
			       pp->origin);
	for (const char *c = pp->path; *c && len + n + 2 < size; c++, n++) {
		buf[len + n] = *c;
		if (*c == ',' && (c[1] == '/' || c[1] == '~'))
			buf[len + n] = ':';
	}
	if (len + n + 2 <= size)
		memcpy(buf + len + n, ")", 2);
	return buf;
}

static int set_ro(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_RO);
}

static int set_rox(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_ROX);
}

static int set_rw(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_RW);
}

static int set_rwx(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_RWX);
}

static int set_unix(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_UNIX);
}

static int set_deny(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_DENY);
}

static int set_read_only(struct policy *p, const char *n, const char *v)
{
	return set_paths(p, n, v, LL_SET_READ_ONLY);
}

static int set_bind(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_add_ports(p, LL_NET_BIND_TCP, v);
}

static int set_connect(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_add_ports(p, LL_NET_CONNECT_TCP, v);
}

static int set_bind_udp(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_add_ports(p, LL_NET_BIND_UDP, v);
}

static int set_connect_udp(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_add_ports(p, LL_NET_CONNECT_SEND_UDP, v);
}

static int set_unrestricted(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_set_unrestricted(p, v);
}

static int set_log_flags(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_set_log_flags(p, v);
}

static int set_ll_scoped(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_check_ll_scoped(p, v);
}

static int with_bool(struct policy *p, const char *value,
		     void (*set)(struct policy *, bool))
{
	bool on;

	if (policy_parse_bool(p, value, &on) < 0)
		return -1;
	set(p, on);
	return 0;
}

static int set_log_level(struct policy *p, const char *n, const char *v)
{
	(void)n;
	return policy_set_log_level(p, v);
}

static const struct env_var {
	const char *name;
	env_setter set; /* NULL: a boolean, or read elsewhere */
	void (*set_bool)(struct policy *p, bool on);
} env_vars[] = {
	/* Log level first, so that the rest can log at it. */
	{ "LANDRUN_LOG_LEVEL", set_log_level, NULL },
	{ "LANDSHIM_LOG_LEVEL", set_log_level, NULL },
	{ "LANDSHIM_CONFIG", NULL, NULL },
	{ "LANDSHIM_PROFILE", NULL, NULL },
	{ "LANDSHIM_RO", set_ro, NULL },
	{ "LANDSHIM_ROX", set_rox, NULL },
	{ "LANDSHIM_RW", set_rw, NULL },
	{ "LANDSHIM_RWX", set_rwx, NULL },
	{ "LANDSHIM_UNIX", set_unix, NULL },
	{ "LANDSHIM_DENY", set_deny, NULL },
	{ "LANDSHIM_READ_ONLY", set_read_only, NULL },
	{ "LANDSHIM_BIND_TCP", set_bind, NULL },
	{ "LANDSHIM_CONNECT_TCP", set_connect, NULL },
	{ "LANDSHIM_BIND_UDP", set_bind_udp, NULL },
	{ "LANDSHIM_CONNECT_UDP", set_connect_udp, NULL },
	{ "LANDSHIM_UNRESTRICTED", set_unrestricted, NULL },
	{ "LANDSHIM_LOG_FLAGS", set_log_flags, NULL },
	{ "LANDSHIM_IGNORE_MISSING", NULL, policy_set_ignore_missing },
	{ "LANDSHIM_ADD_EXEC", NULL, policy_set_add_exec },
	{ "LANDSHIM_LDD", NULL, policy_set_ldd },
	{ "LANDSHIM_BEST_EFFORT", NULL, policy_set_best_effort },
	{ "LANDSHIM_STRICT", NULL, policy_set_strict },
	{ "LANDSHIM_ALLOW_UNSANDBOXED", NULL, policy_set_allow_unsandboxed },
	/* The kernel's samples/landlock/sandboxer.c */
	{ "LL_FS_RO", set_rox, NULL },
	{ "LL_FS_RW", set_rwx, NULL },
	{ "LL_TCP_BIND", set_bind, NULL },
	{ "LL_TCP_CONNECT", set_connect, NULL },
	{ "LL_UDP_BIND", set_bind_udp, NULL },
	{ "LL_UDP_CONNECT_SEND", set_connect_udp, NULL },
	{ "LL_SCOPED", set_ll_scoped, NULL },
	/* Read by the launcher only (DESIGN.md decision 7). */
	{ "LANDSHIM_LIBRARY", NULL, NULL },
	/* The test suite's switch (DESIGN.md, Testing). */
	{ "LANDSHIM_TEST_ALLOW_NO_LANDLOCK", NULL, NULL },
};

#define N_ENV_VARS (sizeof(env_vars) / sizeof(env_vars[0]))

bool policy_env_is_known(const char *name)
{
	for (size_t i = 0; i < N_ENV_VARS; i++)
		if (strcmp(name, env_vars[i].name) == 0)
			return true;
	return false;
}

static int unknown_variable(struct policy *p, const char *name)
{
	struct suggest s;
	char hint[256];

	suggest_init(&s, name);
	for (size_t i = 0; i < N_ENV_VARS; i++)
		suggest_consider(&s, env_vars[i].name);
	suggest_format(&s, "", hint, sizeof(hint));
	return policy_error(p, "unknown variable %s%s%s", name,
			    *hint ? ": " : "", hint);
}

const char *policy_env_get(char *const *envp, const char *name)
{
	size_t n = strlen(name);

	for (char *const *e = envp; e && *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static int check_unknown(struct policy *p, char *const *envp)
{
	for (char *const *e = envp; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		size_t n = eq ? (size_t)(eq - *e) : strlen(*e);
		char name[128];

		if (strncmp(*e, "LANDSHIM_", 9) != 0)
			continue;
		if (n >= sizeof(name))
			return policy_error(p, "unknown variable %.60s...", *e);
		memcpy(name, *e, n);
		name[n] = '\0';
		if (!policy_env_is_known(name))
			return unknown_variable(p, name);
	}
	return 0;
}

static int apply_var(struct policy *p, char *const *envp,
		     const struct env_var *v)
{
	const char *value = policy_env_get(envp, v->name);
	int ret;

	if (!value || (!v->set && !v->set_bool))
		return 0;
	ret = v->set ? v->set(p, v->name, value) :
		       with_bool(p, value, v->set_bool);
	if (ret < 0) {
		char msg[sizeof(p->err)];

		memcpy(msg, p->err, sizeof(msg));
		return policy_error(p, "%s: %s", v->name, msg);
	}
	return 0;
}

static int load_files(struct policy *p, char *const *envp,
		      policy_file_loader load)
{
	const char *file = policy_env_get(envp, "LANDSHIM_CONFIG");
	const char *profile = policy_env_get(envp, "LANDSHIM_PROFILE");

	if (!file && !profile)
		return 0;
	if (!load)
		return policy_error(p, "%s: config files are not supported "
				       "here",
				    file ? "LANDSHIM_CONFIG" :
					   "LANDSHIM_PROFILE");
	p->has_policy = true;
	if (file && load(p, file, NULL) < 0)
		return -1;
	if (profile && load(p, NULL, profile) < 0)
		return -1;
	return 0;
}

/*
 * Precedence is file < environment: the log level is read first (so that
 * file parsing logs at it) and again after the file.
 */
int policy_from_env(struct policy *p, char *const *envp,
		    policy_file_loader load)
{
	if (check_unknown(p, envp) < 0 || apply_var(p, envp, &env_vars[0]) < 0 ||
	    apply_var(p, envp, &env_vars[1]) < 0 ||
	    load_files(p, envp, load) < 0)
		return -1;
	for (size_t i = 0; i < N_ENV_VARS; i++)
		if (apply_var(p, envp, &env_vars[i]) < 0)
			return -1;
	return 0;
}

bool policy_env_needs_files(char *const *envp)
{
	return policy_env_get(envp, "LANDSHIM_CONFIG") ||
	       policy_env_get(envp, "LANDSHIM_PROFILE");
}

static bool is_policy_entry(const char *entry)
{
	for (size_t i = 0; i < N_ENV_VARS; i++) {
		const char *name = env_vars[i].name;
		size_t n = strlen(name);

		if (strncmp(name, "LANDRUN_", 8) != 0 &&
		    strncmp(entry, name, n) == 0 && entry[n] == '=')
			return true;
	}
	return false;
}

void policy_env_remove(char **envp, bool (*drop)(const char *entry))
{
	char **kept = envp, **e = envp;

	if (!envp)
		return;
	for (; *e; e++)
		if (!drop(*e))
			*kept++ = *e;
	/* Slots left behind are cleared, never stale pointers. */
	while (kept <= e)
		*kept++ = NULL;
}

void policy_env_strip(char **envp)
{
	policy_env_remove(envp, is_policy_entry);
}

/* The variables that carry paths, by right set (LL_SET_UNIX apart). */
static const struct {
	const char *name;
	unsigned set;
} path_vars[] = {
	{ "LANDSHIM_RO", LL_SET_RO },	{ "LANDSHIM_ROX", LL_SET_ROX },
	{ "LANDSHIM_RW", LL_SET_RW },	{ "LANDSHIM_RWX", LL_SET_RWX },
	{ "LANDSHIM_UNIX", LL_SET_UNIX },
	{ "LANDSHIM_DENY", LL_SET_DENY },
	{ "LANDSHIM_READ_ONLY", LL_SET_READ_ONLY },
};

#define N_PATH_VARS (sizeof(path_vars) / sizeof(path_vars[0]))

static bool path_in_var(const struct policy_path *pp, unsigned var_set)
{
	if (var_set == LL_SET_UNIX)
		return pp->set & LL_SET_UNIX;
	return (pp->set & ~LL_SET_UNIX) == var_set;
}

/* Every path must fit in exactly the lists that carry its rights. */
static int check_paths_fit(struct policy *p)
{
	for (size_t i = 0; i < p->npaths; i++) {
		const struct policy_path *pp = &p->paths[i];
		unsigned carried = 0;

		if (strchr(pp->path, ':'))
			return policy_error(p,
					    "%s: %s: a path containing ':' "
					    "cannot be passed to the shim "
					    "(colon-separated lists)",
					    pp->origin, pp->path);
		for (size_t v = 0; v < N_PATH_VARS; v++)
			if (path_in_var(pp, path_vars[v].set))
				carried |= path_vars[v].set;
		if (carried != pp->set)
			return policy_error(p, "%s: %s: rights 0x%x have no "
					       "variable",
					    pp->origin, pp->path, pp->set);
	}
	return 0;
}

/* The colon list of the paths of @var_set (allocated; may be ""). */
static char *path_list(const struct policy *p, unsigned var_set)
{
	size_t size = 1, len = 0;
	char *out;

	for (size_t i = 0; i < p->npaths; i++)
		size += strlen(p->paths[i].path) + 2;
	out = xmalloc(size);
	out[0] = '\0';
	for (size_t i = 0; i < p->npaths; i++) {
		const struct policy_path *pp = &p->paths[i];

		if (!path_in_var(pp, var_set))
			continue;
		len += (size_t)snprintf(out + len, size - len, "%s%s%s",
					len ? ":" : "", pp->path,
					pp->optional ? "?" : "");
	}
	return out;
}

static void emit_names(const char *name, const char *const *names,
		       unsigned bits, policy_env_fn fn, void *arg)
{
	char value[128] = "";
	size_t len = 0;

	for (unsigned b = 0; names[b]; b++)
		if (bits & (1U << b))
			len += (size_t)snprintf(value + len, sizeof(value) - len,
						"%s%s", len ? "," : "",
						names[b]);
	if (len)
		fn(name, value, arg);
}

static void emit_owned(const char *name, char *value, bool always,
		       policy_env_fn fn, void *arg)
{
	if (always || *value)
		fn(name, value, arg);
	free(value);
}

int policy_to_env(struct policy *p, policy_env_fn fn, void *arg)
{
	/* In the order of enum unrestricted_class. */
	static const char *const classes[] = { "filesystem", "network",
					       "scope",	     "unix",
					       "capabilities", NULL };
	static const char *const log_flags[] = { "disable-originating",
						 "enable-subprocesses",
						 "disable-subdomains", NULL };

	if (policy_make_absolute(p) < 0 || check_paths_fit(p) < 0)
		return -1;
	/* LANDSHIM_RO always: an empty policy must still deny everything. */
	for (size_t v = 0; v < N_PATH_VARS; v++)
		emit_owned(path_vars[v].name, path_list(p, path_vars[v].set),
			   v == 0, fn, arg);
	emit_owned("LANDSHIM_BIND_TCP", port_set_format(&p->bind), false, fn,
		   arg);
	emit_owned("LANDSHIM_CONNECT_TCP", port_set_format(&p->connect), false,
		   fn, arg);
	emit_owned("LANDSHIM_BIND_UDP", port_set_format(&p->bind_udp), false,
		   fn, arg);
	emit_owned("LANDSHIM_CONNECT_UDP", port_set_format(&p->connect_udp),
		   false, fn, arg);
	emit_names("LANDSHIM_UNRESTRICTED", classes, p->unrestricted, fn, arg);
	/* Same bit order as LL_RESTRICT_LOG_*. */
	emit_names("LANDSHIM_LOG_FLAGS", log_flags, p->restrict_flags, fn, arg);
	if (p->ignore_missing)
		fn("LANDSHIM_IGNORE_MISSING", "1", arg);
	if (p->add_exec)
		fn("LANDSHIM_ADD_EXEC", "1", arg);
	if (p->ldd)
		fn("LANDSHIM_LDD", "1", arg);
	if (p->strict)
		fn("LANDSHIM_STRICT", "1", arg);
	if (p->allow_unsandboxed)
		fn("LANDSHIM_ALLOW_UNSANDBOXED", "1", arg);
	fn("LANDSHIM_LOG_LEVEL", log_level_name(log_threshold), arg);
	return 0;
}
