// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the policy setters, one after the other on one policy,
 * then the plan for every ABI, then the round trip through the variables
 * the launcher gives the shim (policy_to_env, policy_from_env), which must
 * give the same policy back.  Each input line is one call: its first byte
 * picks the setter (and its flags), the rest is the value.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "log.h"
#include "policy.h"

static const unsigned sets[] = { LL_SET_RO, LL_SET_ROX, LL_SET_RW,
				  LL_SET_RWX, LL_SET_UNIX };

static void call_setter(struct policy *p, unsigned char op, const char *v)
{
	bool on;

	switch (op % 8) {
	case 0:
		policy_add_path_list(p, sets[(op >> 3) % 5], v,
				     op & 128 ? "," : ":", "fuzz");
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

static void set_var(const char *name, const char *value, void *arg)
{
	(void)arg;
	setenv(name, value, 1);
}

static int by_set_and_path(const void *a, const void *b)
{
	const struct policy_path *x = a, *y = b;

	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	return strcmp(x->path, y->path);
}

static void differs(const char *what, const struct policy *q)
{
	fprintf(stderr, "round trip: %s differs (%s)\n", what, q->err);
	abort();
}

/* What the shim reads back must be the policy the launcher had. */
static void round_trip(struct policy *p)
{
	static struct policy q;

	clearenv();
	if (policy_to_env(p, set_var, NULL) < 0)
		return;
	policy_init(&q);
	if (policy_from_env(&q, environ, NULL) < 0)
		differs("the result", &q);
	if (memcmp(&p->bind, &q.bind, sizeof(p->bind)) != 0 ||
	    memcmp(&p->connect, &q.connect, sizeof(p->connect)) != 0)
		differs("a port set", &q);
	if (p->unrestricted != q.unrestricted ||
	    p->restrict_flags != q.restrict_flags || p->strict != q.strict)
		differs("a flag", &q);
	if (p->npaths != q.npaths)
		differs("the number of paths", &q);
	/* One variable per right set: the order is by set. */
	if (p->npaths) {
		qsort(p->paths, p->npaths, sizeof(*p->paths), by_set_and_path);
		qsort(q.paths, q.npaths, sizeof(*q.paths), by_set_and_path);
	}
	for (size_t i = 0; i < p->npaths; i++)
		if (by_set_and_path(&p->paths[i], &q.paths[i]) != 0 ||
		    p->paths[i].optional != q.paths[i].optional)
			differs(p->paths[i].path, &q);
	policy_free(&q);
	clearenv();
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
	if (p.err[0] == '\0')
		round_trip(&p);
	policy_free(&p);
	free(text);
	return 0;
}
