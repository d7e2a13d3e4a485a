/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Denials of one run, from its audit records, and the narrowest option that
 * would allow each.
 *
 * A run's denials are told apart from everyone else's by Landlock domain:
 * a domain is the run's when the process that created it (the pid of its
 * AUDIT_LANDLOCK_DOMAIN "allocated" record) belongs to the run's process
 * tree, which the caller decides.  Time plays no part.
 */
#ifndef LANDSHIM_DENIAL_H
#define LANDSHIM_DENIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "audit_record.h"
#include "filter_explain.h"
#include "landlock.h"

/* One kind of thing denied: what decides the option that allows it. */
enum denial_class {
	DENIAL_FS,	 /* a path: read, write, execute, create, remove ... */
	DENIAL_BIND,	 /* a TCP port */
	DENIAL_CONNECT,	 /* a TCP port */
	DENIAL_SIGNAL,	 /* a process outside the sandbox */
	DENIAL_ABSTRACT, /* an abstract unix socket outside the sandbox */
	DENIAL_FILTER,	 /* a call the seccomp filter refused */
	DENIAL_OTHER,	 /* ptrace, mount, or a right this version lacks */
};

/* The rights Landlock checks on the directory in which a name is made,
 * removed, linked or renamed. */
#define LL_FS_MAKE_ANY                                                  \
	(LL_FS_MAKE_CHAR | LL_FS_MAKE_DIR | LL_FS_MAKE_REG | LL_FS_MAKE_SOCK | \
	 LL_FS_MAKE_FIFO | LL_FS_MAKE_BLOCK | LL_FS_MAKE_SYM)
#define LL_FS_IN_DIR (LL_FS_MAKE_ANY | LL_FS_REMOVE_DIR | LL_FS_REMOVE_FILE | \
		      LL_FS_REFER)

#define DENIAL_MAX_PROGRAMS 4

/* Distinct denials, merged over records: one per class and object. */
struct denial {
	enum denial_class class;
	uint64_t fs;	 /* DENIAL_FS: LL_FS_* bits denied */
	unsigned other;	 /* DENIAL_OTHER: enum audit_blocker bits */
	struct filter_refusal filter; /* DENIAL_FILTER */
	char *object;	 /* path, abstract socket name (may hold any byte
			  * but NUL), or target command name */
	size_t object_len;
	unsigned port;	 /* DENIAL_BIND, DENIAL_CONNECT */
	char addr[48];	 /* the first address seen with the port */
	long opid;	 /* DENIAL_SIGNAL, DENIAL_OTHER (ptrace) */
	char *programs[DENIAL_MAX_PROGRAMS]; /* executables that hit it */
	size_t nprograms;
	bool more_programs;
	bool program_guessed; /* programs[0] is the domain's creator, for
			       * want of a SYSCALL record naming the process */
	bool nested;	      /* denied by a sandbox nested in the run's */
	unsigned long count; /* records */
};

/* Whose is a process: the run's command, another of the run's tree
 * (landshim included), or no business of the run. */
enum pid_owner { PID_OTHER, PID_COMMAND, PID_TREE };
typedef enum pid_owner (*denial_pid_owner)(pid_t pid, void *arg);

/* A domain of the run: the command's sandbox, or one nested inside it. */
struct run_domain {
	uint64_t id;
	char *exe;   /* its creator's executable */
	bool nested; /* not created by the command's own process */
};

/*
 * Collects the denials of one run's domains from a stream of records in
 * kernel order.  Denials of a domain not yet known are held briefly: the
 * domain's "allocated" record follows its first denial in the same event.
 */
struct denial_collector {
	denial_pid_owner owner_of;
	void *arg;
	char marker[64];	/* the end-of-run marker's text, if any */
	bool marker_seen;

	struct run_domain *domains;
	size_t ndomains, domains_cap;

	struct denial *denials; /* distinct, in order of first sight */
	size_t ndenials, denials_cap;
	size_t *index;		/* hash table over denials: index + 1 */
	size_t index_cap;

	struct held_record *held; /* ring: denials of unknown domains */
	size_t nheld, held_next;
	struct pending_program *pending; /* ring: denial awaiting its exe */
	size_t pending_next;
	struct undecided_domain *undecided; /* ring: creator gone */
	size_t undecided_next;
	unsigned long dropped;	/* records given up on (held too long) */
	unsigned long malformed;

	/* Processes known to be the run's, for records that name only a
	 * process (AUDIT_SECCOMP): the run's domains' creators and denied. */
	pid_t *pids;
	size_t npids, pids_cap;
	struct audit_record *unowned; /* AUDIT_SECCOMP of no known process */
	size_t nunowned;
	unsigned filter_classes; /* the run's filter: its plan's, set by
				  * the caller (enum filter_class bits) */
};

void denial_collector_init(struct denial_collector *c,
			   denial_pid_owner owner_of, void *arg);
void denial_collector_free(struct denial_collector *c);

/* Feed one parsed record. */
void denial_collector_add(struct denial_collector *c,
			  const struct audit_record *r);
/* Parse and feed one record's text; a malformed one is counted, skipped. */
void denial_collector_feed(struct denial_collector *c, int type,
			   const char *text, size_t len);

/*
 * Take @d, a denial of the run seen by another source (the tracer), by
 * the program @exe: merged with an equal one.  @d->object is allocated
 * (denial_set_object); @d is emptied.
 */
void denial_collector_take(struct denial_collector *c, struct denial *d,
			   const char *exe);
void denial_set_object(struct denial *d, const char *s, size_t len);

/* The run is over: the records held for want of their process are
 * judged again (owner_of knows every process of the run by then). */
void denial_collector_finish(struct denial_collector *c);

/* Sort the denials for the report: by class, then object. */
void denial_collector_sort(struct denial_collector *c);

/* What allows a denial: the narrowest option. */
enum rule_kind {
	RULE_NONE,    /* nothing can: see rule.why_not */
	RULE_PATH,    /* --ro/--rox/--rw/--rwx/--unix PATH */
	RULE_BIND,    /* --bind-tcp PORT */
	RULE_CONNECT, /* --connect-tcp PORT */
	RULE_FLAG,    /* a switch: --unrestricted-scope, -network... */
	RULE_HINT,    /* options with values to choose: rule.why_not */
};

struct rule {
	enum rule_kind kind;
	unsigned set;	  /* RULE_PATH: LL_SET_* bits */
	const char *path; /* RULE_PATH: the denial's object */
	unsigned port;
	const char *flag;    /* RULE_FLAG: "--unrestricted-scope" */
	const char *why_not; /* RULE_NONE, RULE_HINT */
};

void denial_rule(const struct denial *d, struct rule *r);

/* "ro", "rox", "rw", "rwx", "unix": the option and config key of a set. */
const char *rule_set_name(unsigned set);

/* Why @path (@len bytes) cannot be a rule for the shim, or NULL. */
const char *rule_path_problem(const char *path, size_t len);

/*
 * The option as a user types it: "--ro /etc/hostname" (shell-quoted),
 * "--connect-tcp 443", "--unrestricted-scope"; a config file line for a
 * path the command line cannot carry; the text of RULE_NONE, RULE_HINT.
 */
void rule_option(const struct rule *r, char *buf, size_t size);

/*
 * Words for a report: "read", "create file", "connect", ... joined with
 * ", ", into @buf.
 */
void denial_rights(const struct denial *d, char *buf, size_t size);

/* Is the object the directory in which something was created or removed? */
bool denial_in_dir(const struct denial *d);

/*
 * @s as a terminal may show it: printable ASCII kept, a backslash and any
 * other byte as \\ or \xNN.  Returns @buf.
 */
char *denial_escape(const char *s, size_t len, char *buf, size_t size);

#endif
