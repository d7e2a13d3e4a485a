/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * System calls without libc: an instruction, not a symbol.  The shim uses
 * them so that no function of the program it sandboxes (an executable may
 * export its own syscall() or prctl()) sits between it and the kernel; the
 * launcher uses the same code, so both make exactly the same calls.
 *
 * raw_syscallN() returns what the kernel returns: a result >= 0, or -errno.
 * raw_result() turns that into the C convention (-1 and errno set).
 */
#ifndef LANDSHIM_RAWSYS_H
#define LANDSHIM_RAWSYS_H

#include <errno.h>
#include <sys/syscall.h>

#if defined(__x86_64__)

static inline long raw_syscall6(long n, long a1, long a2, long a3, long a4,
				long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#elif defined(__aarch64__)

static inline long raw_syscall6(long n, long a1, long a2, long a3, long a4,
				long a5, long a6)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a1;
	register long x1 __asm__("x1") = a2;
	register long x2 __asm__("x2") = a3;
	register long x3 __asm__("x3") = a4;
	register long x4 __asm__("x4") = a5;
	register long x5 __asm__("x5") = a6;

	__asm__ volatile("svc 0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			   "r"(x5)
			 : "memory", "cc");
	return x0;
}

#else
#error "landshim: raw system calls are written for x86_64 and aarch64 only"
#endif

#define raw_syscall0(n) raw_syscall6((n), 0, 0, 0, 0, 0, 0)
#define raw_syscall1(n, a) raw_syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define raw_syscall2(n, a, b) \
	raw_syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define raw_syscall3(n, a, b, c) \
	raw_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define raw_syscall4(n, a, b, c, d) \
	raw_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define raw_syscall5(n, a, b, c, d, e)                                    \
	raw_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d),     \
		     (long)(e), 0)

/* The kernel's -errno as -1 with errno set, for callers in C style. */
static inline long raw_result(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

#endif
