// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostile-ifunc: the resolver of an IFUNC reads $HOSTILE_FILE.  ld.so calls
 * it while it relocates the executable, before any constructor runs.  libc
 * is not initialized yet (environ is not set): the environment is found on
 * the initial stack through ld.so's __libc_stack_end (argc, argv, NULL,
 * envp), and the read is made with raw system calls.
 */
#include "hostile.h"

extern void *__libc_stack_end;

static char **initial_envp(void)
{
	long *sp = __libc_stack_end;

	return (char **)(sp + 1 + sp[0] + 1);
}

static int impl(void)
{
	return 0;
}

static int (*resolve(void))(void)
{
	hostile_try("ifunc", initial_envp());
	return impl;
}

int target(void) __attribute__((ifunc("resolve")));

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("main", envp);
	return target();
}
