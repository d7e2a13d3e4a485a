/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One denial -> the one rule to suggest (--why) or learn (--learn): the
 * narrowest rule that still works when run again, and what it would cost.
 *
 *  - the run's own /proc/PID/... (any process's, /proc/self) becomes
 *    --ro /proc, with its caveat;
 *  - a shared library becomes its directory, read and execute (the next
 *    version's name would be denied again);
 *  - beneath /usr, /usr itself, read and execute: system software,
 *    public, the same on every machine (the shipped profiles grant it);
 *  - beneath /etc, /opt, /var/lib and the home directory, a file deeper
 *    than one level becomes its package's directory (/etc/java-17-openjdk)
 *    when no secret lies beneath, else the nearest one that has none;
 *  - a path that no longer exists becomes its nearest existing directory;
 *  - everything resolved: the rule names what the kernel will open, and
 *    the secrets check sees through every symbolic link.
 */
#ifndef LANDSHIM_SUGGEST_H
#define LANDSHIM_SUGGEST_H

#include <limits.h>
#include <stdbool.h>

#include "denial.h"

struct suggestion {
	struct rule rule;    /* rule.path points into @path */
	char path[PATH_MAX]; /* resolved */
	bool exists, is_dir; /* @path now */
	const char *secret;  /* what the rule would expose, or NULL */
	const char *caveat;  /* what else it allows, or NULL */
	const char *widened; /* why @path is wider than the denial's */
	bool writes;	     /* write, create, remove or device rights */
	bool terminal;	     /* on a terminal */
	bool gone;	     /* the denied path no longer exists */
};

void suggest(const struct denial *d, struct suggestion *s);

/* Does @rule (of a suggestion) allow everything @other allows? */
bool rule_covers(const struct rule *rule, const struct rule *other);

/*
 * Needs that come together, for --learn: the name of @path's group (the
 * resolver's configuration, TLS's...) and its members, or NULL.
 */
const char *need_group(const char *path, const char *const **members);

/* A library's name: "libc.so.6", "_ssl.cpython-311-x86_64-linux-gnu.so". */
bool is_library_name(const char *name);

#endif
