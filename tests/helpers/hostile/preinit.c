// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostile-preinit: its .preinit_array reads $HOSTILE_FILE.  ld.so runs
 * preinit functions before the constructors of every object, preloaded
 * ones included, so a shim that starts in its constructor comes too late.
 */
#include "hostile.h"

static void preinit(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("preinit", envp);
}

__attribute__((section(".preinit_array"), used)) static void (
	*const preinit_entry)(int, char **, char **) = preinit;

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("main", envp);
	return 0;
}
