// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fixture program of the ELF dependency tests: prints the value of the
 * library function EDFIX_CALL (none when built static).  With
 * EDFIX_MARKER=FILE in the environment it creates FILE before main, so a
 * test can tell whether it ever ran.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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

int main(void)
{
	printf("edfix %d\n", EDFIX_VALUE);
	return 0;
}
