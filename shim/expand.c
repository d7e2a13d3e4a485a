// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Config files and profiles, for the shim.  Reading them needs libconfig,
 * which a shim without libc cannot link, so a trusted helper does it:
 * landshim-config, installed next to the shim, started with the same
 * environment (minus LD_PRELOAD and LD_AUDIT), prints the whole policy as the
 * variables the shim reads ("NAME=VALUE", each ended by a NUL byte), and the
 * shim reads those instead.  Precedence (file < environment) is the helper's,
 * being the launcher's code.  Only policies that name a file pay for it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "policy.h"
#include "rawsys.h"
#include "shim.h"

#define HELPER	   "landshim-config"
#define OUTPUT_MAX (64 << 20)

/* The whole of @fd, NUL-terminated (allocated); *@len its length. */
static char *read_all(int fd, size_t *len)
{
	size_t size = 4096, n = 0;
	char *buf = xmalloc(size);

	for (;;) {
		ssize_t r;

		if (n + 1 >= size) {
			if (size >= OUTPUT_MAX)
				die("the config helper's output is larger "
				    "than %d MiB",
				    OUTPUT_MAX >> 20);
			size *= 2;
			buf = xrealloc(buf, size);
		}
		r = read(fd, buf + n, size - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_with_error("reading the config helper's output");
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static uintptr_t hex(const char **s)
{
	uintptr_t v = 0;

	for (;; (*s)++) {
		char c = **s;

		if (c >= '0' && c <= '9')
			v = v * 16 + (uintptr_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (uintptr_t)(c - 'a' + 10);
		else
			return v;
	}
}

/* The file mapped at @addr, as the kernel names it in /proc/self/maps. */
static char *mapped_file(uintptr_t addr)
{
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	size_t len;
	char *maps;

	if (fd < 0)
		die_with_error("/proc/self/maps: cannot find the shim's "
			       "directory, where " HELPER " is (needed for "
			       "LANDSHIM_CONFIG, LANDSHIM_PROFILE, "
			       "LANDSHIM_LDD, LANDSHIM_ADD_EXEC; "
			       "`landshim --print-env` expands them instead)");
	maps = read_all(fd, &len);
	close(fd);
	for (const char *line = maps; *line;) {
		const char *s = line, *end = strchr(line, '\n');
		uintptr_t lo = hex(&s), hi;

		if (*s == '-') {
			s++;
			hi = hex(&s);
			if (addr >= lo && addr < hi && (s = strchr(s, '/')) &&
			    (!end || s < end))
				return xstrndup(s, end ? (size_t)(end - s)
						       : strlen(s));
		}
		if (!end)
			break;
		line = end + 1;
	}
	die("/proc/self/maps: the shim is not among the mapped files");
}

/* landshim-config next to the shim; in a build tree, shim/.libs/.. */
static char *helper_path(void)
{
	char *self = mapped_file((uintptr_t)helper_path);
	char *slash = strrchr(self, '/');
	size_t dir = (size_t)(slash - self);
	char *path = xmalloc(dir + sizeof("/../" HELPER));
	struct stat st;

	snprintf(path, dir + sizeof("/../" HELPER), "%.*s/%s", (int)dir, self,
		 HELPER);
	if (stat(path, &st) < 0 && dir >= 6 &&
	    strncmp(slash - 6, "/.libs", 6) == 0)
		snprintf(path, dir + sizeof("/../" HELPER), "%.*s/../%s",
			 (int)dir, self, HELPER);
	return path;
}

static bool is_loader_list(const char *entry)
{
	return strncmp(entry, "LD_PRELOAD=", 11) == 0 ||
	       strncmp(entry, "LD_AUDIT=", 9) == 0;
}

/* @envp without LD_PRELOAD and LD_AUDIT: the helper never loads a shim. */
static char **helper_environment(char **envp)
{
	size_t n = 0;
	char **out;

	while (envp[n])
		n++;
	out = xcalloc(n + 1, sizeof(*out));
	memcpy(out, envp, n * sizeof(*out));
	policy_env_remove(out, is_loader_list);
	return out;
}

static void run_helper(const char *path, int out_fd, char **envp)
{
	char *argv[] = {HELPER, NULL};

	if (raw_syscall3(SYS_dup3, out_fd, STDOUT_FILENO, 0) < 0)
		die("cannot give the config helper its output pipe");
	errno = (int)-raw_syscall3(SYS_execve, path, argv, envp);
	log_error("%s: cannot run the config helper: %s (reinstall landshim)",
		  path, strerror(errno));
	_exit(EXIT_LANDSHIM);
}

static int wait_for(long pid)
{
	int status = 0;
	long r;

	do
		r = raw_syscall4(SYS_wait4, pid, &status, 0, 0);
	while (r == -EINTR);
	if (r < 0)
		die("cannot wait for the config helper");
	return status;
}

/* "NAME=VALUE\0NAME=VALUE\0": the entries as an envp array. */
static char **split_entries(char *buf, size_t len)
{
	size_t n = 0, i = 0;
	char **out;

	for (size_t k = 0; k < len; k++)
		n += buf[k] == '\0';
	out = xcalloc(n + 1, sizeof(*out));
	for (size_t k = 0; k < len; k += strlen(buf + k) + 1)
		out[i++] = buf + k;
	return out;
}

char **shim_expand_policy(char **envp)
{
	char *path = helper_path();
	int fds[2] = { -1, -1 };
	long pid;
	size_t len;
	char *out;
	int status;

	if (raw_result(raw_syscall2(SYS_pipe2, fds, O_CLOEXEC)) < 0)
		die_with_error("cannot make a pipe for the config helper");
	pid = raw_syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		die("cannot start the config helper: %s", strerror((int)-pid));
	if (pid == 0)
		run_helper(path, fds[1], helper_environment(envp));
	close(fds[1]);
	out = read_all(fds[0], &len);
	close(fds[0]);
	status = wait_for(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_LANDSHIM)
		_exit(EXIT_LANDSHIM); /* it said why */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s: the config helper failed (status %d)", path, status);
	if (len && out[len - 1] != '\0')
		die("%s: its output is cut short", path);
	return split_entries(out, len);
}
