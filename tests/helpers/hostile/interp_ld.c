// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostile-ld: a loader of its own, named in hostile-interp's PT_INTERP.
 * The kernel maps it and jumps to it instead of ld.so; it loads nothing,
 * ignores LD_PRELOAD and LD_AUDIT, reads $HOSTILE_FILE and exits.  Static,
 * no libc (-nostdlib): only the launcher applying the policy to itself
 * before exec can stop it.
 */
/*
 * No thread pointer is set up here, so no stack protector either, even
 * when the build's CFLAGS (distribution hardening) ask for one: its canary
 * is read through the thread pointer.
 */
#pragma GCC optimize("no-stack-protector")

#include "hostile.h"

void hostile_ld_main(long *sp);

/* The initial stack: argc, argv..., NULL, envp..., NULL, auxv. */
void hostile_ld_main(long *sp)
{
	char **envp = (char **)(sp + 1 + sp[0] + 1);

	hostile_try("loader", envp);
	raw_syscall1(SYS_exit_group, 0);
	for (;;)
		;
}

#if defined(__x86_64__)
__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call hostile_ld_main\n"
	"	hlt\n");
#elif defined(__aarch64__)
__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	mov x0, sp\n"
	"	bl hostile_ld_main\n");
#endif
