// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostile-plain: main() reads $HOSTILE_FILE, nothing earlier.  Built
 * statically (hostile-static), with musl (hostile-musl), and copied setuid
 * by the tests: kinds of program the dynamic loader never preloads the
 * shim into, or not the glibc way.
 */
#include "hostile.h"

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("main", envp);
	return 0;
}
