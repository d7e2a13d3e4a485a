// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel floor, built by bench/run: a preloaded object whose
 * constructor makes only the system calls any Landlock sandbox of the
 * benchmark's directories needs (raw-apply.h) and nothing else.  What it
 * costs over the empty floor is the kernel's share; the shim's own code is
 * the rest.
 *
 * bench/run compiles it with -DBENCH_DIRS='"/usr", "/lib", ...'.
 */
#include "config.h"

#include "raw-apply.h"

__attribute__((constructor)) static void kernel_floor_init(void)
{
	static const char *const dirs[] = { BENCH_DIRS };
	static const char msg[] = "kernel-floor: a Landlock call failed\n";

	if (raw_apply(dirs, sizeof(dirs) / sizeof(dirs[0])) == 0)
		return;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(126);
	_exit(125);
}
