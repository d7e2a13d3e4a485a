// SPDX-License-Identifier: GPL-2.0-or-later
/* Path resolution with the identities of the directories on the way. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"

/* What the kernel allows (MAXSYMLINKS). */
#define MAX_LINKS 40

static int push_level(struct resolved_path *r, const struct stat *st)
{
	struct path_level *level;

	if (r->nlevels == PATH_LEVELS_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	level = &r->levels[r->nlevels++];
	level->dev = st->st_dev;
	level->ino = st->st_ino;
	level->len = r->len;
	level->is_dir = S_ISDIR(st->st_mode);
	level->other_names = !level->is_dir && st->st_nlink > 1;
	return 0;
}

/* Back to level @nlevels - 1, which exists. */
static void truncate_to(struct resolved_path *r, size_t nlevels)
{
	r->nlevels = nlevels;
	r->len = r->levels[nlevels - 1].len;
	r->path[r->len] = '\0';
	r->exists = true;
}

/* "..": the kernel's walk stays at "/" there. */
static void pop(struct resolved_path *r)
{
	size_t deepest = r->levels[r->nlevels - 1].len;

	if (r->exists) {
		if (r->nlevels > 1)
			truncate_to(r, r->nlevels - 1);
		return;
	}
	/* Past the existing part: drop the last component as written. */
	while (r->len > deepest && r->path[r->len - 1] != '/')
		r->len--;
	if (r->len > 1 && r->len > deepest)
		r->len--;
	r->path[r->len] = '\0';
	if (r->len <= deepest)
		truncate_to(r, r->nlevels);
}

static int append(struct resolved_path *r, const char *name, size_t n)
{
	size_t slash = r->len > 1;

	if (r->len + slash + n >= sizeof(r->path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (slash)
		r->path[r->len++] = '/';
	memcpy(r->path + r->len, name, n);
	r->len += n;
	r->path[r->len] = '\0';
	return 0;
}

/* The components still to walk: a buffer read from @pos on. */
struct pending {
	char buf[2 * PATH_MAX];
	size_t pos;
};

/* @pending becomes the link's target, then what was left after it. */
static int splice_link(struct resolved_path *r, struct pending *pending)
{
	char target[PATH_MAX];
	ssize_t n = readlink(r->path, target, sizeof(target));
	size_t left = strlen(pending->buf + pending->pos);

	if (n < 0)
		return -1;
	if (n == 0 || (size_t)n >= sizeof(target) ||
	    (size_t)n + 1 + left >= sizeof(pending->buf)) {
		errno = n == 0 ? ENOENT : ENAMETOOLONG;
		return -1;
	}
	memmove(pending->buf + n + 1, pending->buf + pending->pos, left + 1);
	memcpy(pending->buf, target, (size_t)n);
	pending->buf[n] = '/';
	pending->pos = 0;
	/* A relative target is read from the link's directory. */
	truncate_to(r, target[0] == '/' ? 1 : r->nlevels);
	return 0;
}

/* Walk one component (@n bytes at @name) that is not "." nor "..". */
static int walk_component(struct resolved_path *r, struct pending *pending,
			  const char *name, size_t n, unsigned *links)
{
	struct stat st;

	if (append(r, name, n) < 0)
		return -1;
	if (!r->exists)
		return 0;
	if (lstat(r->path, &st) < 0) {
		/* Not there, or not ours to look at: the rest as written. */
		if (errno == ENOENT || errno == EACCES) {
			r->exists = false;
			return 0;
		}
		return -1;
	}
	if (!S_ISLNK(st.st_mode))
		return push_level(r, &st);
	if (++*links > MAX_LINKS) {
		errno = ELOOP;
		return -1;
	}
	return splice_link(r, pending);
}

static int start(struct resolved_path *r, struct pending *pending,
		 const char *path)
{
	struct stat st;
	size_t n = strlen(path), cwd = 0;

	if (path[0] != '/') {
		if (!getcwd(pending->buf, PATH_MAX))
			return -1;
		cwd = strlen(pending->buf);
		pending->buf[cwd++] = '/';
	}
	if (cwd + n >= sizeof(pending->buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(pending->buf + cwd, path, n + 1);
	pending->pos = 0;
	r->path[0] = '/';
	r->path[1] = '\0';
	r->len = 1;
	r->nlevels = 0;
	r->exists = true;
	if (lstat("/", &st) < 0)
		return -1;
	return push_level(r, &st);
}

int path_resolve(const char *path, struct resolved_path *r)
{
	struct pending pending;
	unsigned links = 0;

	if (start(r, &pending, path) < 0)
		return -1;
	for (;;) {
		const char *name = pending.buf + pending.pos;
		size_t n = 0;

		while (name[n] && name[n] != '/')
			n++;
		if (n == 0 && name[0] == '\0')
			return 0;
		pending.pos += n + (name[n] == '/');
		if (n == 0 || (n == 1 && name[0] == '.'))
			continue;
		if (n == 2 && name[0] == '.' && name[1] == '.') {
			pop(r);
			continue;
		}
		if (walk_component(r, &pending, name, n, &links) < 0)
			return -1;
	}
}
