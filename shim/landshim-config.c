// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * landshim-config: the shim's helper (shim/expand.c).  Reads the policy
 * from its environment, config files and profiles included
 * (LANDSHIM_CONFIG, LANDSHIM_PROFILE), and prints the result as the policy
 * variables the shim reads, "NAME=VALUE" each followed by a NUL byte.  Every
 * path is checked here, where its origin (FILE:LINE) is known; optional ones
 * that are missing are left out.  Errors are the launcher's: one "landshim:"
 * line, exit 125.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "log.h"
#include "policy.h"
#include "policy_file.h"

static void print_var(const char *name, const char *value, void *arg)
{
	(void)arg;
	printf("%s=%s", name, value);
	putchar('\0');
}

int main(int argc, char **argv)
{
	struct policy p;

	(void)argv;
	if (argc != 1)
		die("usage: landshim-config (the shim runs it; see "
		    "landshim(1))");
	policy_init(&p);
	if (policy_from_env(&p, environ, policy_file_load) < 0)
		die("%s", p.err);
	/* The shim sees variables, not files: errors name FILE:LINE here. */
	if (policy_drop_missing(&p) < 0)
		die("%s", p.err);
	if (policy_to_env(&p, print_var, NULL) < 0)
		die("%s", p.err);
	if (fflush(stdout) != 0 || ferror(stdout))
		die_with_error("writing the policy");
	return 0;
}
