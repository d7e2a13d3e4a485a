// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libhostile-preload.so: the caller's own LD_PRELOAD library, next to the
 * launcher's shim: its constructor reads $HOSTILE_FILE.  ld.so runs the
 * preloaded objects' constructors last to first, so a library listed after
 * the shim runs before it.
 */
#include "hostile.h"

__attribute__((constructor)) static void preload_init(int argc, char **argv,
						      char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("preload", envp);
}
