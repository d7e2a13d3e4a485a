/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Config files and profiles (libconfig) -> policy, through the same setters
 * as the environment.  Every error names FILE:LINE.  See landshim.conf(5).
 *
 * Link with src/libpolicyfile.la (it brings libconfig).  The shim never
 * links it: it loads the parser as a module, only when a file is named.
 */
#ifndef LANDSHIM_POLICY_FILE_H
#define LANDSHIM_POLICY_FILE_H

#include "policy.h"

/*
 * Load the config file @file, or the profiles named in @profile (a name,
 * or names separated by ':', loaded in turn), into @p: exactly one of them
 * is non-NULL.  Returns 0, or -1 with a one-line
 * "FILE:LINE: message" in p->err.  It is a policy_file_loader, so
 * policy_from_env(p, envp, policy_file_load) honours LANDSHIM_CONFIG and
 * LANDSHIM_PROFILE.
 */
int policy_file_load(struct policy *p, const char *file, const char *profile);

/* Call @fn with each directory a profile is looked up in, in order. */
void policy_file_profile_dirs(struct policy *p,
			      void (*fn)(const char *dir, void *arg),
			      void *arg);

/*
 * Call @fn for every profile in the lookup directories, in lookup order
 * (each directory's sorted by name), with its file, and the directory of
 * the profile of the same name that hides it (NULL if none does).  Stops
 * at @fn's non-zero result, which it returns.
 */
typedef int (*policy_profile_fn)(void *arg, const char *name,
				 const char *path, const char *hidden_by);
int policy_file_each_profile(struct policy *p, policy_profile_fn fn,
			     void *arg);

#endif
