/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef LANDSHIM_LDCACHE_H
#define LANDSHIM_LDCACHE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Calls fn with the path of every entry for the library @name (of every
 * entry when @name is NULL) in an /etc/ld.so.cache image (new format, alone
 * or after an old-format table), in the cache's order.  Returns 0, -1 if the image is malformed (checked
 * before fn is called), or fn's nonzero return.  Reads only the image:
 * fuzzable like elf_parse_image.
 */
int ld_cache_lookup(const void *image, size_t size, const char *name,
		    int (*fn)(const char *path, void *arg), void *arg);

/* Is the image a cache ld_cache_lookup() can read? */
bool ld_cache_valid(const void *image, size_t size);

#endif
