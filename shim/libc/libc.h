/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The shim's own libc: the few functions src/core and shim/ call, written
 * here and linked into liblandshim.so with hidden visibility, which is
 * linked with -nostdlib and -Wl,--no-undefined.  Two reasons:
 *
 * - Nothing of the program can stand between the shim and the kernel.
 *   Preloaded, the shim's calls to libc would bind to whatever the
 *   executable exports first (syscall(), prctl(), getenv(), strcmp()...).
 * - As an rtld-audit module (LD_AUDIT) the shim runs in a link namespace
 *   of its own, where glibc would be mapped and initialised a second time
 *   (about 0.2 ms per exec, measured): without libc it costs what an empty
 *   preloaded object costs.
 *
 * The functions keep their standard names and prototypes (from the system
 * headers), so src/core reads as plain C and the launcher links the same
 * code against glibc.  The list is in /work/notes and in shim/local.mk's
 * comment: a function missing here is a link error, never a silent libc
 * call.
 */
#ifndef LANDSHIM_SHIM_LIBC_H
#define LANDSHIM_SHIM_LIBC_H

#include <stddef.h>
#include <stdlib.h>

/* Unmap every block malloc() handed out (the shim calls it last). */
void libc_release_memory(void);

#endif
