// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel floor, built by bench/run: a preloaded object whose
 * constructor makes only the system calls any Landlock sandbox of the
 * benchmark's directories needs (ABI probe, ruleset, one open, add_rule
 * and close per directory, no_new_privs, restrict_self) and nothing else:
 * no parsing, no checks, no environment clean-up.  What it costs over the
 * empty floor is the kernel's share; the shim's own code is the rest.
 *
 * bench/run compiles it with -DBENCH_DIRS='"/usr", "/lib", ...'.
 */
#include "config.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "landlock.h"

static void fail(void)
{
	static const char msg[] = "kernel-floor: a Landlock call failed\n";

	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(126);
	_exit(125);
}

__attribute__((constructor)) static void kernel_floor_init(void)
{
	static const char *const dirs[] = { BENCH_DIRS };
	int abi = ll_abi();
	struct ll_ruleset_attr attr = {
		.handled_access_fs = ll_fs_supported(abi),
		.handled_access_net = ll_net_supported(abi),
		.scoped = ll_scope_supported(abi),
	};
	int ruleset = ll_create_ruleset(&attr, ll_ruleset_attr_size(abi), 0);

	if (ruleset < 0)
		fail();
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		struct ll_path_beneath_attr rule = {
			.allowed_access = ll_fs_rights(LL_SET_ROX, 1) &
					  attr.handled_access_fs,
			.parent_fd = open(dirs[i], O_PATH | O_CLOEXEC),
		};

		if (rule.parent_fd < 0 ||
		    ll_add_rule(ruleset, LL_RULE_PATH_BENEATH, &rule, 0) < 0)
			fail();
		close(rule.parent_fd);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    ll_restrict_self(ruleset, 0) < 0)
		fail();
	close(ruleset);
}
