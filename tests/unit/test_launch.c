// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The launcher's steps: options -> policy (landrun's flags included),
 * policy -> environment, the command's environment, kept fds, exit status.
 */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"
#include "log.h"
#include "policy.h"
#include "tap.h"

static struct launch l;

/* Parse a NULL-terminated argument list and load the policy. */
static void parse_argv(char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	launch_free(&l);
	launch_parse_args(&l, argc, argv);
	launch_load_policy(&l);
}

#define PARSE(...) parse_argv((char *[]){ "landshim", __VA_ARGS__, NULL })

static void test_log_flags(void)
{
	PARSE("--log-disable-originating", "true");
	is_hex(l.policy.restrict_flags, LL_RESTRICT_LOG_SAME_EXEC_OFF,
	       "--log-disable-originating: LOG_SAME_EXEC_OFF");
	PARSE("--log-enable-subprocesses", "true");
	is_hex(l.policy.restrict_flags, LL_RESTRICT_LOG_NEW_EXEC_ON,
	       "--log-enable-subprocesses: LOG_NEW_EXEC_ON");
	PARSE("--log-disable-subdomains", "true");
	is_hex(l.policy.restrict_flags, LL_RESTRICT_LOG_SUBDOMAINS_OFF,
	       "--log-disable-subdomains: LOG_SUBDOMAINS_OFF");
	PARSE("true");
	is_hex(l.policy.restrict_flags, 0, "no flag by default");
}

static void test_classes(void)
{
	PARSE("--unrestricted-scoped", "true");
	is_int(l.policy.unrestricted, UNRESTRICTED_SCOPE,
	       "--unrestricted-scoped is --unrestricted-scope");
	PARSE("--unrestricted-scope", "--unrestricted-filesystem", "true");
	is_int(l.policy.unrestricted, UNRESTRICTED_SCOPE | UNRESTRICTED_FS,
	       "scope and filesystem");
	PARSE("--unrestricted-network", "true");
	is_int(l.policy.unrestricted, UNRESTRICTED_NET, "network");
}

static void test_paths(void)
{
	PARSE("--ro", "/a,/b", "--rw", "/c", "--rox", "/d", "--unix", "/e",
	      "true");
	is_int(l.policy.npaths, 5, "comma list and repeated flags");
	is_int(l.policy.paths[1].set, LL_SET_RO, "--ro");
	is_int(l.policy.paths[2].set, LL_SET_RW, "--rw");
	is_int(l.policy.paths[3].set, LL_SET_ROX, "--rox");
	is_int(l.policy.paths[4].set, LL_SET_UNIX, "--unix");
	is_str(l.policy.paths[2].origin, "--rw", "origin names the option");
	PARSE("--ro", "/a", "--rw", "/c", "--rwx", "/d", "--exec", "true");
	is_int(l.policy.paths[0].set, LL_SET_ROX, "--exec: --ro gains x");
	is_int(l.policy.paths[1].set, LL_SET_RWX, "--exec: --rw gains x");
	is_int(l.policy.paths[2].set, LL_SET_RWX, "--rwx stays");
	PARSE("--ro", "/a?", "true");
	ok(l.policy.paths[0].optional, "trailing ? is optional");
}

static void test_switches(void)
{
	PARSE("--bind-tcp", "80,443", "--bind-tcp", "8000-8001",
	      "--connect-tcp=53", "true");
	is_int(l.policy.bind.count, 4, "--bind-tcp lists and ranges");
	ok(port_set_has(&l.policy.connect, 53), "--connect-tcp=53");
	PARSE("--ignore-missing", "--allow-unsandboxed", "--best-effort",
	      "true");
	ok(l.policy.ignore_missing && l.policy.allow_unsandboxed,
	   "--ignore-missing, --allow-unsandboxed");
	ok(!l.policy.strict, "--best-effort is not strict");
	PARSE("--strict", "--best-effort", "true");
	ok(l.policy.strict, "--best-effort does not undo --strict");
	PARSE("--add-exec", "--ldd", "--clear-env", "--keep-fd", "5,7", "x");
	ok(l.policy.add_exec && l.policy.ldd && l.clear_env, "switches");
	is_int(l.nkeep_fds, 2, "--keep-fd list");
	is_int(l.keep_fds[1], 7, "--keep-fd value");
}

static void test_command(void)
{
	PARSE("--ro", "/usr", "ls", "-la", "--ro");
	is_str(l.command[0], "ls", "parsing stops at the command");
	is_str(l.command[1], "-la", "its options are its own");
	is_int(l.policy.npaths, 1, "no option taken after the command");
	PARSE("--", "--ro");
	is_str(l.command[0], "--ro", "-- ends the options");
	PARSE("--explain");
	is_int(l.mode, LAUNCH_EXPLAIN, "--explain needs no command");
	ok(l.command[0] == NULL, "no command");
}

static char env_out[16][PATH_MAX + 64];
static int env_n;

static void collect(const char *name, const char *value, void *arg)
{
	(void)arg;
	if (env_n < 16)
		snprintf(env_out[env_n++], sizeof(env_out[0]), "%s=%s", name,
			 value);
}

static int to_env(struct policy *p)
{
	env_n = 0;
	return policy_to_env(p, collect, NULL);
}

static void test_to_env(void)
{
	struct policy p;
	char cwd[PATH_MAX], want[PATH_MAX + 32];

	policy_init(&p);
	is_int(to_env(&p), 0, "empty policy");
	is_int(env_n, 2, "two variables");
	is_str(env_out[0], "LANDSHIM_RO=", "LANDSHIM_RO is always there");
	is_str(env_out[1], "LANDSHIM_LOG_LEVEL=warn", "and the log level");
	policy_add_path(&p, LL_SET_RO, "/usr", "t");
	policy_add_path(&p, LL_SET_RO, "/opt/x?", "t");
	policy_add_path(&p, LL_SET_ROX, "./rel", "t");
	policy_add_path(&p, LL_SET_UNIX, "/run/s", "t");
	policy_add_ports(&p, LL_NET_BIND_TCP, "82,80,81,90");
	policy_add_ports(&p, LL_NET_BIND_UDP, "5353");
	policy_add_ports(&p, LL_NET_CONNECT_SEND_UDP, "53,123");
	policy_add_log_flag(&p, "disable-subdomains");
	policy_set_unrestricted_class(&p, "scope");
	policy_set_unrestricted_class(&p, "capabilities");
	policy_set_strict(&p, true);
	is_int(to_env(&p), 0, "a full policy");
	is_str(env_out[0], "LANDSHIM_RO=/usr:/opt/x?", "optional keeps its ?");
	ok(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	snprintf(want, sizeof(want), "LANDSHIM_ROX=%s/rel", cwd);
	is_str(env_out[1], want, "relative path made absolute");
	is_str(env_out[2], "LANDSHIM_UNIX=/run/s", "unix sockets");
	is_str(env_out[3], "LANDSHIM_BIND_TCP=80-82,90", "ports as ranges");
	is_str(env_out[4], "LANDSHIM_BIND_UDP=5353", "UDP bind ports");
	is_str(env_out[5], "LANDSHIM_CONNECT_UDP=53,123", "UDP connect ports");
	is_str(env_out[6], "LANDSHIM_UNRESTRICTED=scope,capabilities",
	       "classes");
	is_str(env_out[7], "LANDSHIM_LOG_FLAGS=disable-subdomains", "flags");
	is_str(env_out[8], "LANDSHIM_STRICT=1", "strict");
	policy_add_path(&p, LL_SET_RW, "/a:b", "--rw");
	is_int(to_env(&p), -1, "a path with ':' is refused");
	is_str(p.err,
	       "--rw: /a:b: a path containing ':' cannot be passed to the "
	       "shim (colon-separated lists)",
	       "and named");
	policy_free(&p);
}

static void test_add_program(void)
{
	struct policy p;

	policy_init(&p);
	is_int(policy_add_program(&p, "/usr/bin/true", NULL),
	       0, "no switch: nothing to add");
	is_int(p.npaths, 0, "no rule");
	policy_set_add_exec(&p, true);
	policy_set_ldd(&p, true);
	is_int(policy_add_program(&p, "/usr/bin/true", NULL),
	       0, "add-exec and ldd");
	ok(p.npaths >= 3, "the program, its interpreter, libc");
	is_str(p.paths[0].path, "/usr/bin/true", "the program first");
	is_int(p.paths[0].set, LL_SET_ROX, "rox");
	ok(p.paths[0].fd >= 0 && p.paths[1].fd >= 0,
	   "each rule on the file inspected, open");
	is_str(p.paths[1].origin, "ldd", "then what ldd found");
	ok(!p.add_exec && !p.ldd, "the switches are spent");
	policy_set_ldd(&p, true);
	is_int(policy_add_program(&p, "/nonexistent", NULL),
	       -1, "a missing program");
	ok(strncmp(p.err, "ldd: ", 5) == 0, "named in the error");
	policy_free(&p);
}

static void test_port_format(void)
{
	struct policy p;
	char *s;

	policy_init(&p);
	s = port_set_format(&p.bind);
	is_str(s, "", "no port");
	free(s);
	policy_add_ports(&p, LL_NET_BIND_TCP, "0-65535");
	s = port_set_format(&p.bind);
	is_str(s, "0-65535", "every port");
	free(s);
	policy_free(&p);
	policy_add_ports(&p, LL_NET_BIND_TCP, "1,63-64,127,129,65535");
	s = port_set_format(&p.bind);
	is_str(s, "1,63-64,127,129,65535", "ports around word boundaries");
	free(s);
	policy_free(&p);
}

static void test_getenv(void)
{
	setenv("LAUNCH_TEST_A", "outer", 1);
	setenv("LAUNCH_TEST_B", "kept", 1);
	PARSE("--env", "LAUNCH_TEST_A=inner", "--env", "LAUNCH_TEST_B", "x");
	is_str(launch_getenv(&l, "LAUNCH_TEST_A"), "inner", "--env N=V sets");
	is_str(launch_getenv(&l, "LAUNCH_TEST_B"), "kept", "--env N keeps");
	ok(launch_getenv(&l, "HOME") == getenv("HOME"), "the rest is kept");
	PARSE("--clear-env", "--env", "LAUNCH_TEST_B", "x");
	ok(launch_getenv(&l, "HOME") == NULL, "--clear-env drops the rest");
	is_str(launch_getenv(&l, "LAUNCH_TEST_B"), "kept", "but not --env N");
}

static void test_exit_status(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	waitpid(pid, &status, 0);
	is_int(launch_exit_status(status), 3, "exit code");
	pid = fork();
	if (pid == 0) {
		raise(SIGKILL);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	is_int(launch_exit_status(status), 128 + SIGKILL, "signal: 128+N");
}

/* What a forked child writes to a pipe (@flags: O_CLOEXEC or 0). */
static void read_kept(bool keep, int flags, char *buf, size_t size)
{
	int fds[2];
	char script[64];
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, flags) < 0)
		die_with_error("pipe2");
	snprintf(script, sizeof(script), "echo kept >&%d", fds[1]);
	pid = fork();
	if (pid == 0) {
		PARSE("--unrestricted-filesystem", "/bin/sh", "-c", script);
		if (keep)
			launch_keep_fd(&l, fds[1]);
		if (!freopen("/dev/null", "w", stderr))
			_exit(2);
		launch_prepare(&l);
		launch_exec(&l);
	}
	close(fds[1]);
	n = read(fds[0], buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

static void test_keep_fd(void)
{
	char buf[16];

	setenv("LANDSHIM_LIBRARY",
	       ABS_TOP_BUILDDIR "/shim/.libs/liblandshim.so", 1);
	read_kept(true, O_CLOEXEC, buf, sizeof(buf));
	is_str(buf, "kept\n", "a kept fd loses close-on-exec");
	read_kept(true, 0, buf, sizeof(buf));
	is_str(buf, "kept\n", "a kept fd stays open");
	read_kept(false, 0, buf, sizeof(buf));
	is_str(buf, "", "an inheritable fd not kept is closed");
}

int main(void)
{
	test_log_flags();
	test_classes();
	test_paths();
	test_switches();
	test_command();
	test_to_env();
	test_port_format();
	test_add_program();
	test_getenv();
	test_exit_status();
	test_keep_fd();
	launch_free(&l);
	return done_testing();
}
