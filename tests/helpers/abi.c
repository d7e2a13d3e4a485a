// SPDX-License-Identifier: GPL-2.0-or-later
/* abi: print the kernel's Landlock ABI; exit 1 without Landlock. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "landlock.h"

int main(void)
{
	int abi = ll_abi();

	if (abi < 0) {
		printf("none (%s)\n", strerror(errno));
		return 1;
	}
	printf("%d\n", abi);
	return 0;
}
