/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The launcher's reusable parts: parse a command line into a policy and
 * options, prepare the target's environment, and exec it sandboxed.
 *
 * Every mode is built from the same three steps, so that a new mode never
 * duplicates how a program is launched:
 *
 *	struct launch l;
 *
 *	launch_init(&l);
 *	launch_parse_args(&l, argc, argv);   -- 125 on a bad option
 *	launch_load_policy(&l);              -- file < env < command line
 *	launch_prepare(&l);                  -- 125/126/127 on error
 *	launch_exec(&l);                     -- never returns
 *
 * A mode that must watch the program (e.g. --why, reading audit records)
 * forks between the last two steps:
 *
 *	launch_prepare(&l);
 *	pid = fork();
 *	if (pid == 0)
 *		launch_exec(&l);             -- the child: sandboxed exec
 *	... watch, then waitpid(pid, &status, 0);
 *	return launch_exit_status(status);   -- 128+N for a signal
 *
 * launch_exec() closes every fd above 2 that is not kept (--keep-fd), so
 * the parent's own descriptors (a netlink socket, a pipe) never leak into
 * the sandbox; pass one on purpose with launch_keep_fd().
 *
 * Errors print one "landshim: <culprit>: <what>" line and exit: 125 for
 * landshim's own errors, 126 when the command cannot be executed, 127 when
 * it is not found, like env(1).
 */
#ifndef LANDSHIM_LAUNCH_H
#define LANDSHIM_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>

#include "policy.h"

#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND 127

/* What the command line asks for; a new mode adds a value and an option. */
enum launch_mode {
	LAUNCH_RUN,	  /* sandbox and exec the command (default) */
	LAUNCH_EXPLAIN,	  /* print the resolved policy, run nothing */
	LAUNCH_CHECK,	  /* print what this kernel enforces */
	LAUNCH_PRINT_ENV, /* print export lines for wrapper scripts */
	LAUNCH_HELP,
	LAUNCH_VERSION,
	LAUNCH_WHY,	  /* run it, then report its denials (why.c) */
	LAUNCH_LEARN,	  /* run it until it needs nothing new (learn.c) */
	LAUNCH_LIST_PROFILES, /* the profiles found, and where */
};

/* A command-line option kept until the policy is loaded (precedence). */
struct launch_opt {
	const struct launch_option *def;
	char *name;	   /* as written (allocated), for messages */
	const char *value; /* NULL for a switch */
};

struct launch {
	struct policy policy;
	enum launch_mode mode;
	const char *mode_option; /* the option that chose the mode */

	/* Parsed command line (pointers into argv). */
	struct launch_opt *opts; /* policy options, applied after env */
	size_t nopts;
	char **command; /* NULL-terminated; command[0] NULL if none */
	const char **env_opts; /* --env NAME or NAME=VALUE, in order */
	size_t nenv_opts;
	int *keep_fds;
	size_t nkeep_fds;
	bool clear_env;
	bool exec_all; /* --exec (landrun 0.1): --ro/--rw gain x */
	const char *learn_file; /* --learn FILE */
	unsigned learn_rounds;	/* --rounds N; 0: the default */
	bool allow_secrets;	/* --allow-secrets */
	const char *library_opt; /* --library PATH */
	bool learn_network;	/* --learn-network: ports become rules */
	bool wait_given;	/* --wait N: the grace period after the */
	unsigned wait_seconds;	/* command exits (else the default) */
	const char *why_source; /* --why-source audit|ptrace; NULL: best */

	/* Filled by launch_prepare(). */
	char *library; /* the shim, for --print-env and --explain */
	char *target; /* the command's file, as found in PATH */
	int target_fd; /* ... opened once: inspected, ruled, executed */
	bool exec_by_path; /* a "#!" script: exec its path (its $0) */
	char *binary; /* the file the kernel maps (after #! lines) */
	char *interp; /* its ELF interpreter, NULL if static or unknown */
	bool unsandboxed; /* no Landlock and allow-unsandboxed */
};

void launch_init(struct launch *l);
/* Free what parsing and launch_prepare() allocated; @l is then empty. */
void launch_free(struct launch *l);

/* Parse argv (argv[0] is the program name); exits 125 on a bad option. */
void launch_parse_args(struct launch *l, int argc, char **argv);

/*
 * Fill l->policy: config files (--config, --profile, LANDSHIM_CONFIG,
 * LANDSHIM_PROFILE), then the LANDSHIM_* and LL_* variables, then the
 * command line's options.  Lists are unions.  Exits 125 on a bad value.
 */
void launch_load_policy(struct launch *l);

/* Keep fd open across launch_exec() (what --keep-fd N does). */
void launch_keep_fd(struct launch *l, int fd);

/*
 * Everything short of exec, changing nothing in this process: find the
 * shim, resolve the command (127/126), add the --add-exec/--ldd rules,
 * decide whether the launcher must apply the policy itself, and validate
 * the whole policy here so that every error comes from the launcher (125).
 */
void launch_prepare(struct launch *l);

/*
 * The shim as named, before any check: --library, LANDSHIM_LIBRARY, else
 * the build tree's for the build tree's launcher, else the installed one.
 * @how is set to the option or variable that named it ("" for a default).
 */
const char *launch_library_name(const struct launch *l, const char **how);

/* The command part of launch_prepare() (launch_target.c). */
void launch_resolve_target(struct launch *l);
/*
 * Why env activation alone (the --print-env variables, without the
 * launcher) cannot sandbox the command ("is setuid", "is statically
 * linked"...), or NULL when the shim can (DESIGN.md decision 12).
 */
const char *launch_env_gap(const struct launch *l);

/*
 * Build the command's environment (--clear-env, --env; no policy
 * variable reaches the command), apply the policy to this process, close
 * fds above 2 except kept ones, and exec the command from its descriptor.
 * Meant for this process or a forked child.  Exits 125/126/127 on
 * failure.
 */
__attribute__((noreturn)) void launch_exec(struct launch *l);

/* A waitpid() status as a shell reports it: the code, or 128+signal. */
int launch_exit_status(int wstatus);

/* The value @name will have in the command's environment, or NULL. */
const char *launch_getenv(const struct launch *l, const char *name);

/* The modes that run nothing (launch_info.c); they return an exit code. */
int launch_explain(struct launch *l);
int launch_check(void);
int launch_print_env(struct launch *l);
int launch_version(const struct launch *l);
int launch_list_profiles(struct launch *l);
void launch_usage(void);

#endif
