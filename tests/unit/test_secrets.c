// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The secrets compiled into --learn and the warnings (secrets_list.h) are
 * the profile "secrets", entry for entry, and never a whole home.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "policy.h"
#include "policy_file.h"
#include "secrets.h"
#include "tap.h"

int main(void)
{
	struct policy p;
	size_t n;
	const struct secret *s = secrets_list(&n);
	char want[4096];

	setenv("HOME", "/h", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	policy_init(&p);
	is_int(policy_file_load(&p, NULL, "secrets"), 0, "the profile loads");
	is_int(p.npaths, n, "as many paths as the compiled list");
	for (size_t i = 0; i < n && i < p.npaths; i++) {
		const struct policy_path *pp = &p.paths[i];
		unsigned set = s[i].kind == SECRET_DENY ? LL_SET_DENY :
							  LL_SET_READ_ONLY;

		snprintf(want, sizeof(want), "%s%s",
			 s[i].path[0] == '~' ? "/h" : "", s[i].path +
			 (s[i].path[0] == '~'));
		if (!ok(strcmp(pp->path, want) == 0 && pp->set == set &&
				pp->optional,
			s[i].path))
			printf("#   profile: %s (set %#x)\n", pp->path, pp->set);
		ok(strcmp(s[i].path, "~") != 0 && strcmp(s[i].path, "~/") != 0 &&
			   strcmp(s[i].path, "/root") != 0 &&
			   strcmp(s[i].path, "/home") != 0,
		   "not a whole home");
	}
	policy_free(&p);
	return done_testing();
}
