/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paths that hold secrets: the list of the shipped profile "secrets"
 * (conf/profiles/secrets.conf, compiled in).  --learn reports a denial on
 * them but never grants it without --allow-secrets; the launcher warns
 * when a rule covers / or the home directory without carving them out.
 */
#ifndef LANDSHIM_SECRETS_H
#define LANDSHIM_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

#include "policy.h"

enum secret_kind {
	SECRET_DENY,	  /* a credential store: nothing may be granted */
	SECRET_READ_ONLY, /* a startup file: reading it is fine */
};

struct secret {
	enum secret_kind kind;
	const char *path; /* "~/.ssh" (in every home) or "/etc/shadow" */
};

/* The list, in the profile's order; @n gets its length. */
const struct secret *secrets_list(size_t *n);

/*
 * Would a rule on @path (that may write, with @write) expose a secret?  A
 * rule on a secret or beneath it does; a directory rule also does when a
 * secret, in a user's home or the system's, lies beneath it.  Startup
 * files are exposed by writing rules only.  Returns the secret, e.g.
 * "/etc/shadow" or "~/.ssh", or NULL.  @path is absolute and canonical
 * (as the kernel logs).
 */
const char *secret_exposed_by(const char *path, bool is_dir, bool write);

/*
 * DESIGN.md decision 28: one "landshim:" warning when a rule of @p covers
 * / or $HOME and a secret beneath it (one that exists, or that the rule
 * could create) is not carved out by a deny (or, for a startup file, a
 * read-only) of the policy.  Returns whether it warned.
 */
bool secrets_warn_uncarved(struct policy *p);

#endif
