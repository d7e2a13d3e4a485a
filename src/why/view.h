/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a policy lets the sandbox do, as the kernel will see it: every rule
 * path resolved (symbolic links followed, as opening it for the ruleset
 * does), with the rights the running kernel handles.  The tracer asks it
 * whether the sandbox explains a failed call; --learn, whether a rule
 * adds anything.
 */
#ifndef LANDSHIM_VIEW_H
#define LANDSHIM_VIEW_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "policy.h"

struct view_rule {
	char *path; /* resolved */
	size_t len;
	bool is_dir;
	uint64_t fs; /* rights, before the ABI's cut */
};

struct view {
	struct view_rule *rules;
	size_t nrules;
	int abi;
	uint64_t fs_handled, net_handled, scoped;
	const struct policy *policy; /* its ports */
};

/* Resolve @p's paths for a kernel of @abi (missing ones are skipped). */
void view_build(struct view *v, const struct policy *p, int abi);
void view_free(struct view *v);

/* The handled rights the sandbox grants on @path (resolved, absolute). */
uint64_t view_fs_allowed(const struct view *v, const char *path);

/* The rights of @need that the sandbox denies on @path. */
uint64_t view_fs_denied(const struct view *v, const char *path, uint64_t need);

bool view_connect_denied(const struct view *v, unsigned port);
bool view_bind_denied(const struct view *v, unsigned port);

/* A path as the kernel resolves it. */
struct path_info {
	char path[PATH_MAX];
	bool exists, is_dir;
	mode_t mode;
};

/*
 * @abs (absolute) resolved: "." and ".." applied, symbolic links followed
 * (the last one only if @follow), what does not exist kept as written
 * beneath its nearest existing directory.
 */
void path_info_resolve(const char *abs, bool follow, struct path_info *r);

/* The nearest existing directory that holds or is @path (resolved). */
void path_nearest_dir(const char *path, char *out);

/* Is @path @top or beneath it?  (Both absolute, without a trailing '/'
 * but for "/" itself.) */
bool path_beneath(const char *path, const char *top);

#endif
