// SPDX-License-Identifier: GPL-2.0-or-later
/* The secrets of the profile "secrets", for --learn, --why and warnings. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carve.h"
#include "log.h"
#include "path.h"
#include "secrets.h"

static const struct secret secrets[] = {
/* Generated in the build tree from conf/profiles/secrets.conf. */
#include "src/why/secrets_list.h"
};

#define N_SECRETS (sizeof(secrets) / sizeof(*secrets))

const struct secret *secrets_list(size_t *n)
{
	*n = N_SECRETS;
	return secrets;
}

static bool in_home(const struct secret *s)
{
	return s->path[0] == '~';
}

/* Is @path @top or beneath it? */
static bool beneath(const char *path, const char *top)
{
	size_t len = strlen(top);

	if (len == 1 && top[0] == '/')
		return path[0] == '/';
	return strncmp(path, top, len) == 0 &&
	       (path[len] == '\0' || path[len] == '/');
}

/* Does "/<rel>" appear in @path as whole components? */
static bool has_components(const char *path, const char *rel)
{
	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/'))
		if (beneath(s + 1, rel))
			return true;
	return false;
}

/* Is the secret "~/<rel>" of a user's home beneath the directory @dir? */
static bool home_secret_beneath(const char *dir, const char *rel)
{
	const char *home = getenv("HOME");
	char path[PATH_MAX];
	struct passwd *pw;
	bool found = false;

	if (home && home[0] == '/') {
		snprintf(path, sizeof(path), "%s/%s", home, rel);
		found = beneath(path, dir);
	}
	setpwent();
	/* The superuser's and people's homes, not system accounts'. */
	while (!found && (pw = getpwent())) {
		if (!(pw->pw_uid == 0 ||
		      (pw->pw_uid >= 1000 && pw->pw_uid != 65534)) ||
		    pw->pw_dir[0] != '/' || pw->pw_dir[1] == '\0')
			continue;
		snprintf(path, sizeof(path), "%s/%s", pw->pw_dir, rel);
		found = beneath(path, dir);
	}
	endpwent();
	return found;
}

const char *secret_exposed_by(const char *path, bool is_dir, bool write)
{
	for (size_t i = 0; i < N_SECRETS; i++) {
		const struct secret *s = &secrets[i];

		if (s->kind == SECRET_READ_ONLY && !write)
			continue;
		if (!in_home(s) ? beneath(path, s->path) ||
					  (is_dir && beneath(s->path, path)) :
				  has_components(path, s->path + 2) ||
					  (is_dir &&
					   home_secret_beneath(path,
							       s->path + 2)))
			return s->path;
	}
	return NULL;
}

/* ---- Decision 28 ---- */

/* A resolved carving of the policy. */
struct carved {
	char *path;
	bool deny;
};

static size_t resolve_carvings(const struct policy *p, struct carved **out,
			       struct resolved_path *r)
{
	size_t n = 0;

	*out = xcalloc(p->npaths + 1, sizeof(**out));
	for (size_t i = 0; i < p->npaths; i++) {
		if (!policy_path_is_carving(&p->paths[i]) ||
		    path_resolve(p->paths[i].path, r) < 0)
			continue;
		(*out)[n].path = xstrdup(r->path);
		(*out)[n++].deny = p->paths[i].set & LL_SET_DENY;
	}
	return n;
}

static bool is_carved(const struct carved *c, size_t n, const char *path,
		      enum secret_kind kind)
{
	for (size_t i = 0; i < n; i++)
		if ((c[i].deny || kind == SECRET_READ_ONLY) &&
		    beneath(path, c[i].path))
			return true;
	return false;
}

/* Does the resolved @r lie beneath the object @rule (or would it)? */
static bool under_rule(const struct resolved_path *r, const struct stat *rule)
{
	for (size_t k = 0; k < r->nlevels; k++)
		if (path_level_is(&r->levels[k], rule->st_dev, rule->st_ino))
			return k + 1 < r->nlevels || !r->exists;
	return false;
}

/* The first secret beneath @rule, not carved out, into @r; or false. */
static bool uncarved_secret(const struct stat *rule, unsigned set,
			    const struct carved *c, size_t nc,
			    struct resolved_path *r)
{
	const char *home = getenv("HOME");

	for (size_t i = 0; i < N_SECRETS; i++) {
		const struct secret *s = &secrets[i];
		char path[PATH_MAX];

		if ((s->kind == SECRET_READ_ONLY && !(set & LL_SET_WRITE)) ||
		    (in_home(s) && (!home || home[0] != '/')))
			continue;
		snprintf(path, sizeof(path), "%s%s", in_home(s) ? home : "",
			 s->path + in_home(s));
		/* Missing and not creatable by the rule: nothing exposed. */
		if (path_resolve(path, r) < 0 ||
		    (!r->exists && !(set & LL_SET_WRITE)) ||
		    !under_rule(r, rule) || is_carved(c, nc, r->path, s->kind))
			continue;
		return true;
	}
	return false;
}

/* Does the directory rule @rule cover "/" or the home of @home? */
static const char *covers(const struct stat *rule,
			  const struct resolved_path *home)
{
	if (home->nlevels &&
	    path_level_is(&home->levels[0], rule->st_dev, rule->st_ino))
		return "the whole filesystem";
	for (size_t k = 1; home->exists && k < home->nlevels; k++)
		if (path_level_is(&home->levels[k], rule->st_dev, rule->st_ino))
			return "the home directory";
	return NULL;
}

static bool warn_rule(struct policy *p, size_t i,
		      const struct resolved_path *home, const struct carved *c,
		      size_t nc, struct resolved_path *r)
{
	const struct policy_path *pp = &p->paths[i];
	const char *what;
	struct stat st;
	bool is_dir, found = false;
	int fd = policy_open_path(p, i, &is_dir);

	if (fd < 0)
		return false;
	if (is_dir && fstat(fd, &st) == 0 && (what = covers(&st, home)) &&
	    uncarved_secret(&st, pp->set, c, nc, r)) {
		log_warn("%s: %s covers %s, and nothing carves the secrets out "
			 "of it (%s): add --profile secrets, or --deny them",
			 pp->origin, pp->path, what, r->path);
		found = true;
	}
	policy_close_path(p, i, fd);
	return found;
}

bool secrets_warn_uncarved(struct policy *p)
{
	struct resolved_path *r = xmalloc(sizeof(*r));
	struct resolved_path *home = xcalloc(1, sizeof(*home));
	const char *home_var = getenv("HOME");
	struct carved *c;
	size_t nc;
	bool warned = false;

	if (p->unrestricted & UNRESTRICTED_FS)
		goto out;
	if (path_resolve(home_var && home_var[0] == '/' ? home_var : "/",
			 home) < 0)
		home->nlevels = 0;
	nc = resolve_carvings(p, &c, r);
	for (size_t i = 0; i < p->npaths && !warned; i++)
		if (!policy_path_is_carving(&p->paths[i]))
			warned = warn_rule(p, i, home, c, nc, r);
	for (size_t i = 0; i < nc; i++)
		free(c[i].path);
	free(c);
out:
	free(home);
	free(r);
	return warned;
}
