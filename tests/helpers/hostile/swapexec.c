// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * swapexec NEW TARGET CMD...: run CMD (traced) and, at the moment it enters
 * its first execve() or execveat() after starting, rename NEW over TARGET,
 * then let the call go on.  Whatever CMD checked about TARGET before, the
 * swap falls exactly between its last check and its exec, every time: the
 * test of DESIGN.md decision 25 (the launcher inspects and executes the
 * same file) needs no sleep that could race.  Exits with CMD's status
 * (128 + signal when killed); 2 on usage, 3 when tracing fails, 4 when CMD
 * exits without exec.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void fail(const char *what)
{
	fprintf(stderr, "swapexec: %s: %s\n", what, strerror(errno));
	exit(3);
}

static int exit_code(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
				     WEXITSTATUS(status);
}

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			fail("PTRACE_TRACEME");
		raise(SIGSTOP);
		execvp(argv[0], argv);
		fprintf(stderr, "swapexec: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

/* The next stop of @pid; exits with its status if it ended. */
static int next_stop(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid");
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		fprintf(stderr, "swapexec: the command ended without exec\n");
		exit(4);
	}
	return status;
}

static bool is_exec_entry(pid_t pid)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) < 0)
		fail("PTRACE_GET_SYSCALL_INFO");
	return info.op == PTRACE_SYSCALL_INFO_ENTRY &&
	       (info.entry.nr == SYS_execve || info.entry.nr == SYS_execveat);
}

/* Resume @pid until the next stop, passing on a signal it received. */
static void resume(pid_t pid, int request, int status)
{
	int sig = WSTOPSIG(status);

	if (sig == SIGTRAP || sig == (SIGTRAP | 0x80) || sig == SIGSTOP)
		sig = 0;
	if (status >> 16)
		sig = 0; /* a ptrace event, not a signal */
	if (ptrace(request, pid, NULL, (void *)(long)sig) < 0)
		fail("ptrace resume");
}

int main(int argc, char **argv)
{
	pid_t pid;
	int status;

	if (argc < 4) {
		fprintf(stderr, "usage: swapexec NEW TARGET CMD...\n");
		return 2;
	}
	pid = start(argv + 3);
	status = next_stop(pid); /* the SIGSTOP before exec */
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
				  PTRACE_O_EXITKILL)) < 0)
		fail("PTRACE_SETOPTIONS");
	/* Up to CMD's own exec: that one is not the one under test. */
	do {
		resume(pid, PTRACE_CONT, status);
		status = next_stop(pid);
	} while (status >> 8 != (SIGTRAP | (PTRACE_EVENT_EXEC << 8)));
	for (;;) {
		resume(pid, PTRACE_SYSCALL, status);
		status = next_stop(pid);
		if (WSTOPSIG(status) == (SIGTRAP | 0x80) && is_exec_entry(pid))
			break;
	}
	if (rename(argv[1], argv[2]) < 0)
		fail("rename");
	if (ptrace(PTRACE_DETACH, pid, NULL, NULL) < 0)
		fail("PTRACE_DETACH");
	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid");
	return exit_code(status);
}
