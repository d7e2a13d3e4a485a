// SPDX-License-Identifier: GPL-2.0-or-later
/* strerror() and qsort() for the shim (see libc.h). */
#include "config.h"

#include "libc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* glibc's wording, for the errors the shim can meet and report. */
static const struct {
	int err;
	const char *text;
} errors[] = {
    {EPERM, "Operation not permitted"},
    {ENOENT, "No such file or directory"},
    {ESRCH, "No such process"},
    {EINTR, "Interrupted system call"},
    {EIO, "Input/output error"},
    {ENXIO, "No such device or address"},
    {E2BIG, "Argument list too long"},
    {ENOEXEC, "Exec format error"},
    {EBADF, "Bad file descriptor"},
    {ECHILD, "No child processes"},
    {EAGAIN, "Resource temporarily unavailable"},
    {ENOMEM, "Cannot allocate memory"},
    {EACCES, "Permission denied"},
    {EFAULT, "Bad address"},
    {EBUSY, "Device or resource busy"},
    {EEXIST, "File exists"},
    {EXDEV, "Invalid cross-device link"},
    {ENODEV, "No such device"},
    {ENOTDIR, "Not a directory"},
    {EISDIR, "Is a directory"},
    {EINVAL, "Invalid argument"},
    {ENFILE, "Too many open files in system"},
    {EMFILE, "Too many open files"},
    {ETXTBSY, "Text file busy"},
    {EFBIG, "File too large"},
    {ENOSPC, "No space left on device"},
    {EROFS, "Read-only file system"},
    {EMLINK, "Too many links"},
    {EPIPE, "Broken pipe"},
    {ERANGE, "Numerical result out of range"},
    {ENAMETOOLONG, "File name too long"},
    {ENOSYS, "Function not implemented"},
    {ELOOP, "Too many levels of symbolic links"},
    {ENOMSG, "No message of desired type"},
    {EOVERFLOW, "Value too large for defined data type"},
    {EBADFD, "File descriptor in bad state"},
    {EOPNOTSUPP, "Operation not supported"},
    {ESTALE, "Stale file handle"},
};

char *strerror(int err)
{
	static char unknown[32];

	for (size_t i = 0; i < sizeof(errors) / sizeof(*errors); i++)
		if (errors[i].err == err)
			return (char *)errors[i].text;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

static void sift_down(char *a, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    cmp(a + child * size, a + (child + 1) * size) < 0)
			child++;
		if (cmp(a + root * size, a + child * size) >= 0)
			return;
		swap(a + root * size, a + child * size, size);
		root = child;
	}
}

/* Heapsort: no recursion, no allocation, n log n. */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *a = base;

	for (size_t i = n / 2; i-- > 0;)
		sift_down(a, i, n, size, cmp);
	for (size_t end = n; end-- > 1;) {
		swap(a, a + end * size, size);
		sift_down(a, 0, end, size, cmp);
	}
}

/*
 * Built with -fstack-protector (distribution flags come after ours), the
 * shim's own canary check: a smashed stack ends the program, closed.
 */
__attribute__((noreturn)) void __stack_chk_fail(void);
__attribute__((noreturn)) void __stack_chk_fail(void)
{
	static const char msg[] = "landshim: stack smashing detected\n";

	write(2, msg, sizeof(msg) - 1);
	_exit(125);
}
