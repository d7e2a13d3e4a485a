/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Carving (DESIGN.md decision 26): --deny PATH and --read-only PATH inside
 * a broader rule.  Landlock only adds rights beneath a rule, so a rule
 * covering a carved path is replaced, when the policy is applied, by:
 *
 *   - a rule on each entry beside the way to the carved path, at every
 *     level between the rule and it, with the rule's rights;
 *   - the directories on that way, with the right to list them only (so
 *     that nothing is created, removed or renamed directly in them);
 *   - the carved path itself with nothing (deny), or with what it keeps of
 *     the rule's rights (read-only: read and execute).
 *
 * Paths are compared as objects (device and inode, path.h), both resolved
 * through their symbolic links: a hard link or a bind mount of a carved
 * path is carved too.  A carved path that does not exist is carved at its
 * deepest existing directory, so that it cannot be created.  A rule on the
 * carved path itself, or beneath it, still applies: it is added as given.
 * A carving that no rule covers, or that takes nothing away from the rules
 * that cover it, costs nothing.
 *
 * Entries appearing or vanishing while a directory is listed only make the
 * sandbox narrower (a new entry gets no rule); a carved path, or a
 * directory on its way, that moves meanwhile is an error.
 *
 * This code runs in the shim: system calls from the list in ARCH.md only.
 */
#ifndef LANDSHIM_CARVE_H
#define LANDSHIM_CARVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "path.h"
#include "policy.h"

/* What a read-only carving keeps of the rights of the rule above it. */
#define CARVE_KEEP_READ_ONLY (LL_FS_READ_FILE | LL_FS_READ_DIR | LL_FS_EXECUTE)

/* A carving of the policy, resolved. */
struct carve_target {
	size_t index;	/* in policy.paths */
	char *path;	/* canonical; for a missing one, where it would be */
	struct path_level *levels; /* "/" ... the deepest that exists */
	size_t nlevels;
	bool exists;
	uint64_t keep;	/* rights kept beneath: 0 for deny */
	size_t at;	/* level of the rule being carved (internal) */
	bool applies;	/* to the rule being carved (internal) */
	unsigned rules; /* how many rules it carved so far */
};

struct carve_node;

struct carve {
	struct carve_target *targets;
	size_t ntargets;
	struct carve_node *nodes; /* the way of the rule being carved */
	size_t nnodes, nodes_cap;
};

/* Is this path of the policy a carving (deny, read-only)? */
bool policy_path_is_carving(const struct policy_path *pp);

/*
 * Resolve the carvings of @p into @c (optional ones that are missing, or
 * whose parent is a file, are left out).  Returns 0, or -1 (p->err).
 */
int carve_open(struct policy *p, struct carve *c);
void carve_close(struct carve *c);
/* carve_open() and carve_close(): can every carving be resolved? */
int policy_check_carvings(struct policy *p);

/* One rule as Landlock will get it: @fd (O_PATH) and @rights. */
typedef int (*carve_emit_fn)(void *arg, int fd, const char *path,
			     uint64_t rights);

/*
 * The rules for p->paths[@i], open as @fd, with @rights (already cut to
 * what the kernel handles): one call of @emit for the rule itself, or, if
 * carvings of @c lie beneath it, one call per rule that replaces it.
 * Returns how many carvings applied (0: the rule as given), or -1
 * (p->err, or @emit's -1).
 */
int carve_rule(struct carve *c, struct policy *p, size_t i, int fd,
	       bool is_dir, uint64_t rights, carve_emit_fn emit, void *arg);

#endif
