// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Preparing and executing the sandboxed command: find the shim, validate
 * the policy here (so that every error is the launcher's, exit 125), build
 * the command's environment, close inherited fds, exec.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"
#include "log.h"
#include "policy.h"

void launch_init(struct launch *l)
{
	memset(l, 0, sizeof(*l));
	l->target_fd = -1;
	policy_init(&l->policy);
}

void launch_free(struct launch *l)
{
	for (size_t i = 0; i < l->nopts; i++)
		free(l->opts[i].name);
	free(l->opts);
	free(l->env_opts);
	free(l->keep_fds);
	free(l->library);
	free(l->target);
	free(l->binary);
	free(l->interp);
	policy_free(&l->policy); /* closes target_fd, one of its rules */
	launch_init(l);
}

void launch_keep_fd(struct launch *l, int fd)
{
	l->keep_fds = xrealloc(l->keep_fds,
			       (l->nkeep_fds + 1) * sizeof(*l->keep_fds));
	l->keep_fds[l->nkeep_fds++] = fd;
}

const char *launch_getenv(const struct launch *l, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = l->nenv_opts; i-- > 0;) {
		const char *opt = l->env_opts[i];

		if (strncmp(opt, name, n) != 0)
			continue;
		if (opt[n] == '=')
			return opt + n + 1;
		if (opt[n] == '\0')
			return getenv(name);
	}
	return l->clear_env ? NULL : getenv(name);
}

int launch_exit_status(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/* Is this process the launcher of the build tree (src/landshim)? */
static bool in_build_tree(void)
{
	char self[PATH_MAX];
	char *dir = realpath(ABS_TOP_BUILDDIR "/src", NULL);
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	bool inside;

	if (!dir || n < 0) {
		free(dir);
		return false;
	}
	self[n] = '\0';
	n = (ssize_t)strlen(dir);
	inside = strncmp(self, dir, (size_t)n) == 0 && self[n] == '/';
	free(dir);
	return inside;
}

const char *launch_library_name(const struct launch *l, const char **how)
{
	const char *env = getenv("LANDSHIM_LIBRARY");

	*how = l->library_opt ? "--library " : env ? "LANDSHIM_LIBRARY=" : "";
	if (l->library_opt)
		return l->library_opt;
	if (env)
		return env;
	return in_build_tree() ? ABS_TOP_BUILDDIR "/shim/.libs/liblandshim.so" :
				 PKGLIBDIR "/liblandshim.so";
}

/*
 * --print-env --library PATH: where the shim will be once installed, taken
 * as written; the printed guard checks it each time the lines are sourced.
 */
static char *future_library(const char *path)
{
	if (path[0] != '/')
		die("--library: %s: not an absolute path (the wrapper may run "
		    "from any directory)",
		    path);
	if (strchr(path, '$'))
		die("--library: %s: the guard cannot check a path the loader "
		    "expands ($LIB, $ORIGIN): name the file itself",
		    path);
	if (strpbrk(path, ": \t\n"))
		die("--library: %s: LD_PRELOAD cannot carry a path with ':' or "
		    "spaces",
		    path);
	return xstrdup(path);
}

/*
 * The shim (launch_library_name), for --print-env and --explain (a command
 * the launcher runs never loads it).  If the dynamic loader cannot read
 * it, it runs the program unsandboxed, so it must be readable here (no
 * fallback, DESIGN.md decision 7), and its path must survive LD_PRELOAD's
 * splitting.
 */
static char *find_library(const struct launch *l)
{
	const char *how;
	const char *name = launch_library_name(l, &how);
	char *path;
	struct stat st;
	int fd;

	if (l->library_opt && l->mode == LAUNCH_PRINT_ENV)
		return future_library(name);
	path = realpath(name, NULL);
	if (!path)
		die_with_error("%s%s: cannot find the shim", how, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die_with_error("%s: cannot read the shim, refusing to run "
			       "unsandboxed",
			       path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		die("%s: the shim is not a regular file", path);
	close(fd);
	if (strpbrk(path, ": \t\n"))
		die("%s: LD_PRELOAD cannot carry a path with ':' or spaces",
		    path);
	return path;
}

static void check_keep_fds(const struct launch *l)
{
	for (size_t i = 0; i < l->nkeep_fds; i++)
		if (fcntl(l->keep_fds[i], F_GETFD) < 0)
			die_with_error("--keep-fd %d", l->keep_fds[i]);
}

/*
 * The kernel takes at most 32 pages for one "NAME=VALUE" string
 * (MAX_ARG_STRLEN); past that, exec would fail with E2BIG.
 */
static void check_var_size(const char *name, const char *value, void *arg)
{
	size_t len = strlen(name) + 1 + strlen(value);
	size_t max = 32 * (size_t)sysconf(_SC_PAGESIZE) - 1;

	(void)arg;
	if (len > max)
		die("%s: the policy takes %zu bytes in the environment, more "
		    "than the kernel passes in one variable (%zu): list "
		    "directories rather than their files",
		    name, len, max);
}

/* What only the env form (the shim) needs: the shim, and variables that
 * can carry the policy. */
static void prepare_env_form(struct launch *l)
{
	l->library = find_library(l);
	if (policy_to_env(&l->policy, check_var_size, NULL) < 0)
		die("%s", l->policy.err);
}

/*
 * A command that is run gets its errors from policy_apply(), before exec,
 * without opening every path twice; the modes that run nothing, or watch
 * what they run, check everything first.
 */
void launch_prepare(struct launch *l)
{
	struct policy_plan plan;
	int ret;

	if (l->mode == LAUNCH_PRINT_ENV || l->mode == LAUNCH_EXPLAIN)
		prepare_env_form(l);
	else if (l->library_opt || getenv("LANDSHIM_LIBRARY"))
		l->library = find_library(l); /* unused here, but never wrong */
	if (l->command && l->command[0])
		launch_resolve_target(l);
	check_keep_fds(l);
	if (l->mode == LAUNCH_RUN)
		return;
	ret = policy_validate(&l->policy, &plan);
	if (ret < 0)
		die("%s", l->policy.err);
	l->unsandboxed = ret == 1;
}

static void set_var(const char *name, const char *value, void *arg)
{
	(void)arg;
	if (setenv(name, value, 1) < 0)
		die_with_error("setenv %s", name);
}

/* --clear-env and --env: the caller's values are read before clearing. */
static void apply_env_options(struct launch *l)
{
	char **names = xcalloc(l->nenv_opts, sizeof(*names));
	char **values = xcalloc(l->nenv_opts, sizeof(*values));

	for (size_t i = 0; i < l->nenv_opts; i++) {
		const char *value;

		names[i] = xstrndup(l->env_opts[i],
				    strcspn(l->env_opts[i], "="));
		value = launch_getenv(l, names[i]);
		values[i] = value ? xstrdup(value) : NULL;
	}
	if (l->clear_env && clearenv() != 0)
		die("cannot clear the environment");
	for (size_t i = 0; i < l->nenv_opts; i++) {
		if (values[i])
			set_var(names[i], values[i], NULL);
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
}

static void build_environment(struct launch *l)
{
	apply_env_options(l);
	policy_env_strip(environ);
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void close_range_or_die(unsigned lo, unsigned hi)
{
	if (lo <= hi && syscall(SYS_close_range, lo, hi, 0) < 0)
		die_with_error("close_range %u-%u", lo, hi);
}

/*
 * Close every fd above 2 except the kept ones, which lose FD_CLOEXEC, and
 * the command's own, which exec closes (close-on-exec).
 */
static void close_fds(struct launch *l)
{
	unsigned lo = 3;

	if (l->target_fd >= 0)
		launch_keep_fd(l, l->target_fd);
	if (l->nkeep_fds) /* qsort(NULL, 0) is undefined */
		qsort(l->keep_fds, l->nkeep_fds, sizeof(*l->keep_fds),
		      compare_int);
	for (size_t i = 0; i < l->nkeep_fds; i++) {
		unsigned fd = (unsigned)l->keep_fds[i];

		if (fd < lo)
			continue;
		close_range_or_die(lo, fd - 1);
		if (l->keep_fds[i] != l->target_fd &&
		    fcntl((int)fd, F_SETFD, 0) < 0)
			die_with_error("--keep-fd %u", fd);
		lo = fd + 1;
	}
	close_range_or_die(lo, UINT_MAX);
}

void launch_exec(struct launch *l)
{
	build_environment(l);
	if (policy_apply(&l->policy) < 0)
		die("%s", l->policy.err);
	log_info("%s: sandboxed by landshim itself, then executed", l->target);
	close_fds(l);
	if (l->exec_by_path)
		execve(l->target, l->command, environ);
	else
		syscall(SYS_execveat, l->target_fd, "", l->command, environ,
			AT_EMPTY_PATH);
	log_error("%s: %s", l->target, strerror(errno));
	_exit(errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC);
}
