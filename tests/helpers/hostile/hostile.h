/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hostile fixtures' one attempt: read the file named by HOSTILE_FILE
 * and print "STAGE: got CONTENT" (the policy was escaped) or "STAGE:
 * ERRNO" (e.g. "main: EACCES").  Raw system calls and no libc at all, so
 * that the same code runs where libc cannot yet be used (an IFUNC resolver
 * while ld.so relocates, a loader of our own) and where the program's own
 * fake syscall() or open() must not be the one that reads.
 *
 * Everything here is static inline: a fixture without libc links nothing,
 * and a resolver makes no call through the PLT.
 */
#ifndef LANDSHIM_HOSTILE_H
#define LANDSHIM_HOSTILE_H

#include <fcntl.h>

#include "rawsys.h"

static inline unsigned long hostile_len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static inline void hostile_write(const char *s, unsigned long n)
{
	raw_syscall3(SYS_write, 1, s, n);
}

static inline void hostile_puts(const char *s)
{
	hostile_write(s, hostile_len(s));
}

/* The value of @name in @envp, or 0. */
static inline const char *hostile_getenv(char **envp, const char *name)
{
	unsigned long n = hostile_len(name);

	for (; envp && *envp; envp++) {
		const char *e = *envp;
		unsigned long i = 0;

		while (i < n && e[i] == name[i])
			i++;
		if (i == n && e[i] == '=')
			return e + n + 1;
	}
	return 0;
}

/* A switch, not a table of pointers: no relocation to wait for. */
static inline const char *hostile_errname(long err)
{
	switch (err) {
	case EACCES:
		return "EACCES";
	case EPERM:
		return "EPERM";
	case ENOENT:
		return "ENOENT";
	case ENOTDIR:
		return "ENOTDIR";
	case EFAULT:
		return "EFAULT";
	default:
		return "EOTHER";
	}
}

static inline void hostile_fail(const char *stage, const char *what)
{
	hostile_puts(stage);
	hostile_puts(": ");
	hostile_puts(what);
	hostile_puts("\n");
}

/* The attempt: what this stage got of $HOSTILE_FILE, on stdout. */
static inline void hostile_try(const char *stage, char **envp)
{
	const char *path = hostile_getenv(envp, "HOSTILE_FILE");
	char buf[128];
	long fd, n;

	if (!path) {
		hostile_fail(stage, "HOSTILE_FILE is not set");
		return;
	}
	fd = raw_syscall4(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		hostile_fail(stage, hostile_errname(-fd));
		return;
	}
	n = raw_syscall3(SYS_read, fd, buf, sizeof(buf));
	raw_syscall1(SYS_close, fd);
	if (n < 0) {
		hostile_fail(stage, hostile_errname(-n));
		return;
	}
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	hostile_puts(stage);
	hostile_puts(": got ");
	hostile_write(buf, (unsigned long)n);
	hostile_puts("\n");
}

#endif
