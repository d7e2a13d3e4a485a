// SPDX-License-Identifier: GPL-2.0-or-later
/* A policy as the kernel will enforce it, resolved. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "view.h"

void view_build(struct view *v, const struct policy *p, int abi)
{
	struct policy_plan plan;

	memset(v, 0, sizeof(*v));
	v->abi = abi;
	v->policy = p;
	policy_plan(p, abi, &plan);
	v->fs_handled = plan.fs_handled;
	v->net_handled = plan.net_handled;
	v->scoped = plan.scoped;
	v->rules = xcalloc(p->npaths ? p->npaths : 1, sizeof(*v->rules));
	for (size_t i = 0; i < p->npaths; i++) {
		char *real = realpath(p->paths[i].path, NULL);
		struct stat st;

		if (!real || stat(real, &st) < 0) {
			free(real);
			continue;
		}
		v->rules[v->nrules].path = real;
		v->rules[v->nrules].len = strlen(real);
		v->rules[v->nrules].is_dir = S_ISDIR(st.st_mode);
		v->rules[v->nrules++].fs =
		    ll_fs_rights(p->paths[i].set, S_ISDIR(st.st_mode));
	}
}

void view_free(struct view *v)
{
	for (size_t i = 0; i < v->nrules; i++)
		free(v->rules[i].path);
	free(v->rules);
	memset(v, 0, sizeof(*v));
}

bool path_beneath(const char *path, const char *top)
{
	size_t len = strlen(top);

	if (len == 1 && top[0] == '/')
		return path[0] == '/';
	return strncmp(path, top, len) == 0 &&
	       (path[len] == '\0' || path[len] == '/');
}

uint64_t view_fs_allowed(const struct view *v, const char *path)
{
	uint64_t fs = 0;

	for (size_t i = 0; i < v->nrules; i++) {
		const struct view_rule *r = &v->rules[i];

		if (r->is_dir ? path_beneath(path, r->path)
			      : strcmp(path, r->path) == 0)
			fs |= r->fs;
	}
	return fs & v->fs_handled;
}

uint64_t view_fs_denied(const struct view *v, const char *path, uint64_t need)
{
	return need & v->fs_handled & ~view_fs_allowed(v, path);
}

bool view_connect_denied(const struct view *v, unsigned port)
{
	return (v->net_handled & LL_NET_CONNECT_TCP) &&
	       !port_set_has(&v->policy->connect, port);
}

bool view_bind_denied(const struct view *v, unsigned port)
{
	return (v->net_handled & LL_NET_BIND_TCP) &&
	       !port_set_has(&v->policy->bind, port);
}

/* Lexically: drop "." and empty components, apply "..". */
static void normalize(char *path)
{
	char *out = path, *s = path;

	while (*s) {
		char *end;
		size_t len;

		while (*s == '/')
			s++;
		end = strchrnul(s, '/');
		len = (size_t)(end - s);
		if (len == 0 || (len == 1 && s[0] == '.')) {
			s = end;
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (out > path && *--out != '/')
				;
			s = end;
			continue;
		}
		*out++ = '/';
		memmove(out, s, len);
		out += len;
		s = end;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

/* @dir (normalized) with its longest existing prefix resolved. */
static void resolve_dir(const char *dir, char *out)
{
	char head[PATH_MAX];
	size_t cut = strlen(dir);

	snprintf(head, sizeof(head), "%s", dir);
	while (!realpath(head[0] ? head : "/", out)) {
		char *slash = strrchr(head, '/');

		if (!slash) {
			snprintf(out, PATH_MAX, "/");
			cut = 0;
			break;
		}
		*slash = '\0';
		cut = (size_t)(slash - head);
	}
	if (dir[cut]) {
		char resolved[PATH_MAX];

		snprintf(resolved, sizeof(resolved), "%s", out);
		if ((size_t)snprintf(out, PATH_MAX, "%s%s",
				     strcmp(resolved, "/") ? resolved : "",
				     dir + cut) >= PATH_MAX)
			snprintf(out, PATH_MAX, "%s", resolved);
	}
}

static void set_info(struct path_info *r)
{
	struct stat st;

	r->exists = lstat(r->path, &st) == 0;
	r->is_dir = r->exists && S_ISDIR(st.st_mode);
	r->mode = r->exists ? st.st_mode : 0;
}

void path_info_resolve(const char *abs, bool follow, struct path_info *r)
{
	char head[PATH_MAX], dir[PATH_MAX], *slash;

	memset(r, 0, sizeof(*r));
	snprintf(head, sizeof(head), "%s", abs);
	normalize(head);
	if (follow && realpath(head, r->path)) {
		set_info(r);
		return;
	}
	slash = strrchr(head, '/');
	if (slash == head && !slash[1]) { /* "/" */
		snprintf(r->path, sizeof(r->path), "/");
		set_info(r);
		return;
	}
	*slash = '\0';
	resolve_dir(head, dir);
	if ((size_t)snprintf(r->path, sizeof(r->path), "%s/%s",
			     strcmp(dir, "/") ? dir : "",
			     slash + 1) >= sizeof(r->path))
		snprintf(r->path, sizeof(r->path), "%s", dir);
	set_info(r);
}

void path_nearest_dir(const char *path, char *out)
{
	char head[PATH_MAX];
	struct stat st;

	snprintf(head, sizeof(head), "%s", path);
	while (stat(head, &st) < 0 || !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(head, '/');

		if (!slash || slash == head) {
			snprintf(head, sizeof(head), "/");
			break;
		}
		*slash = '\0';
	}
	snprintf(out, PATH_MAX, "%s", head);
}
