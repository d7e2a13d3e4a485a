/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One architecture's numbers for the names of filter_syscalls.h, from the
 * __NR_* macros of whichever <asm/unistd*.h> the including file chose.
 * Included once per table (filter_native.c, filter_i386.c).
 */
#include "filter_syscalls.h"

/* Calls an architecture may not have (aarch64 has only the *at forms). */
#ifndef __NR_open
#define __NR_open -1
#endif
#ifndef __NR_creat
#define __NR_creat -1
#endif
#ifndef __NR_chmod
#define __NR_chmod -1
#endif
#ifndef __NR_mknod
#define __NR_mknod -1
#endif
#ifndef __NR_socketcall
#define __NR_socketcall -1
#endif
/* Newer than some headers (Debian 12's are Linux 6.1's): the numbers are
 * the same on every architecture since Linux 5.1. */
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 FILTER_NR_FCHMODAT2
#endif
#ifndef __NR_openat2
#define __NR_openat2 FILTER_NR_OPENAT2
#endif
#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup FILTER_NR_IO_URING_SETUP
#define __NR_io_uring_enter FILTER_NR_IO_URING_ENTER
#define __NR_io_uring_register FILTER_NR_IO_URING_REGISTER
#endif

#define FILTER_NR_ENTRY(name) [FSYS_##name] = __NR_##name,
