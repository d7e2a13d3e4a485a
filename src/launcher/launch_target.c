// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command's file: found as execvp(3) finds it, then followed through
 * "#!" lines to the ELF file the kernel really runs, because that file
 * decides whether the shim can be preloaded at all (DESIGN.md decisions 2
 * and 12): a static, setuid, setgid or file-capability program, or one of
 * another ELF class than the shim, never loads it.
 */
#include "config.h"

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

/* The interpreter of a "#!" script (allocated), or NULL if not a script. */
static char *script_interpreter(const char *path)
{
	char buf[256];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t start, len;

	/* A missing interpreter: exec will say so (127). */
	if (fd < 0 && errno == ENOENT)
		return NULL;
	if (fd < 0)
		die_with_error("%s: cannot read it to see what the kernel "
			       "would run",
			       path);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return NULL;
	buf[n] = '\0';
	start = 2 + strspn(buf + 2, " \t");
	len = strcspn(buf + start, " \t\n");
	if (len == 0)
		return NULL;
	return xstrndup(buf + start, len);
}

/* Follow "#!" lines; every file on the way gets @fn (the rules need it). */
static char *final_binary(const char *target,
			  int (*fn)(const char *, void *), void *arg)
{
	char *file = xstrdup(target);

	for (int depth = 0;; depth++) {
		char *interp;

		if (fn)
			fn(file, arg);
		interp = script_interpreter(file);
		if (!interp)
			return file;
		if (depth == MAX_SCRIPT_DEPTH)
			die("%s: too many levels of \"#!\" interpreters",
			    target);
		free(file);
		file = interp;
	}
}

static bool has_file_caps(const char *path)
{
	return getxattr(path, "security.capability", NULL, 0) >= 0;
}

static void inspect(const char *path, struct elf_info *info)
{
	char err[256];

	if (elf_inspect(path, info, err, sizeof(err)) < 0)
		die("%s", err);
}

/*
 * Why the shim cannot reach @binary, or NULL when it can (or when exec will
 * fail anyway).  @info tells what @binary is.
 */
static const char *unreachable_by_shim(const struct launch *l,
				       const char *binary,
				       struct elf_info *info)
{
	struct elf_info shim;
	struct stat st;

	memset(info, 0, sizeof(*info));
	if (stat(binary, &st) < 0) {
		if (errno == ENOENT)
			return NULL; /* exec will fail: 127 */
		die_with_error("%s", binary);
	}
	inspect(binary, info);
	if (st.st_mode & S_ISUID)
		return "is setuid";
	if ((st.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		return "is setgid";
	if (has_file_caps(binary))
		return "has file capabilities";
	/* The kernel refuses it, or binfmt_misc hands it to an interpreter
	 * that may be anything: do not count on the shim. */
	if (!info->is_elf)
		return "is not an ELF program";
	if (info->is_static)
		return "is statically linked";
	inspect(l->library, &shim);
	if (info->elf_class != shim.elf_class || info->machine != shim.machine)
		return "is of another ELF class or machine than the shim";
	return NULL;
}

static int add_chain_file(const char *path, void *arg)
{
	struct policy *p = arg;

	if (policy_add_path(p, LL_SET_ROX, path, "the command") < 0)
		die("%s", p->err);
	return 0;
}

/*
 * Resolve the command, decide who applies the policy, and add the rules
 * the command itself needs: --add-exec, --ldd, and, when the launcher
 * applies the policy itself, what exec needs (DESIGN.md decision 2).
 */
void launch_resolve_target(struct launch *l)
{
	const char *ld_path = launch_getenv(l, "LD_LIBRARY_PATH");
	struct elf_info info;

	l->target = find_command(l, l->command[0]);
	l->binary = final_binary(l->target, NULL, NULL);
	l->self_apply = unreachable_by_shim(l, l->binary, &info);
	if (policy_add_program(&l->policy, l->target, l->binary, ld_path) < 0)
		die("%s", l->policy.err);
	if (!l->self_apply)
		return;
	log_info("%s %s: the shim cannot be preloaded into it, so "
		 "landshim applies the policy itself before exec",
		 l->binary, l->self_apply);
	free(final_binary(l->target, add_chain_file, &l->policy));
	if (info.is_elf && policy_add_elf_deps(&l->policy, l->binary, ld_path,
					       "the command") < 0)
		die("%s", l->policy.err);
}
