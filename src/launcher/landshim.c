// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * landshim [OPTION]... [--] COMMAND [ARG]...: run COMMAND in a Landlock
 * sandbox.  The steps live in launch.[ch] so that other modes reuse them.
 */
#include "config.h"

#include <stdio.h>

#include "launch.h"
#include "log.h"
#include "secrets.h"
#include "why.h"

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
	int code;

	launch_init(&l);
	launch_parse_args(&l, argc, argv);
	switch (l.mode) {
	case LAUNCH_HELP:
		launch_usage();
		code = 0;
		break;
	case LAUNCH_VERSION:
		code = launch_version(&l);
		break;
	case LAUNCH_CHECK:
		code = launch_check();
		break;
	case LAUNCH_LIST_PROFILES:
		code = launch_list_profiles(&l);
		break;
	case LAUNCH_EXPLAIN:
		launch_load_policy(&l);
		code = launch_explain(&l);
		secrets_warn_uncarved(&l.policy);
		break;
	case LAUNCH_PRINT_ENV:
		launch_load_policy(&l);
		code = launch_print_env(&l);
		secrets_warn_uncarved(&l.policy);
		break;
	case LAUNCH_WHY:
	case LAUNCH_LEARN:
		launch_load_policy(&l);
		if (l.mode == LAUNCH_LEARN)
			learn_prepare(&l);
		launch_prepare(&l);
		secrets_warn_uncarved(&l.policy);
		code = l.mode == LAUNCH_WHY ? why_main(&l) : learn_main(&l);
		break;
	default:
		launch_load_policy(&l);
		launch_prepare(&l);
		secrets_warn_uncarved(&l.policy);
		launch_exec(&l);
	}
	launch_free(&l);
	return flushed(code);
}
