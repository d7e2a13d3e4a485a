// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the audit record parser, on one "TYPE audit(...):
 * fields" line (not NUL-terminated: the parser must stop at the length).
 */
#include "config.h"

#include <stdint.h>

#include "audit_record.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct audit_record r;

	audit_record_parse_line((const char *)data, size, &r);
	return 0;
}
