// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The system calls the shim's code makes through libc names, each one an
 * instruction (src/core/rawsys.h), with errno set the C way.  errno is one
 * variable: the shim runs before the program has a second thread that
 * could call into it.
 */
#include "config.h"

#include "libc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rawsys.h"

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}

/* open() and openat() take a mode only when they may create. */
static mode_t mode_arg(int flags, va_list ap)
{
	return flags & (O_CREAT | O_TMPFILE) ? va_arg(ap, mode_t) : 0;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return (int)raw_result(
	    raw_syscall4(SYS_openat, dirfd, path, flags, mode));
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return (int)raw_result(
	    raw_syscall4(SYS_openat, AT_FDCWD, path, flags, mode));
}

int close(int fd)
{
	return (int)raw_result(raw_syscall1(SYS_close, fd));
}

ssize_t read(int fd, void *buf, size_t n)
{
	return raw_result(raw_syscall3(SYS_read, fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	return raw_result(raw_syscall4(SYS_pread64, fd, buf, n, offset));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return raw_result(raw_syscall3(SYS_write, fd, buf, n));
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t n)
{
	return raw_result(raw_syscall4(SYS_readlinkat, dirfd, path, buf, n));
}

ssize_t readlink(const char *path, char *buf, size_t n)
{
	return readlinkat(AT_FDCWD, path, buf, n);
}

char *getcwd(char *buf, size_t size)
{
	char *own = NULL;
	long n;

	if (!buf) {
		size = PATH_MAX;
		buf = own = malloc(size);
		if (!buf)
			return NULL;
	}
	n = raw_result(raw_syscall2(SYS_getcwd, buf, size));
	/* A path the kernel marks "(unreachable)" is no path. */
	if (n >= 0 && buf[0] != '/') {
		errno = ENOENT;
		n = -1;
	}
	if (n < 0) {
		free(own);
		return NULL;
	}
	return buf;
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return (int)raw_result(
	    raw_syscall4(SYS_newfstatat, dirfd, path, st, flags));
}

int fstat(int fd, struct stat *st)
{
	return fstatat(fd, "", st, AT_EMPTY_PATH);
}

int stat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *path, struct stat *st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

ssize_t getdents64(int fd, void *buf, size_t n)
{
	return raw_result(raw_syscall3(SYS_getdents64, fd, buf, n));
}

void _exit(int status)
{
	for (;;)
		raw_syscall1(SYS_exit_group, status);
}

pid_t getpid(void)
{
	return (pid_t)raw_syscall0(SYS_getpid);
}

uid_t getuid(void)
{
	return (uid_t)raw_syscall0(SYS_getuid);
}

uid_t geteuid(void)
{
	return (uid_t)raw_syscall0(SYS_geteuid);
}

gid_t getgid(void)
{
	return (gid_t)raw_syscall0(SYS_getgid);
}

gid_t getegid(void)
{
	return (gid_t)raw_syscall0(SYS_getegid);
}

int prctl(int option, ...)
{
	unsigned long a[4];
	va_list ap;

	va_start(ap, option);
	for (int i = 0; i < 4; i++)
		a[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)raw_result(
	    raw_syscall5(SYS_prctl, option, a[0], a[1], a[2], a[3]));
}

int unshare(int flags)
{
	return (int)raw_result(raw_syscall1(SYS_unshare, flags));
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long ret =
	    raw_syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);

	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return MAP_FAILED;
	}
	return (void *)ret;
}

int munmap(void *addr, size_t len)
{
	return (int)raw_result(raw_syscall2(SYS_munmap, addr, len));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)raw_result(raw_syscall3(SYS_fcntl, fd, cmd, arg));
}

/* The kernel's name for the file @path opens: no lookup of our own. */
char *realpath(const char *path, char *resolved)
{
	char link[32], *out = resolved ? resolved : malloc(PATH_MAX);
	int fd = open(path, O_PATH | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0 && out) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, out, PATH_MAX - 1);
	}
	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		if (!resolved)
			free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}
