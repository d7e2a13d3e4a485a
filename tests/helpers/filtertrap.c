// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * filtertrap COMMAND [ARG]...: install the sandbox's own seccomp filter
 * (src/filter), the network restricted, in the trap mode that --why's
 * tracer uses (policy.h: filter_trap), then exec COMMAND untraced: a call
 * the filter refuses raises a SIGSYS that nothing turns into its errno,
 * and the process is killed (fail closed).
 */
#include "config.h"

#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "filter.h"

int main(int argc, char **argv)
{
	static struct filter_prog prog;

	if (argc < 2) {
		fprintf(stderr, "usage: filtertrap COMMAND [ARG]...\n");
		return 2;
	}
	if (filter_build(FILTER_ALWAYS | FILTER_NET | FILTER_TRAP, &prog) < 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    filter_install(&prog, 0) < 0) {
		perror("filtertrap");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
