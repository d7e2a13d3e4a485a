// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * landshim [OPTION]... [--] COMMAND [ARG]...: run COMMAND in a Landlock
 * sandbox.  The steps live in launch.[ch] so that other modes reuse them.
 */
#include "config.h"

#include <stdio.h>

#include "launch.h"
#include "log.h"

/* A mode's output that did not reach stdout is an error, not a success. */
static int flushed(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die_with_error("standard output");
	return code;
}

int main(int argc, char **argv)
{
	struct launch l;

	launch_init(&l);
	launch_parse_args(&l, argc, argv);
	switch (l.mode) {
	case LAUNCH_HELP:
		launch_usage();
		return flushed(0);
	case LAUNCH_VERSION:
		puts(PACKAGE_STRING);
		return flushed(0);
	case LAUNCH_CHECK:
		return flushed(launch_check());
	default:
		break;
	}
	launch_load_policy(&l);
	if (l.mode == LAUNCH_EXPLAIN)
		return flushed(launch_explain(&l));
	if (l.mode == LAUNCH_PRINT_ENV)
		return flushed(launch_print_env(&l));
	launch_prepare(&l);
	launch_exec(&l);
}
