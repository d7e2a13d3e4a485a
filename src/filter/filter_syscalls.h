/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system calls the filter inspects, by name.  Each architecture's
 * numbers come from its own kernel header, one translation unit each
 * (asm/unistd_64.h and asm/unistd_32.h define the same names): filter.c
 * for the native one, filter_i386.c for i386.  A name the architecture
 * lacks (socketcall on x86_64, open on aarch64) has the number -1.
 */
#ifndef LANDSHIM_FILTER_SYSCALLS_H
#define LANDSHIM_FILTER_SYSCALLS_H

#define FILTER_SYSCALLS(X)                                                  \
	X(openat) X(open) X(ioctl) X(creat) X(openat2) X(chmod) X(fchmod)   \
	X(fchmodat) X(fchmodat2) X(mknod) X(mknodat) X(socket)              \
	X(socketpair) X(sendto) X(sendmsg) X(sendmmsg) X(socketcall)        \
	X(io_uring_setup) X(io_uring_enter) X(io_uring_register)

#define FILTER_SYSCALL_ENUM(name) FSYS_##name,
enum filter_syscall { FILTER_SYSCALLS(FILTER_SYSCALL_ENUM) FSYS_COUNT };

/* Numbers of the newest calls, where an older header lacks them. */
#define FILTER_NR_FCHMODAT2 452
#define FILTER_NR_OPENAT2 437
#define FILTER_NR_IO_URING_SETUP 425
#define FILTER_NR_IO_URING_ENTER 426
#define FILTER_NR_IO_URING_REGISTER 427

/* Indexed by enum filter_syscall; -1 where the architecture lacks it. */
extern const int filter_nr_native[FSYS_COUNT];
#if defined(__x86_64__)
extern const int filter_nr_i386[FSYS_COUNT];
#endif

#endif
