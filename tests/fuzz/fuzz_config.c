// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the config file parser.  The input is the file; it is
 * written to a private directory (so that a relative @include finds
 * nothing else) and loaded with policy_file_load().
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "log.h"
#include "policy.h"
#include "policy_file.h"

static char dir[] = "/tmp/landshim-fuzz.XXXXXX";
static char path[sizeof(dir) + 16];

static void remove_file(void)
{
	unlink(path);
	rmdir(dir);
}

static void make_file(void)
{
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/fuzz.conf", dir);
	atexit(remove_file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct policy p;
	int fd;

	if (!path[0])
		make_file();
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) < 0)
		abort();
	policy_init(&p);
	policy_file_load(&p, path, NULL);
	policy_free(&p);
	log_threshold = LOG_ERROR;
	return 0;
}
