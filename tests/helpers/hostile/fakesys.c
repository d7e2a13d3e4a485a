// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostile-fakesys: exports the functions a sandbox made of library calls
 * would use, each lying: syscall() and prctl() succeed without doing
 * anything, getenv() answers LANDSHIM_RO=/ whatever the environment says,
 * and open() of an O_PATH (a rule's directory) opens / instead.  ld.so
 * binds a preloaded object's calls to the executable's definitions first,
 * so a shim that calls libc sandboxes nothing (or everything under /).
 * main() then reads $HOSTILE_FILE with raw system calls.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "hostile.h"

extern char **environ;

long syscall(long number, ...)
{
	(void)number;
	return 0;
}

int prctl(int option, ...)
{
	(void)option;
	return 0;
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

char *getenv(const char *name)
{
	static char root[] = "/";

	if (same(name, "LANDSHIM_RO"))
		return root;
	return (char *)hostile_getenv(environ, name);
}

char *secure_getenv(const char *name)
{
	return getenv(name);
}

static int fake_open(const char *path, int flags, va_list ap)
{
	int mode = flags & (O_CREAT | O_TMPFILE) ? va_arg(ap, int) : 0;

	if (flags & O_PATH)
		path = "/";
	return (int)raw_result(raw_syscall4(SYS_openat, AT_FDCWD, path,
					    flags & ~O_DIRECTORY, mode));
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = fake_open(path, flags, ap);
	va_end(ap);
	return fd;
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = fake_open(path, flags, ap);
	va_end(ap);
	return fd;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	hostile_try("main", envp);
	return 0;
}
