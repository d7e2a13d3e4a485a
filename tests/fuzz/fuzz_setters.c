// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the policy setters, one after the other on one policy,
 * then the plan for every ABI.  Each input line is one call: its first
 * byte picks the setter (and its flags), the rest is the value.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "log.h"
#include "policy.h"

static void call_setter(struct policy *p, unsigned char op, const char *v)
{
	bool on;

	switch (op % 8) {
	case 0:
		policy_add_path_list(p, (op >> 3) & 15, v, op & 128 ? "," : ":",
				     "fuzz");
		break;
	case 1:
		policy_add_ports(p, (op >> 3) & 3, v);
		break;
	case 2:
		policy_set_unrestricted(p, v);
		break;
	case 3:
		policy_set_log_flags(p, v);
		break;
	case 4:
		policy_check_ll_scoped(p, v);
		break;
	case 5:
		if (policy_parse_bool(p, v, &on) == 0)
			policy_set_strict(p, on);
		break;
	case 6:
		policy_set_log_level(p, v);
		break;
	default:
		policy_add_port_range(p, LL_NET_BIND_TCP, strtol(v, NULL, 10),
				      (long)op * 300 - 1000);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct policy p;
	struct policy_plan plan;
	char *text = fuzz_string(data, size);

	policy_init(&p);
	for (char *line = text; *line;) {
		char *end = line + strcspn(line, "\n");
		bool last = *end == '\0';

		*end = '\0';
		call_setter(&p, (unsigned char)line[0], line + (line[0] != 0));
		if (last)
			break;
		line = end + 1;
	}
	log_threshold = LOG_ERROR;
	for (int abi = -1; abi <= LL_ABI_KNOWN + 1; abi++) {
		policy_plan(&p, abi, &plan);
		policy_report_drops(&p, &plan);
	}
	policy_free(&p);
	free(text);
	return 0;
}
