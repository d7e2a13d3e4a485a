// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /etc/ld.so.cache, read as glibc's ld.so reads it: pure functions of the
 * image, so that the ELF resolver, the shim (which links no libc) and the
 * fuzzers share one parser.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "ldcache.h"

/*
 * /etc/ld.so.cache, new format: a 48-byte header (magic and version,
 * nlibs, string table length, flags, ...) then nlibs 24-byte entries
 * (flags, key, value, osversion, hwcap); key and value are string offsets
 * from the start of that header.  An old-format table (magic, nlibs,
 * 12-byte entries) may come first, then the new header at the next
 * 8-byte boundary.
 */
#define CACHE_MAGIC_OLD	 "ld.so-1.7.0"
#define CACHE_MAGIC_NEW	 "glibc-ld.so.cache1.1"
#define CACHE_OLD_HEADER 16
#define CACHE_OLD_ENTRY	 12
#define CACHE_NEW_HEADER 48
#define CACHE_NEW_ENTRY	 24
#define CACHE_NLIBS_AT	 20
#define CACHE_FLAGS_AT	 28
#define CACHE_KEY_AT	 4
#define CACHE_VALUE_AT	 8
/* The byte order field of the header flags. */
#define CACHE_ENDIAN_MASK  3
#define CACHE_ENDIAN_UNSET 0
#define CACHE_ENDIAN_HOST  (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 3 : 2)

static uint32_t load_u32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Offset of the new-format header, or -1. */
static int64_t cache_new_header(const unsigned char *img, size_t size)
{
	uint64_t at = 0;

	if (size >= CACHE_OLD_HEADER &&
	    memcmp(img, CACHE_MAGIC_OLD, strlen(CACHE_MAGIC_OLD)) == 0) {
		at = CACHE_OLD_HEADER +
		     (uint64_t)load_u32(img + 12) * CACHE_OLD_ENTRY;
		at = (at + 7) & ~(uint64_t)7;
	}
	if (at > size || size - at < CACHE_NEW_HEADER ||
	    memcmp(img + at, CACHE_MAGIC_NEW, strlen(CACHE_MAGIC_NEW)) != 0)
		return -1;
	return (int64_t)at;
}

/* The new-format table: its header in *base (string offsets count from
 * there, avail bytes on) and entry count; -1 unless the header and every
 * string offset are inside the image. */
static int cache_table(const unsigned char *img, size_t size,
		       const unsigned char **base, size_t *avail,
		       uint32_t *nlibs)
{
	int64_t at = cache_new_header(img, size);
	int endian;

	if (at < 0)
		return -1;
	*base = img + at;
	*avail = size - (size_t)at;
	*nlibs = load_u32(*base + CACHE_NLIBS_AT);
	endian = (*base)[CACHE_FLAGS_AT] & CACHE_ENDIAN_MASK;
	if ((endian != CACHE_ENDIAN_UNSET && endian != CACHE_ENDIAN_HOST) ||
	    *nlibs > (*avail - CACHE_NEW_HEADER) / CACHE_NEW_ENTRY)
		return -1;
	for (uint32_t i = 0; i < *nlibs; i++) {
		const unsigned char *e =
		    *base + CACHE_NEW_HEADER + (size_t)i * CACHE_NEW_ENTRY;

		if (load_u32(e + CACHE_KEY_AT) >= *avail ||
		    load_u32(e + CACHE_VALUE_AT) >= *avail)
			return -1;
	}
	return 0;
}

int ld_cache_lookup(const void *image, size_t size, const char *name,
		    int (*fn)(const char *path, void *arg), void *arg)
{
	const unsigned char *base;
	size_t avail, name_size = name ? strlen(name) + 1 : 0;
	uint32_t nlibs;

	if (cache_table(image, size, &base, &avail, &nlibs) != 0)
		return -1;
	for (uint32_t i = 0; i < nlibs; i++) {
		const unsigned char *e =
		    base + CACHE_NEW_HEADER + (size_t)i * CACHE_NEW_ENTRY;
		uint32_t key = load_u32(e + CACHE_KEY_AT);
		uint32_t value = load_u32(e + CACHE_VALUE_AT);
		size_t value_max = avail - value;
		int ret;

		if (name && (avail - key < name_size ||
			     memcmp(base + key, name, name_size) != 0))
			continue;
		if (value_max > PATH_MAX)
			value_max = PATH_MAX;
		if (!memchr(base + value, '\0', value_max))
			continue; /* no path, no candidate */
		ret = fn((const char *)base + value, arg);
		if (ret)
			return ret;
	}
	return 0;
}

bool ld_cache_valid(const void *image, size_t size)
{
	const unsigned char *base;
	size_t avail;
	uint32_t nlibs;

	return cache_table(image, size, &base, &avail, &nlibs) == 0;
}
