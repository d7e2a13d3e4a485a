// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the environment parser.  The input is a set of
 * variables, one "NAME=VALUE" a line, that policy_from_env() reads.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "log.h"
#include "policy.h"

static void set_variables(char *text)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *eq = strchr(line, '=');

		if (!eq || eq == line)
			continue;
		*eq = '\0';
		setenv(line, eq + 1, 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct policy p;
	char *text = fuzz_string(data, size);

	clearenv();
	set_variables(text);
	policy_init(&p);
	policy_from_env(&p, environ, NULL);
	policy_free(&p);
	clearenv();
	free(text);
	log_threshold = LOG_ERROR;
	return 0;
}
