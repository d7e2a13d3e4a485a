// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * workload FILE DIR PORT SECRET HELPER [ARG]...: a program for --why and
 * --learn to look at.  It reads FILE, creates a file in DIR, connects to
 * 127.0.0.1:PORT, tries to read SECRET, then runs HELPER (fork + exec).
 * Each step prints "step: OK" or the errno name.  Exit 0 when every step
 * but the secret succeeded and HELPER exited 0, else 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int report(const char *step, int ret)
{
	const char *name = strerrorname_np(errno);

	printf("%s: %s\n", step, ret < 0 ? (name ? name : "EUNKNOWN") : "OK");
	fflush(stdout);
	return ret < 0 ? 1 : 0;
}

static int read_file(const char *path)
{
	char c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, &c, 1) < 0)
		return -1;
	return close(fd);
}

static int create_in(const char *dir)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/out.%d", dir, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	return unlink(path);
}

static int connect_to(const char *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)atoi(port)),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	return close(fd);
}

static int run(char **argv)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		report("exec", -1);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	int failed = 0;

	if (argc < 6) {
		fprintf(stderr, "usage: workload FILE DIR PORT SECRET HELPER "
				"[ARG]...\n");
		return 2;
	}
	failed += report("read", read_file(argv[1]));
	failed += report("create", create_in(argv[2]));
	failed += report("connect", connect_to(argv[3]));
	report("secret", read_file(argv[4]));
	failed += run(argv + 5);
	return failed ? 1 : 0;
}
