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
 * Load the config file @file, or the profile named @profile, into @p:
 * exactly one of them is non-NULL.  Returns 0, or -1 with a one-line
 * "FILE:LINE: message" in p->err.  It is a policy_file_loader, so
 * policy_from_env(p, envp, policy_file_load) honours LANDSHIM_CONFIG and
 * LANDSHIM_PROFILE.
 */
int policy_file_load(struct policy *p, const char *file, const char *profile);

/* Call @fn with each directory a profile is looked up in, in order. */
void policy_file_profile_dirs(struct policy *p,
			      void (*fn)(const char *dir, void *arg),
			      void *arg);

#endif
