// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * envset.so, built by bench/run: gives the programs that hyperfine or GNU
 * time start an environment of their own, without a wrapper process (env(1)
 * would add an exec to every run and water the ratios down).
 *
 * Preloaded into the measuring tool, its constructor drops LD_PRELOAD and
 * then puts each NAME=VALUE line of BENCH_ENV into the tool's environment,
 * which the tool's children inherit.  The tool itself is loaded by then: a
 * shim named in BENCH_ENV's LD_PRELOAD is loaded only by the children.
 */
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void envset_init(void)
{
	char *list = getenv("BENCH_ENV");
	char *line, *save;

	unsetenv("LD_PRELOAD");
	if (!list)
		return;
	/*
	 * Split in place: the string stays where the kernel put it (on the
	 * stack) after unsetenv() drops its entry, so putenv() may keep the
	 * pieces.
	 */
	unsetenv("BENCH_ENV");
	for (line = strtok_r(list, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (putenv(line) != 0)
			abort();
}
