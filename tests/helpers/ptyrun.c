// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ptyrun CMD...: run CMD in a new session whose controlling terminal is a
 * fresh pty (its stdin, stdout and stderr), copy what it writes to our
 * stdout, and exit with its status.  For tests that need a real terminal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void run_child(const char *slave, char **argv)
{
	int fd;

	if (setsid() < 0 || (fd = open(slave, O_RDWR)) < 0 ||
	    ioctl(fd, TIOCSCTTY, 0) < 0) {
		perror("ptyrun: terminal");
		_exit(2);
	}
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	execvp(argv[0], argv);
	perror("ptyrun: exec");
	_exit(127);
}

/* Copy the master's output until the slave side is closed (EIO). */
static void copy_output(int master)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(master, buf, sizeof(buf))) > 0 || errno == EINTR)
		if (n > 0 && write(STDOUT_FILENO, buf, (size_t)n) != n)
			break;
}

int main(int argc, char **argv)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	const char *slave;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: ptyrun CMD...\n");
		return 2;
	}
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(slave = ptsname(master))) {
		perror("ptyrun: pty");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("ptyrun: fork");
		return 2;
	}
	if (pid == 0)
		run_child(slave, argv + 1);
	copy_output(master);
	if (waitpid(pid, &status, 0) < 0)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
