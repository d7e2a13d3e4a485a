/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paths that hold secrets: --learn reports a denial on them but never
 * grants it without --allow-secrets.  The one list is in secrets.c.
 */
#ifndef LANDSHIM_SECRETS_H
#define LANDSHIM_SECRETS_H

#include <stdbool.h>

/*
 * Would a rule on @path expose a secret?  A file rule does when the file is
 * (beneath) a secret; a directory rule also when a secret or a user's home
 * directory lies beneath it.  Returns the secret, e.g. "/etc/shadow" or
 * "~/.ssh", or NULL.  @path is absolute and canonical (as the kernel logs).
 */
const char *secret_exposed_by(const char *path, bool is_dir);

#endif
