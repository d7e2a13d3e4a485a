// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostile-interp: a program whose PT_INTERP is hostile-ld, not ld.so.  Its
 * main() never runs: the loader it names does what it wants instead.
 */
#include "hostile.h"

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("main", envp);
	return 0;
}
