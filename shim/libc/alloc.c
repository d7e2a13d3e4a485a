// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * malloc() for the shim: a bump allocator over anonymous mappings.  The
 * shim allocates a policy, applies it and is done before the program
 * starts, so free() returns nothing and libc_release_memory() unmaps it
 * all at the end: the program never sees a byte of it.
 */
#include "config.h"

#include "libc.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define ALIGN	  16
#define BLOCK_MIN (256 * 1024)

struct block {
	struct block *next;
	size_t size, used;
};

/* Before each allocation: its size, for realloc(). */
struct header {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

static struct block *blocks;

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) / to * to;
}

static struct block *new_block(size_t need)
{
	size_t size = round_up(need + sizeof(struct block), BLOCK_MIN);
	struct block *b = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		return NULL;
	b->next = blocks;
	b->size = size;
	b->used = round_up(sizeof(struct block), ALIGN);
	blocks = b;
	return b;
}

void *malloc(size_t size)
{
	size_t need;
	struct header *h;
	struct block *b = blocks;

	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	need = round_up(size + sizeof(*h), ALIGN);
	if (!b || b->size - b->used < need)
		b = new_block(need);
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	h = (struct header *)((char *)b + b->used);
	h->size = size;
	b->used += need;
	return h + 1;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	/* Fresh mappings are zero, but a block may be reused: clear it. */
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void free(void *p)
{
	(void)p;
}

void *realloc(void *p, size_t size)
{
	struct header *h;
	void *q;

	if (!p)
		return malloc(size);
	h = (struct header *)p - 1;
	if (size <= h->size)
		return p;
	q = malloc(size);
	if (q)
		memcpy(q, p, h->size);
	return q;
}

void libc_release_memory(void)
{
	while (blocks) {
		struct block *next = blocks->next;

		munmap(blocks, blocks->size);
		blocks = next;
	}
}
