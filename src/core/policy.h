/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The policy: what a sandboxed program may do.  Every input (environment,
 * config file, command line) fills it through the setters below, one per
 * concept, and policy_apply() turns it into ONE Landlock ruleset.
 *
 * Setters return 0, or -1 with a message in p->err that names the bad value;
 * the caller adds where the value came from (variable, FILE:LINE, option).
 */
#ifndef LANDSHIM_POLICY_H
#define LANDSHIM_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "landlock.h"

#define POLICY_PORTS 65536

struct policy_path {
	char *path;	/* as given; a relative path is relative to the cwd */
	char *origin;	/* where it came from, for messages */
	unsigned set;	/* LL_SET_* bits */
	bool optional;	/* trailing '?': skip if missing */
	/*
	 * Found by inspecting a file (the launcher's command and what it
	 * loads) rather than given: the rule is on that very file, so a file
	 * swapped in after the inspection cannot redirect it.  Either it is
	 * already open (fd >= 0, owned by the policy), or exact: canonical,
	 * and opened without following any symlink.
	 */
	int fd;
	bool exact;
};

struct port_set {
	uint64_t bits[POLICY_PORTS / 64];
	unsigned count;
};

/* In the order of policy_unrestricted_names (policy_to_env). */
enum unrestricted_class {
	UNRESTRICTED_FS = 1 << 0,
	UNRESTRICTED_NET = 1 << 1,
	UNRESTRICTED_SCOPE = 1 << 2,
	UNRESTRICTED_UNIX = 1 << 3,	/* unix sockets, on every ABI */
	UNRESTRICTED_CAPS = 1 << 4,	/* root keeps every capability */
};

struct policy {
	struct policy_path *paths;
	size_t npaths, cap;
	/* Adjacent, in this order: policy_free() and the port rules. */
	struct port_set bind, connect, bind_udp, connect_udp;
	unsigned unrestricted;		/* enum unrestricted_class bits */
	uint32_t restrict_flags;	/* LL_RESTRICT_LOG_* asked for */
	bool has_policy;		/* some rule-defining input was seen */
	bool strict;			/* a dropped right is an error */
	bool allow_unsandboxed;		/* run even without Landlock */
	bool ignore_missing;		/* every path is optional */
	bool add_exec;			/* rox on the program's file */
	bool ldd;			/* rox on its interpreter and libs */
	/*
	 * --why and --learn: how the seccomp filter (src/filter) shows the
	 * calls it refuses.  filter_log: SECCOMP_FILTER_FLAG_LOG, an
	 * AUDIT_SECCOMP record each.  filter_trap: SECCOMP_RET_TRAP with
	 * FILTER_TRAP_TAG | errno as data (filter.h), instead of
	 * SECCOMP_RET_ERRNO | errno; landshim, tracing the command, turns the
	 * SIGSYS into that errno (fail closed: untraced, SIGSYS kills).
	 */
	bool filter_log;
	bool filter_trap;
	char err[512];
};


/* What policy_apply() will enforce on a kernel of a given ABI. */
struct policy_plan {
	int abi;
	uint64_t fs_handled, net_handled, scoped;
	uint32_t restrict_flags;	/* the audit-log flags asked for */
	bool tsync;			/* every thread (ABI 8) */
	bool nnp_flag;			/* no_new_privs by restrict_self (11) */
	unsigned filter;		/* enum filter_class bits (filter.h) */
	bool drop_caps;			/* root keeps CAPS_KEPT only */
	/* What the policy denies that the filter enforces instead. */
	uint64_t fs_filtered, net_filtered;
	/* What the policy denies but neither Landlock nor the filter can. */
	uint64_t fs_dropped, net_dropped, scope_dropped;
	uint32_t flags_dropped;
};

void policy_init(struct policy *p);
void policy_free(struct policy *p);
int policy_error(struct policy *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Paths.  @origin names the source for later messages (copied). */
int policy_add_path(struct policy *p, unsigned set, const char *path,
		    const char *origin);
/* @path's rule on the open file @fd (the policy closes it); @path names it
 * in messages. */
int policy_add_path_fd(struct policy *p, unsigned set, int fd,
		       const char *path, const char *origin);
/* A rule on the canonical path @path, opened without following symlinks. */
int policy_add_exact_path(struct policy *p, unsigned set, const char *path,
			  const char *origin);
/* A list split on any character of @seps; the empty list is legal. */
int policy_add_path_list(struct policy *p, unsigned set, const char *list,
			 const char *seps, const char *origin);
void policy_set_ignore_missing(struct policy *p, bool on);
/* Rewrite every relative path against the current directory. */
int policy_make_absolute(struct policy *p);

/*
 * Rules for the program itself (policy_program.c), known only when it is
 * (the shim's /proc/self/exe, the helper's --program): add_exec grants rox
 * on @program, ldd on its interpreter and libraries.  The two switches are
 * then cleared: the rules are there, nobody downstream adds them again.
 * Every rule is on the file inspected, through its descriptor.
 */
void policy_set_add_exec(struct policy *p, bool on);
void policy_set_ldd(struct policy *p, bool on);
int policy_add_program(struct policy *p, const char *program,
		       const char *ld_library_path);
/* Rox on what the ELF file open as @fd (named @elf) loads, with @origin. */
int policy_add_elf_deps(struct policy *p, int fd, const char *elf,
			const char *ld_library_path, const char *origin);
/* A rule on the file open as @fd (the policy keeps a duplicate). */
int policy_add_open_file(struct policy *p, unsigned set, int fd,
			 const char *path, const char *origin);

/*
 * Ports: "443", "8000-8100", lists separated by ',' or ':'; @net_access
 * says for what (LL_NET_BIND_TCP, ..._CONNECT_TCP, ..._BIND_UDP,
 * ..._CONNECT_SEND_UDP, any combination).
 */
int policy_add_ports(struct policy *p, uint64_t net_access, const char *spec);
int policy_add_port_range(struct policy *p, uint64_t net_access, long lo,
			  long hi);

/* "filesystem", "network", "scope" (also "scoped"), "unix",
 * "capabilities", comma separated. */
int policy_set_unrestricted(struct policy *p, const char *list);
int policy_set_unrestricted_class(struct policy *p, const char *name);

/* Audit logging flags of restrict_self: "disable-originating",
 * "enable-subprocesses", "disable-subdomains", comma separated. */
int policy_set_log_flags(struct policy *p, const char *list);
int policy_add_log_flag(struct policy *p, const char *name);

/* The kernel sample's LL_SCOPED: "a" and/or "s", colon separated. */
int policy_check_ll_scoped(struct policy *p, const char *list);

/* Strictness once asked for (strict on, best effort off) stays on. */
void policy_set_strict(struct policy *p, bool on);
void policy_set_best_effort(struct policy *p, bool on);
void policy_set_allow_unsandboxed(struct policy *p, bool on);
/* Filter denials in the audit log (SECCOMP_FILTER_FLAG_LOG): for --why
 * and --learn while they run, never otherwise (no variable sets it). */
int policy_set_log_level(struct policy *p, const char *level);

/* "1"/"0", "true"/"false", "yes"/"no", "on"/"off". */
int policy_parse_bool(struct policy *p, const char *s, bool *out);

/* Is the port in the set? */
bool port_set_has(const struct port_set *s, unsigned port);
/* The set as ranges, "80,443,8000-8100" (allocated; "" when empty). */
char *port_set_format(const struct port_set *s);

/* Pure: what a kernel of @abi would enforce of @p, Landlock and filter. */
void policy_plan(const struct policy *p, int abi, struct policy_plan *plan);

/*
 * Open @p's path i (O_PATH) and tell whether it is a directory.  Returns the
 * fd, -2 if it is optional and missing (skip it), -1 on error (p->err).
 */
int policy_open_path(struct policy *p, size_t i, bool *is_dir);
/*
 * Open every path now: an error for a missing one (p->err, naming where
 * it came from), and the missing optional ones are dropped (reported at
 * debug level, with their origin).
 */
int policy_drop_missing(struct policy *p);
/* Done with what policy_open_path(@i) returned. */
void policy_close_path(const struct policy *p, size_t i, int fd);

/*
 * Sandbox the calling process, in this order: no_new_privs (or the ABI 11
 * flag of restrict_self), capabilities, the one Landlock ruleset, the
 * seccomp filter.  Returns 0 when sandboxed, 1 when Landlock is missing and
 * allow_unsandboxed let the program run anyway, -1 on error (p->err).
 */
int policy_apply(struct policy *p);

/* Report each dropped right (info), or fail in strict mode. */
int policy_report_drops(struct policy *p, const struct policy_plan *plan);

/* Call @fn for each right, scope or flag @plan drops; stop at its -1.
 * (Rights the filter enforces instead are not dropped.) */
typedef int (*policy_drop_fn)(void *arg, const char *what, const char *name,
			      int needed_abi);
int policy_for_each_drop(const struct policy_plan *plan, policy_drop_fn fn,
			 void *arg);

/*
 * Check what policy_apply() would, without applying anything: Landlock is
 * there, strict mode has nothing to drop, seccomp filters can be
 * installed, every non-optional path opens (unless the filesystem is
 * unrestricted).
 * Returns 0 (@plan filled), 1 when Landlock is missing and
 * allow_unsandboxed lets the program run, -1 on error (p->err).
 */
int policy_validate(struct policy *p, struct policy_plan *plan);

/* Loads a config file or a profile into @p; NULL where files are not
 * supported.  Exactly one of @file and @profile is non-NULL. */
typedef int (*policy_file_loader)(struct policy *p, const char *file,
				  const char *profile);

/*
 * policy_env.c: the LANDSHIM_* and LL_* variables of the environment
 * @envp (NULL-terminated; the launcher's environ, the shim's envp as the
 * dynamic loader gave it).  Nothing here calls getenv() or touches environ.
 */
int policy_from_env(struct policy *p, char *const *envp,
		    policy_file_loader load);
/* The value of @name in @envp (the first entry, as getenv()), or NULL. */
const char *policy_env_get(char *const *envp, const char *name);
/* Does @envp name a config file or a profile (for the shim's helper)? */
bool policy_env_needs_files(char *const *envp);
/* Remove every policy variable from @envp in place (after use, so that
 * children pay nothing); LANDRUN_LOG_LEVEL is not ours and stays. */
void policy_env_strip(char **envp);
/* Remove the entries @drop selects from @envp in place; the slots freed at
 * the end become NULL. */
void policy_env_remove(char **envp, bool (*drop)(const char *entry));
/* Is @name (without '=') one of ours? */
bool policy_env_is_known(const char *name);
/* "; variables separate paths with ':' (...)" for a path from a variable
 * that looks like a comma list, else "" (in @buf). */
const char *policy_list_hint(const struct policy_path *pp, char *buf,
			     size_t size);

/*
 * The variables that give the shim @p, one @fn call each: absolute paths,
 * port ranges, LANDSHIM_RO always (an empty policy denies everything).
 * Returns -1 (p->err) for a path that a colon list cannot carry.
 */
typedef void (*policy_env_fn)(const char *name, const char *value, void *arg);
int policy_to_env(struct policy *p, policy_env_fn fn, void *arg);

#endif
