// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Rules for the program itself: --add-exec and --ldd, and what the
 * launcher and the shim's audit form give the program so that it can
 * start inside a sandbox that exists before its libraries are loaded.
 * Every rule is on a file opened once and inspected through that
 * descriptor, never on what a path names later: a library swapped for a
 * symlink to a secret after the check gets nothing (DESIGN.md decision 25).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "elfdeps.h"
#include "log.h"
#include "policy.h"

struct deps_arg {
	struct policy *p;
	const char *origin;
	size_t added;
};

/* A rule on the file open as @fd, through a descriptor of its own. */
int policy_add_open_file(struct policy *p, unsigned set, int fd,
			 const char *path, const char *origin)
{
	int own = fcntl(fd, F_DUPFD_CLOEXEC, 3);

	if (own < 0)
		return policy_error(p, "%s: %s: %s", origin, path,
				    strerror(errno));
	if (policy_add_path_fd(p, set, own, path, origin) < 0) {
		close(own);
		return -1;
	}
	return 0;
}

static int add_dep(const char *path, int fd, void *arg)
{
	struct deps_arg *a = arg;

	a->added++;
	return policy_add_open_file(a->p, LL_SET_ROX, fd, path, a->origin);
}

int policy_add_elf_deps(struct policy *p, int fd, const char *elf,
			const char *ld_library_path, const char *origin)
{
	struct deps_arg a = {p, origin, 0};
	char err[sizeof(p->err) - 64];
	char cache[PATH_MAX];

	err[0] = '\0';
	if (elf_deps_fd(fd, elf, ld_library_path, add_dep, &a, err,
			sizeof(err)) == 0) {
		/* A dynamic program's ld.so reads its cache first. */
		snprintf(cache, sizeof(cache), "%s?", elf_ld_so_cache);
		return a.added ? policy_add_path(p, LL_SET_RO, cache, origin)
			       : 0;
	}
	/* An error of add_dep() is already in p->err. */
	return err[0] ? policy_error(p, "%s: %s", origin, err) : -1;
}

/* The canonical name of the file open as @fd, for messages and $ORIGIN. */
static int fd_name(int fd, char *buf, size_t size)
{
	char link[32];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

int policy_add_program(struct policy *p, const char *program,
		       const char *ld_library_path)
{
	char name[PATH_MAX];
	int fd, ret = 0;

	if (!p->add_exec && !p->ldd)
		return 0;
	fd = open(program, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return policy_error(p, "%s: %s: %s",
				    p->ldd ? "ldd" : "add-exec", program,
				    strerror(errno));
	if (fd_name(fd, name, sizeof(name)) < 0)
		snprintf(name, sizeof(name), "%s", program);
	if (p->add_exec)
		ret = policy_add_open_file(p, LL_SET_ROX, fd, name, "add-exec");
	if (ret == 0 && p->ldd)
		ret = policy_add_elf_deps(p, fd, name, ld_library_path, "ldd");
	close(fd);
	p->add_exec = p->ldd = false;
	return ret;
}
