// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command's file: found as execvp(3) finds it, opened ONCE, read
 * through that descriptor (its "#!" chain, its ELF interpreter and
 * libraries), given its rules through it, and executed from it
 * (DESIGN.md decisions 2, 23 and 25).  The launcher applies the policy to
 * itself before exec, so nothing of the command runs unsandboxed, whatever
 * it is (static, setuid, a script, musl, its own loader); a file swapped
 * in after the inspection gets none of the rules, and the rules the
 * inspection adds are on the files inspected, never on what a path
 * points to later.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "elfdeps.h"
#include "launch.h"
#include "log.h"

/* The kernel follows at most this many "#!" lines (binfmt_script). */
#define MAX_SCRIPT_DEPTH 4

/* 0 when @path can be executed, else the exit code with errno set. */
static int executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND :
							     EXIT_CANNOT_EXEC;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return EXIT_CANNOT_EXEC;
	}
	return access(path, X_OK) < 0 ? EXIT_CANNOT_EXEC : 0;
}

static char *join_path(const char *dir, size_t n, const char *file)
{
	size_t size = n + strlen(file) + 3;
	char *out = xmalloc(size);

	/* An empty PATH element is the current directory. */
	snprintf(out, size, "%.*s/%s", (int)(n ? n : 1), n ? dir : ".", file);
	return out;
}

/* Search @path like execvp(3): a found but non-executable file is 126. */
static char *search_path(const char *cmd, const char *path)
{
	int code = EXIT_NOT_FOUND;

	for (const char *s = path;; s++) {
		size_t n = strcspn(s, ":");
		char *file = join_path(s, n, cmd);
		int ret = executable(file);

		if (ret == 0)
			return file;
		free(file);
		if (ret == EXIT_CANNOT_EXEC && errno != EISDIR)
			code = EXIT_CANNOT_EXEC;
		s += n;
		if (*s == '\0')
			break;
	}
	if (code == EXIT_NOT_FOUND) {
		log_error("%s: command not found", cmd);
		_exit(EXIT_NOT_FOUND);
	}
	log_error("%s: %s", cmd, strerror(EACCES));
	_exit(EXIT_CANNOT_EXEC);
}

static char *find_command(const struct launch *l, const char *cmd)
{
	const char *path = launch_getenv(l, "PATH");
	char def[256];
	int ret;

	if (strchr(cmd, '/')) {
		ret = executable(cmd);
		if (ret) {
			log_error("%s: %s", cmd, strerror(errno));
			_exit(ret);
		}
		return xstrdup(cmd);
	}
	if (!path) {
		/* execvp(3)'s default when PATH is unset. */
		if (confstr(_CS_PATH, def, sizeof(def)) == 0 ||
		    def[sizeof(def) - 1] != '\0')
			snprintf(def, sizeof(def), "/bin:/usr/bin");
		path = def;
	}
	return search_path(cmd, path);
}

/* The kernel follows at most this many "#!" lines (binfmt_script). */
#define SCRIPT_DEPTH_MAX 4

/*
 * Open @path once, for everything: reading it when allowed, else O_PATH
 * (an execute-only file still runs).  Exits like exec would fail.
 */
static int open_command(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;

	if (fd < 0 && errno == EACCES)
		fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		log_error("%s: %s", path, strerror(errno));
		_exit(errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND :
							    EXIT_CANNOT_EXEC);
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		log_error("%s: %s", path,
			  strerror(S_ISDIR(st.st_mode) ? EISDIR : EACCES));
		_exit(EXIT_CANNOT_EXEC);
	}
	return fd;
}

/* The interpreter of a "#!" file read through @fd (allocated), or NULL. */
static char *script_interpreter(int fd)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	size_t start, len;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return NULL;
	buf[n] = '\0';
	start = 2 + strspn(buf + 2, " \t");
	len = strcspn(buf + start, " \t\n");
	return len ? xstrndup(buf + start, len) : NULL;
}

static void add_rule_on(struct launch *l, int fd, const char *path)
{
	if (policy_add_path_fd(&l->policy, LL_SET_ROX, fd, path,
			       "the command") < 0)
		die("%s", l->policy.err);
}

/*
 * What the kernel and ld.so load for the ELF file open as @fd: its
 * interpreter (named first) and every library, each read through the
 * descriptor the rule is added on.  --ldd asks for this: with it, a
 * library the resolver cannot find is an error; without, it gets no rule
 * (fewer rights, never more) and ld.so says what is missing.
 */
static void add_dependencies(struct launch *l, int fd, const char *path)
{
	char magic[SELFMAG];

	if (pread(fd, magic, SELFMAG, 0) != SELFMAG ||
	    memcmp(magic, ELFMAG, SELFMAG) != 0)
		return; /* not ELF, or unreadable: exec will tell */
	if (policy_add_elf_deps(&l->policy, fd, path,
				launch_getenv(l, "LD_LIBRARY_PATH"),
				l->policy.ldd ? "ldd" :
						"what the command loads") == 0)
		return;
	if (l->policy.ldd)
		die("%s", l->policy.err);
	log_info("%s: %s", path, l->policy.err);
}

/* An object of the caller's LD_PRELOAD or LD_AUDIT, opened once. */
static void add_loader_object(struct launch *l, const char *path,
			      const char *var)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return; /* ld.so will say so */
	if (policy_add_open_file(&l->policy, LL_SET_RO, fd, path, var) < 0)
		die("%s", l->policy.err);
	close(fd);
}

/* The caller's LD_PRELOAD and LD_AUDIT objects load inside the sandbox. */
static void add_loader_objects(struct launch *l, const char *var)
{
	const char *list = launch_getenv(l, var);

	for (const char *s = list; s && *s;) {
		size_t n = strcspn(s, ": ");
		char *entry = xstrndup(s, n);

		if (memchr(s, '/', n))
			add_loader_object(l, entry, var);
		free(entry);
		s += n;
		s += strspn(s, ": ");
	}
}

/*
 * Open the command and each "#!" interpreter after it, each with an
 * execute rule on the file opened; the last one is what the kernel maps.
 */
static int open_chain(struct launch *l)
{
	char *file = xstrdup(l->target);
	int fd = l->target_fd = open_command(file);

	for (int depth = 0;; depth++) {
		char *interp;

		add_rule_on(l, fd, file);
		interp = script_interpreter(fd);
		if (!interp || access(interp, F_OK) < 0) {
			/* A missing interpreter: exec says so (127). */
			free(interp);
			l->binary = file;
			return fd;
		}
		if (depth == SCRIPT_DEPTH_MAX)
			die("%s: too many levels of \"#!\" interpreters",
			    l->target);
		l->exec_by_path = true; /* a script's $0 is its path */
		free(file);
		file = interp;
		fd = open_command(file);
	}
}

/*
 * Resolve the command and add what it needs to start in the sandbox
 * (DESIGN.md decision 2): execute on its file and its "#!" chain, read and
 * execute on the interpreter and libraries of the ELF file at its end, read
 * on the caller's LD_PRELOAD and LD_AUDIT objects.  --add-exec and --ldd
 * ask for nothing more.
 */
void launch_resolve_target(struct launch *l)
{
	int fd;

	l->target = find_command(l, l->command[0]);
	fd = open_chain(l);
	add_dependencies(l, fd, l->binary);
	add_loader_objects(l, "LD_PRELOAD");
	add_loader_objects(l, "LD_AUDIT");
	policy_set_add_exec(&l->policy, false);
	policy_set_ldd(&l->policy, false);
}

static bool has_file_caps(const char *path)
{
	return getxattr(path, "security.capability", NULL, 0) >= 0;
}

/* Is @interp the system's glibc loader (what the shim is built for)? */
static bool is_system_loader(const char *interp)
{
	static const char *const loaders[] = {
		"/lib64/ld-linux-x86-64.so.2",
		"/lib/ld-linux-aarch64.so.1",
	};
	char *real = realpath(interp, NULL);
	bool found = false;

	for (size_t i = 0; real && i < sizeof(loaders) / sizeof(*loaders);
	     i++) {
		char *known = realpath(loaders[i], NULL);

		found = found || (known && strcmp(real, known) == 0);
		free(known);
	}
	free(real);
	return found;
}

/* What no dynamic loader will audit or preload (see launch.h). */
static const char *loader_gap(const char *binary)
{
	struct elf_info info;
	struct stat st;
	char err[256];
	char *interp = NULL;
	bool own_dirs;
	const char *gap = NULL;
	int fd;

	if (stat(binary, &st) < 0)
		return NULL;
	if (st.st_mode & S_ISUID)
		return "is setuid";
	if ((st.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		return "is setgid";
	if (has_file_caps(binary))
		return "has file capabilities";
	fd = open(binary, O_RDONLY | O_CLOEXEC);
	if (fd < 0 ||
	    elf_inspect_fd(fd, binary, &info, &interp, &own_dirs, err,
			   sizeof(err)) < 0 ||
	    !info.is_elf)
		gap = "is not an ELF program";
	else if (info.is_static)
		gap = "is statically linked";
	else if (!interp || !is_system_loader(interp))
		gap = "has a program interpreter other than the system's "
		      "glibc loader";
	if (fd >= 0)
		close(fd);
	free(interp);
	return gap;
}

const char *launch_env_gap(const struct launch *l)
{
	return loader_gap(l->binary);
}
