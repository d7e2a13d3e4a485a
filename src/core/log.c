// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

enum log_level log_threshold = LOG_WARN;

static const char *const level_names[] = { "error", "warn", "info", "debug" };

int log_parse_level(const char *s)
{
	for (int i = LOG_ERROR; i <= LOG_DEBUG; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

const char *log_level_name(enum log_level level)
{
	return level_names[level];
}

/*
 * One write(2) per message, so that lines from several sandboxed processes
 * never interleave, and no stdio buffer is touched before main().
 */
static void log_write(const char *fmt, va_list ap, int errnum)
{
	char buf[1024];
	size_t cap = sizeof(buf) - 1; /* room for the newline */
	size_t len = 0;
	int n;

	memcpy(buf, "landshim: ", 10);
	len = 10;
	n = vsnprintf(buf + len, cap - len, fmt, ap);
	if (n > 0)
		len = len + (size_t)n < cap ? len + (size_t)n : cap - 1;
	if (errnum) {
		n = snprintf(buf + len, cap - len, ": %s", strerror(errnum));
		if (n > 0)
			len = len + (size_t)n < cap ? len + (size_t)n : cap - 1;
	}
	buf[len++] = '\n';
	while (write(STDERR_FILENO, buf, len) < 0 && errno == EINTR)
		;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	if (level > log_threshold)
		return;
	va_start(ap, fmt);
	log_write(fmt, ap, 0);
	va_end(ap);
	errno = saved;
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write(fmt, ap, 0);
	va_end(ap);
	_exit(EXIT_LANDSHIM);
}

void die_with_error(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	log_write(fmt, ap, errnum);
	va_end(ap);
	_exit(EXIT_LANDSHIM);
}

static void *check_alloc(void *p)
{
	if (!p)
		die("out of memory");
	return p;
}

void *xmalloc(size_t size)
{
	return check_alloc(malloc(size ? size : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return check_alloc(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *ptr, size_t size)
{
	return check_alloc(realloc(ptr, size ? size : 1));
}

char *xstrdup(const char *s)
{
	return check_alloc(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
	return check_alloc(strndup(s, n));
}
