// SPDX-License-Identifier: GPL-2.0-or-later
/* auditstate [0|1]: print the kernel's audit switch (0, 1, 2), or set it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"

int main(int argc, char **argv)
{
	int state;

	if (argc > 1) {
		if (audit_set_enabled(strcmp(argv[1], "1") == 0) < 0) {
			perror("auditstate: AUDIT_SET");
			return 1;
		}
		return 0;
	}
	state = audit_enabled();
	if (state < 0) {
		perror("auditstate: AUDIT_GET");
		return 1;
	}
	printf("%d\n", state);
	return 0;
}
