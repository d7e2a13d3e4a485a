/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paths resolved as the kernel walks them, for carving (carve.h): every
 * symbolic link followed, "." and ".." applied, and the identity (device,
 * inode) of each directory on the way recorded, so that a rule and a
 * carved path are compared as the kernel's objects, not as strings.
 *
 * Unlike realpath(), the path need not exist: the components past the
 * deepest one that exists (or that this process may look at) are kept as
 * written, which is where the path would be created.  Only the system
 * calls allowed in the shim (lstat, readlink, getcwd) are used.
 */
#ifndef LANDSHIM_PATH_H
#define LANDSHIM_PATH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Deeper canonical paths are refused (ENAMETOOLONG). */
#define PATH_LEVELS_MAX 128

/* An object that exists: its identity, and the length of its path. */
struct path_level {
	dev_t dev;
	ino_t ino;
	size_t len;	/* of the prefix of path naming it ("/" is 1) */
	bool is_dir;
	bool other_names; /* a file with more than one hard link */
};

struct resolved_path {
	char path[PATH_MAX];	/* canonical, absolute */
	size_t len;
	/* levels[0] is "/", levels[nlevels - 1] the deepest that exists. */
	struct path_level levels[PATH_LEVELS_MAX];
	size_t nlevels;
	bool exists;		/* the whole path: levels end at it */
};

/*
 * Resolve @path (absolute, or relative to the current directory).
 * Returns 0, or -1 with errno: ELOOP (more than 40 links), ENAMETOOLONG,
 * ENOTDIR (a component that exists is not a directory), or the error of a
 * system call other than ENOENT and EACCES, which end the existing part.
 */
int path_resolve(const char *path, struct resolved_path *r);

/* Is (@dev, @ino) the object of @level? */
static inline bool path_level_is(const struct path_level *level, dev_t dev,
				 ino_t ino)
{
	return level->dev == dev && level->ino == ino;
}

#endif
