// SPDX-License-Identifier: GPL-2.0-or-later
/* Carving rules out of broader ones (carve.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carve.h"
#include "log.h"
#include "rawsys.h"

/* Rights that create an entry in a directory (rename into it included). */
#define CARVE_CREATE                                                   \
	(LL_FS_MAKE_CHAR | LL_FS_MAKE_DIR | LL_FS_MAKE_REG |           \
	 LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO | LL_FS_MAKE_BLOCK |        \
	 LL_FS_MAKE_SYM | LL_FS_REFER)

/* Directories deeper than this below a rule are refused: a loop. */
#define CARVE_DEPTH_MAX PATH_LEVELS_MAX

#define DIRENT_BUF 16384

/* An object on the way from the rule being carved to its carvings. */
struct carve_node {
	dev_t dev;
	ino_t ino;
	const char *name; /* in its directory (in a target's path) */
	size_t name_len;
	bool way;     /* a carving lies beneath: list it, keep only listing */
	bool carved;  /* a carving: rights beneath cut to @keep */
	uint64_t keep;
};

/* The kernel's struct linux_dirent64. */
struct dirent64_raw {
	uint64_t d_ino;
	// cppcheck-suppress unusedStructMember
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

bool policy_path_is_carving(const struct policy_path *pp)
{
	return pp->set & (LL_SET_DENY | LL_SET_READ_ONLY);
}

/* ---- Resolving the carvings ---- */

static int add_target(struct policy *p, struct carve *c, size_t i,
		      const struct resolved_path *r)
{
	const struct policy_path *pp = &p->paths[i];
	struct carve_target *t;

	char hint[160];

	if (!r->exists && !pp->optional && !p->ignore_missing)
		return policy_error(p, "%s: %s: %s%s", pp->origin, pp->path,
				    strerror(ENOENT),
				    policy_list_hint(pp, hint, sizeof(hint)));
	c->targets = xrealloc(c->targets,
			      (c->ntargets + 1) * sizeof(*c->targets));
	t = &c->targets[c->ntargets++];
	memset(t, 0, sizeof(*t));
	t->index = i;
	t->path = xstrdup(r->path);
	t->nlevels = r->nlevels;
	t->levels = xmalloc(r->nlevels * sizeof(*t->levels));
	memcpy(t->levels, r->levels, r->nlevels * sizeof(*t->levels));
	t->exists = r->exists;
	t->keep = (pp->set & LL_SET_DENY) ? 0 : CARVE_KEEP_READ_ONLY;
	return 0;
}

int carve_open(struct policy *p, struct carve *c)
{
	struct resolved_path *r = NULL;
	int ret = 0;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < p->npaths && ret == 0; i++) {
		const struct policy_path *pp = &p->paths[i];

		if (!policy_path_is_carving(pp))
			continue;
		if (!r)
			r = xmalloc(sizeof(*r));
		if (path_resolve(pp->path, r) == 0) {
			ret = add_target(p, c, i, r);
		} else if (errno == ENOTDIR && (pp->optional ||
						 p->ignore_missing)) {
			log_debug("%s: %s: beneath a file, skipped (optional)",
				  pp->origin, pp->path);
		} else {
			ret = policy_error(p, "%s: %s: %s", pp->origin,
					   pp->path, strerror(errno));
		}
	}
	free(r);
	return ret;
}

int policy_check_carvings(struct policy *p)
{
	struct carve c;
	int ret = carve_open(p, &c);

	carve_close(&c);
	return ret;
}

void carve_close(struct carve *c)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		free(c->targets[i].path);
		free(c->targets[i].levels);
	}
	free(c->targets);
	free(c->nodes);
	memset(c, 0, sizeof(*c));
}

/* ---- The way of one rule ---- */

static struct carve_node *find_node(const struct carve *c, dev_t dev,
				    ino_t ino)
{
	for (size_t i = 0; i < c->nnodes; i++)
		if (c->nodes[i].dev == dev && c->nodes[i].ino == ino)
			return &c->nodes[i];
	return NULL;
}

static void add_node(struct carve *c, const struct carve_target *t, size_t j,
		     bool way, bool carved, uint64_t keep)
{
	const struct path_level *level = &t->levels[j];
	struct carve_node *n = find_node(c, level->dev, level->ino);
	size_t start = t->levels[j - 1].len + (j > 1);

	if (!n) {
		if (c->nnodes == c->nodes_cap) {
			c->nodes_cap = c->nodes_cap ? 2 * c->nodes_cap : 16;
			c->nodes = xrealloc(c->nodes,
					    c->nodes_cap * sizeof(*c->nodes));
		}
		n = &c->nodes[c->nnodes++];
		*n = (struct carve_node){ level->dev,	   level->ino,
					  t->path + start, level->len - start,
					  false,	   false,
					  ~0ULL };
	}
	n->way |= way;
	if (carved) {
		n->carved = true;
		n->keep &= keep; /* deny wins over read-only */
	}
}

/* The level of @t that is the rule's object, or -1: not beneath it. */
static long level_of(const struct carve_target *t, const struct stat *rule)
{
	for (size_t k = t->nlevels; k-- > 0;)
		if (path_level_is(&t->levels[k], rule->st_dev, rule->st_ino))
			return (long)k;
	return -1;
}

/*
 * Does @t take anything away from a rule with @rights at its level @k?
 * Not when the rule is on @t itself (an explicit rule applies as given).
 */
static bool narrows(const struct carve_target *t, size_t k, uint64_t rights)
{
	if (!t->exists)
		return rights & CARVE_CREATE; /* it could be created */
	return k + 1 < t->nlevels && (rights & ~t->keep);
}

/* The nodes of every carving that narrows the rule: how many apply. */
static unsigned collect_way(struct carve *c, const struct stat *rule,
			    uint64_t rights)
{
	unsigned applied = 0;

	c->nnodes = 0;
	for (size_t i = 0; i < c->ntargets; i++) {
		struct carve_target *t = &c->targets[i];
		long k = level_of(t, rule);
		size_t last = t->nlevels - 1;

		t->applies = k >= 0 && narrows(t, (size_t)k, rights);
		if (!t->applies)
			continue;
		t->at = (size_t)k;
		applied++;
		for (size_t j = t->at + 1; j < last; j++)
			add_node(c, t, j, true, false, 0);
		if (t->exists && t->levels[last].other_names)
			log_warn("%s: has other names (hard links): they are "
				 "not carved with it",
				 t->path);
		if (t->exists && last > t->at)
			add_node(c, t, last, false, true, t->keep);
		else if (last > t->at)
			add_node(c, t, last, true, false, 0);
	}
	return applied;
}

/* ---- Walking it ---- */

/* Entries' descriptors are closed in batches (close_range). */
#define CLOSE_BATCH 64

struct walk {
	struct carve *c;
	struct policy *p;
	carve_emit_fn emit;
	void *arg;
	char path[PATH_MAX];
	size_t len;
	int open_fds[CLOSE_BATCH];
	size_t nopen;
};

static int walk_dir(struct walk *w, int dir, uint64_t rights,
		    unsigned depth);

static int compare_fd(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Close the batch, one system call per run of consecutive numbers. */
static void close_batch(struct walk *w)
{
	size_t i = 0;

	qsort(w->open_fds, w->nopen, sizeof(*w->open_fds), compare_fd);
	while (i < w->nopen) {
		size_t j = i;

		while (j + 1 < w->nopen &&
		       w->open_fds[j + 1] == w->open_fds[j] + 1)
			j++;
		/* Every number in the run is ours: we hold it open. */
		if (raw_syscall3(SYS_close_range, w->open_fds[i],
				 w->open_fds[j], 0) < 0)
			for (size_t k = i; k <= j; k++)
				close(w->open_fds[k]);
		i = j + 1;
	}
	w->nopen = 0;
}

static void close_later(struct walk *w, int fd)
{
	if (w->nopen == CLOSE_BATCH)
		close_batch(w);
	w->open_fds[w->nopen++] = fd;
}

/*
 * Could the entry be on the way?  Its name or inode is a node's, or its
 * type is unknown.  Only those are fstat()ed: a node renamed onto another
 * name after the listing is found by check_unmoved().
 */
static bool maybe_node(const struct carve *c, const struct dirent64_raw *d)
{
	size_t n = strlen(d->d_name);

	if (d->d_type == DT_UNKNOWN)
		return true;
	for (size_t i = 0; i < c->nnodes; i++)
		if (c->nodes[i].ino == d->d_ino ||
		    (c->nodes[i].name_len == n &&
		     memcmp(c->nodes[i].name, d->d_name, n) == 0))
			return true;
	return false;
}

/* What is open as @fd: is it a directory, is it a node? -1: no rule. */
static int identify(const struct walk *w, int fd, bool *is_dir,
		    const struct carve_node **node)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || S_ISLNK(st.st_mode))
		return -1;
	*is_dir = S_ISDIR(st.st_mode);
	*node = find_node(w->c, st.st_dev, st.st_ino);
	return 0;
}

/*
 * The rules for one entry of a directory on the way.  A symbolic link
 * gets none: its target is where the kernel checks, as without carving.
 * An entry that changed type since the listing gets the rights of its
 * listed type, or none (O_DIRECTORY), never more.
 */
static int walk_entry(struct walk *w, int dir, const struct dirent64_raw *d,
		      uint64_t rights, unsigned depth)
{
	const char *name = d->d_name;
	size_t n = strlen(name), len = w->len;
	const struct carve_node *node = NULL;
	bool is_dir = d->d_type == DT_DIR, check = maybe_node(w->c, d);
	int fd, ret = 0;

	if (d->d_type == DT_LNK)
		return 0;
	if (len + 1 + n >= sizeof(w->path)) {
		log_debug("%s/%s: path too long, no rule", w->path, name);
		return 0;
	}
	/* Gone since it was listed, or not ours to open: no rule for it. */
	fd = openat(dir, name,
		    O_PATH | O_NOFOLLOW | O_CLOEXEC |
			    (is_dir && !check ? O_DIRECTORY : 0));
	if (fd < 0)
		return 0;
	if (check && identify(w, fd, &is_dir, &node) < 0)
		goto out;
	if (node && node->carved)
		rights &= node->keep;
	if (!is_dir)
		rights &= LL_FS_FILE_RIGHTS;
	if (!rights)
		goto out;
	w->path[len] = '/';
	memcpy(w->path + len + 1, name, n + 1);
	w->len = len + 1 + n;
	if (node && node->way && is_dir)
		ret = walk_dir(w, fd, rights, depth + 1);
	else
		ret = w->emit(w->arg, fd, w->path, rights);
	w->len = len;
	w->path[len] = '\0';
out:
	close_later(w, fd);
	return ret;
}

static bool is_dot(const char *name)
{
	return name[0] == '.' &&
	       (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

/* Each entry of @list (open for reading), until the end or an error. */
static int walk_entries(struct walk *w, int dir, int list, char *buf,
			uint64_t rights, unsigned depth)
{
	for (;;) {
		ssize_t n = getdents64(list, buf, DIRENT_BUF);

		if (n == 0)
			return 0;
		if (n < 0)
			return policy_error(w->p, "%s: cannot list it to carve "
						  "it: %s",
					    w->path, strerror(errno));
		for (ssize_t off = 0; off < n;) {
			const struct dirent64_raw *d =
				(const void *)(buf + off);

			off += d->d_reclen;
			if (!is_dot(d->d_name) &&
			    walk_entry(w, dir, d, rights, depth) < 0)
				return -1;
		}
	}
}

/* A directory on the way: listing it, and rules for what is in it. */
static int walk_dir(struct walk *w, int dir, uint64_t rights,
		    unsigned depth)
{
	char *buf;
	int list, ret;

	if (depth > CARVE_DEPTH_MAX)
		return policy_error(w->p, "%s: nested too deep to carve",
				    w->path);
	if ((rights & LL_FS_READ_DIR) &&
	    w->emit(w->arg, dir, w->path, LL_FS_READ_DIR) < 0)
		return -1;
	list = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (list < 0) {
		/* Narrower, never wider: nothing beneath it is allowed. */
		log_info("%s: cannot list it to carve it (%s): nothing "
			 "beneath it is allowed",
			 w->path, strerror(errno));
		return 0;
	}
	buf = xmalloc(DIRENT_BUF);
	ret = walk_entries(w, dir, list, buf, rights, depth);
	free(buf);
	close(list);
	return ret;
}

/* ---- Checking that nothing moved ---- */

/* Is the prefix of @t's path at @len still the object of @level? */
static bool still_there(const struct carve_target *t, size_t len,
			const struct path_level *level)
{
	char prefix[PATH_MAX];
	struct stat st;

	memcpy(prefix, t->path, len);
	prefix[len] = '\0';
	if (!level)
		return lstat(prefix, &st) < 0 &&
		       (errno == ENOENT || errno == EACCES);
	return lstat(prefix, &st) == 0 &&
	       path_level_is(level, st.st_dev, st.st_ino);
}

/* The way of @t, from the rule's level down, and where it is missing. */
static bool unmoved(const struct carve_target *t)
{
	size_t next;

	for (size_t j = t->at; j < t->nlevels; j++)
		if (!still_there(t, t->levels[j].len, &t->levels[j]))
			return false;
	if (t->exists)
		return true;
	/* The first missing component: still missing. */
	next = t->levels[t->nlevels - 1].len + 1;
	while (t->path[next] && t->path[next] != '/')
		next++;
	return still_there(t, next, NULL);
}

static int check_unmoved(struct carve *c, struct policy *p, const char *rule)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		struct carve_target *t = &c->targets[i];

		if (!t->applies)
			continue;
		if (!unmoved(t))
			return policy_error(p,
					    "%s (%s): moved or created while "
					    "it was carved out of %s: try "
					    "again",
					    p->paths[t->index].path,
					    p->paths[t->index].origin, rule);
		t->rules++;
	}
	return 0;
}

int carve_rule(struct carve *c, struct policy *p, size_t i, int fd,
	       bool is_dir, uint64_t rights, carve_emit_fn emit, void *arg)
{
	const char *path = p->paths[i].path;
	struct stat st;
	struct walk *w;
	unsigned applied;
	int ret;

	if (!c->ntargets || !is_dir || !rights)
		return emit(arg, fd, path, rights) < 0 ? -1 : 0;
	if (fstat(fd, &st) < 0)
		return policy_error(p, "%s: %s", path, strerror(errno));
	applied = collect_way(c, &st, rights);
	if (!applied)
		return emit(arg, fd, path, rights) < 0 ? -1 : 0;
	w = xcalloc(1, sizeof(*w));
	w->c = c;
	w->p = p;
	w->emit = emit;
	w->arg = arg;
	w->len = strlen(path);
	if (w->len >= sizeof(w->path)) {
		free(w);
		return policy_error(p, "%s: path too long", path);
	}
	memcpy(w->path, path, w->len + 1);
	ret = walk_dir(w, fd, rights, 0);
	close_batch(w);
	free(w);
	if (ret < 0 || check_unmoved(c, p, path) < 0)
		return -1;
	return (int)applied;
}
