/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system calls any Landlock sandbox of a list of directories needs,
 * and nothing else: ABI probe, ruleset, one open, add_rule and close per
 * path, no_new_privs, restrict_self.  No parsing, no checks, no clean-up:
 * what it costs is the kernel's share.  Used by the kernel floor (a
 * preloaded constructor, kernel-floor.c) and by apply-time --raw (the
 * floor of the policy-size case).  Returns 0, or -1 when a call failed.
 */
#ifndef LANDSHIM_BENCH_RAW_APPLY_H
#define LANDSHIM_BENCH_RAW_APPLY_H

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "landlock.h"

static inline int raw_apply(const char *const *paths, size_t n)
{
	int abi = ll_abi();
	struct ll_ruleset_attr attr = {
		.handled_access_fs = ll_fs_supported(abi),
		.handled_access_net = ll_net_supported(abi),
		.scoped = ll_scope_supported(abi),
	};
	int ruleset = ll_create_ruleset(&attr, ll_ruleset_attr_size(abi), 0);

	if (ruleset < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct ll_path_beneath_attr rule = {
			.allowed_access = ll_fs_rights(LL_SET_ROX, 1) &
					  attr.handled_access_fs,
			.parent_fd = open(paths[i], O_PATH | O_CLOEXEC),
		};

		if (rule.parent_fd < 0 ||
		    ll_add_rule(ruleset, LL_RULE_PATH_BENEATH, &rule, 0) < 0)
			return -1;
		close(rule.parent_fd);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    ll_restrict_self(ruleset, 0) < 0)
		return -1;
	return close(ruleset);
}

#endif
