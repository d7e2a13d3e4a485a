// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * liblandshim.so: sandboxes the program it is loaded into, before the
 * program runs.  Two ways in, one constructor:
 *
 * - LD_AUDIT (the audit form, what `landshim --print-env` writes): ld.so
 *   loads the shim into a link namespace of its own before it loads,
 *   relocates or initialises any object of the program, and runs the
 *   shim's constructor right then.  Nothing of the program has run yet:
 *   no IFUNC resolver, no .preinit_array, no library constructor.
 *   la_version() then returns 0, so that ld.so unloads the shim again.
 * - LD_PRELOAD alone: the constructor runs with the preloaded objects',
 *   after the constructors of the program's own libraries.
 *
 * Either way the shim reads the environment the loader passed to
 * constructors (not environ, not getenv()), calls only its own code (no
 * libc: shim/libc), makes its system calls as instructions, and leaves no
 * trace: the policy variables and its own entries in LD_PRELOAD and
 * LD_AUDIT are removed, so children inherit the sandbox through the kernel
 * and pay nothing.  Every refusal is "landshim: <reason>" and exit 125
 * before the program runs.
 */
#include "config.h"

#include <elf.h>
#include <limits.h>
#include <link.h>
#include <stdbool.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "libc/libc.h"
#include "log.h"
#include "policy.h"
#include "shim.h"

/* Static, so the port bitmaps cost nothing until touched. */
static struct policy policy;
static bool started;

/*
 * musl calls constructors without arguments: there, libc's own (declared
 * by <unistd.h> and <sys/auxv.h>; weak, since nothing may be there).
 */
#pragma weak environ
#pragma weak getauxval

/*
 * glibc's ld.so passes (argc, argv, envp), and the kernel lays envp out
 * right after argv's NULL.  Without that relation the registers hold
 * whatever a loader left there (musl): then environ, never a guess.
 */
static char **program_environment(int argc, char **argv, char **envp)
{
	if (argc >= 0 && argc < (1 << 24) && argv && envp == argv + argc + 1)
		return envp;
	if (&environ && environ)
		return environ;
	die("cannot find the environment: this dynamic loader passes "
	    "nothing to constructors and has no environ");
}

/*
 * The auxiliary vector follows envp's NULL (and the NULLs of entries a
 * loader removed before us).  Only for the loader's own envp.
 */
static bool secure_execution(char **envp, bool from_loader)
{
	const Elf64_auxv_t *auxv;
	char **p = envp;

	if (!from_loader)
		return getauxval && getauxval(AT_SECURE);
	while (*p)
		p++;
	while (!*p)
		p++;
	for (auxv = (const Elf64_auxv_t *)p; auxv->a_type != AT_NULL; auxv++)
		if (auxv->a_type == AT_SECURE)
			return auxv->a_un.a_val != 0;
	return false;
}

static void read_policy(char **envp)
{
	char **source = envp;

	if (policy_env_needs_files(envp))
		source = shim_expand_policy(envp);
	if (policy_from_env(&policy, source, NULL) < 0)
		die("%s", policy.err);
	if (!policy.has_policy)
		die("preloaded without a policy: set LANDSHIM_RO, LANDSHIM_RW, "
		    "... or LANDSHIM_PROFILE (LANDSHIM_RO= with an empty "
		    "value denies everything)");
	/*
	 * The audit form runs before ld.so has loaded the program's
	 * libraries: the program gets what the launcher gives it, its file
	 * and what it loads (--add-exec, --ldd).  There is no libc in the
	 * audit namespace, nor environ.
	 */
	if (!&environ) {
		policy_set_add_exec(&policy, true);
		policy_set_ldd(&policy, true);
	}
	if (policy_add_program(&policy, "/proc/self/exe",
			       policy_env_get(envp, "LD_LIBRARY_PATH")) < 0)
		die("%s", policy.err);
}

static bool is_separator(char c)
{
	return c == ':' || c == ' ';
}

/* Is the list entry @s (@len bytes) this shim?  By its file name. */
static bool names_shim(const char *s, size_t len)
{
	static const char name[] = "liblandshim.so";
	size_t n = sizeof(name) - 1;

	return len >= n && memcmp(s + len - n, name, n) == 0 &&
	       (len == n || s[len - n - 1] == '/');
}

/* The next entry of a loader list at *@s (advanced past it), or NULL. */
static const char *next_entry(const char **s, size_t *len)
{
	const char *entry;

	while (is_separator(**s))
		(*s)++;
	if (!**s)
		return NULL;
	entry = *s;
	while (**s && !is_separator(**s))
		(*s)++;
	*len = (size_t)(*s - entry);
	return entry;
}

/*
 * LD_PRELOAD without the shim, rewritten in its own string: ld.so has
 * either read it already (LD_PRELOAD alone) or not yet, and reads it from
 * the start (the audit form: the program's own copy of the shim is then
 * never loaded).  The rest is kept, ':'-separated.
 */
static void remove_from_preload(char *value)
{
	const char *s = value, *entry;
	size_t len, out = 0;

	while ((entry = next_entry(&s, &len))) {
		if (names_shim(entry, len))
			continue;
		if (out)
			value[out++] = ':';
		memmove(value + out, entry, len);
		out += len;
	}
	value[out] = '\0';
}

/*
 * LD_AUDIT is being read while the shim runs (ld.so has a pointer past the
 * shim's entry, to load the modules after it): the shim's entries are only
 * blanked, with the separator, so nothing moves.
 */
static void remove_from_audit(char *value)
{
	const char *s = value, *entry;
	size_t len;

	while ((entry = next_entry(&s, &len)))
		if (names_shim(entry, len))
			memset(value + (entry - value), ':', len);
}

static bool is_empty_loader_list(const char *entry)
{
	static const char *const vars[] = {"LD_PRELOAD=", "LD_AUDIT="};

	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(vars[i]);

		if (strncmp(entry, vars[i], n) != 0)
			continue;
		for (entry += n; *entry; entry++)
			if (!is_separator(*entry))
				return false;
		return true;
	}
	return false;
}

static void remove_traces(char **envp)
{
	for (char **e = envp; e && *e; e++)
		if (strncmp(*e, "LD_PRELOAD=", 11) == 0)
			remove_from_preload(*e + 11);
		else if (strncmp(*e, "LD_AUDIT=", 9) == 0)
			remove_from_audit(*e + 9);
	policy_env_remove(envp, is_empty_loader_list);
	policy_env_strip(envp);
}

__attribute__((constructor)) static void landshim_start(int argc, char **argv,
							char **envp)
{
	char **env = program_environment(argc, argv, envp);

	if (secure_execution(env, env == envp))
		die("refusing to run in a setuid, setgid or file-capability "
		    "(AT_SECURE) process");
	started = true;
	read_policy(env);
	if (policy_apply(&policy) < 0)
		die("%s", policy.err);
	remove_traces(env);
	/* A library's constructor may have called setenv() before us. */
	if (&environ && environ && environ != env)
		remove_traces(environ);
	policy_free(&policy);
	libc_release_memory();
}

/*
 * The rtld-audit entry.  ld.so ran the constructor above while loading the
 * shim, before calling this; 0 tells it to unload the shim, which has
 * nothing left to do.  Should a loader ever call it first, the program
 * would start unsandboxed: refuse instead.
 */
__attribute__((visibility("default"))) unsigned int
la_version(unsigned int version)
{
	(void)version;
	if (!started)
		die("the dynamic loader asked for the audit interface before "
		    "running the shim's constructor: refusing to run "
		    "unsandboxed");
	return 0;
}
