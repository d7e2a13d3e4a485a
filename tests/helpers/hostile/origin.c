// SPDX-License-Identifier: GPL-2.0-or-later
/* hostile-origin: needs libhostile-origin.so, found through $ORIGIN. */
#include "hostile.h"

int hostile_origin(void);

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("main", envp);
	return hostile_origin();
}
