// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libhostile-origin.so: the library hostile-origin finds through its RPATH
 * ($ORIGIN): its constructor reads $HOSTILE_FILE.  ld.so runs a needed
 * library's constructor before the preloaded objects' constructors.
 */
#include "hostile.h"

int hostile_origin(void);

__attribute__((constructor)) static void origin_init(int argc, char **argv,
						     char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("library", envp);
}

int hostile_origin(void)
{
	return 0;
}
