// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixture program of the ELF dependency tests: prints the value of the
 * library function EDFIX_CALL (0 when built static), then, for each FILE
 * argument, "FILE: OK" if it can open it for reading, else the errno name.
 * With EDFIX_MARKER=FILE in the environment it creates FILE before main,
 * so a test can tell whether it ever ran.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef EDFIX_CALL
int EDFIX_CALL(void);
#define EDFIX_VALUE EDFIX_CALL()
#else
#define EDFIX_VALUE 0
#endif

__attribute__((constructor)) static void leave_marker(void)
{
	const char *marker = getenv("EDFIX_MARKER");
	int fd;

	if (!marker)
		return;
	fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	printf("edfix %d\n", EDFIX_VALUE);
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY | O_CLOEXEC);

		printf("%s: %s\n", argv[i],
		       fd >= 0 ? "OK" : strerrorname_np(errno));
		if (fd >= 0)
			close(fd);
	}
	return 0;
}
