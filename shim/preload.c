// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * liblandshim.so: preloaded, it sandboxes the program before main().
 *
 * Its constructor is all there is: it exports no symbol, interposes nothing,
 * and leaves no trace in the environment of the program's children (the
 * Landlock domain is inherited through the kernel).  Every refusal prints
 * "landshim: <reason>" and exits 125 before the program runs.
 */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "log.h"
#include "policy.h"
#include "shim.h"

/* Static, so the 16 KiB of port bitmaps cost nothing until touched. */
static struct policy policy;

static const char *base_name(const char *path, size_t len)
{
	const char *s = path + len;

	while (s > path && s[-1] != '/')
		s--;
	return s;
}

static bool is_self(const char *entry, size_t len, const char *self)
{
	const char *self_base = base_name(self, strlen(self));
	const char *base = base_name(entry, len);
	size_t base_len = len - (size_t)(base - entry);

	if (strlen(self) == len && memcmp(entry, self, len) == 0)
		return true;
	return strlen(self_base) == base_len &&
	       memcmp(base, self_base, base_len) == 0;
}

/* Drop our entries from LD_PRELOAD (':' or ' ' separated), keep the rest. */
static void strip_ld_preload(void)
{
	const char *list = getenv("LD_PRELOAD");
	Dl_info info;
	char *out;
	size_t n = 0;

	if (!list || !dladdr((void *)strip_ld_preload, &info) ||
	    !info.dli_fname)
		return;
	out = xmalloc(strlen(list) + 1);
	for (const char *s = list; *s;) {
		size_t len = 0;

		/* Not strcspn(): see item_length() in src/policy.c. */
		while (s[len] && s[len] != ':' && s[len] != ' ')
			len++;

		if (len && !is_self(s, len, info.dli_fname)) {
			if (n)
				out[n++] = ':';
			memcpy(out + n, s, len);
			n += len;
		}
		s += len;
		if (*s)
			s++;
	}
	out[n] = '\0';
	policy_env_edit("LD_PRELOAD", n ? out : NULL);
	free(out);
}

/* LANDSHIM_ADD_EXEC, LANDSHIM_LDD: the program is what ld.so loaded. */
static void add_program_rules(void)
{
	char exe[PATH_MAX];
	ssize_t n;

	if (!policy.add_exec && !policy.ldd)
		return;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		die_with_error("/proc/self/exe: cannot name the program for "
			       "LANDSHIM_ADD_EXEC or LANDSHIM_LDD");
	exe[n] = '\0';
	if (policy_add_program(&policy, exe, exe, getenv("LD_LIBRARY_PATH")) <
	    0)
		die("%s", policy.err);
}

__attribute__((constructor)) static void landshim_init(void)
{
	if (getauxval(AT_SECURE))
		die("refusing to run in a setuid, setgid or file-capability "
		    "(AT_SECURE) process");
	if (policy_from_env(&policy, shim_config_loader()) < 0)
		die("%s", policy.err);
	if (!policy.has_policy)
		die("preloaded without a policy: set LANDSHIM_RO, LANDSHIM_RW, "
		    "... or LANDSHIM_PROFILE (LANDSHIM_RO= with an empty "
		    "value denies everything)");
	add_program_rules();
	if (policy_apply(&policy) < 0)
		die("%s", policy.err);
	strip_ld_preload();
	policy_env_clear();
	policy_free(&policy);
}
