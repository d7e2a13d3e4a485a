/* SPDX-License-Identifier: GPL-2.0-or-later */
/* "landshim: " messages on stderr, with levels, and die(). */
#ifndef LANDSHIM_LOG_H
#define LANDSHIM_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Exit status of every refusal: landshim's own error, like env(1). */
#define EXIT_LANDSHIM 125

extern enum log_level log_threshold;

/* Parse "error", "warn", "info", "debug"; -1 if not a level. */
int log_parse_level(const char *s);
const char *log_level_name(enum log_level level);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Print "landshim: <message>" and _exit(125). */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* The same, with ": strerror(errno)" appended. */
void die_with_error(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* Allocation that dies (125) instead of returning NULL. */
#define X_ALLOC __attribute__((returns_nonnull, warn_unused_result))
X_ALLOC void *xmalloc(size_t size);
X_ALLOC void *xcalloc(size_t n, size_t size);
X_ALLOC void *xrealloc(void *ptr, size_t size);
X_ALLOC char *xstrdup(const char *s);
X_ALLOC char *xstrndup(const char *s, size_t n);

#endif
