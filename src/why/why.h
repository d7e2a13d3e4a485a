/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --why (why.c) and --learn (learn.c): run the command sandboxed, and tell
 * what its process tree was denied, from the kernel's audit records or by
 * tracing it.  watch.c runs the command once and collects the denials;
 * suggest.c turns each into the rule that allows it.
 */
#ifndef LANDSHIM_WHY_H
#define LANDSHIM_WHY_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "audit.h"
#include "denial.h"
#include "launch.h"
#include "procevents.h"
#include "suggest.h"
#include "trace.h"

/* A denial in words: what --why prints and --learn names. */
struct denial_text {
	char *rights, *object, *programs, *option;
	struct suggestion s; /* the rule that allows it: s.rule */
};

void denial_text_init(struct denial_text *t, const struct denial *d);
void denial_text_free(struct denial_text *t);

/* --learn, before launch_prepare(): FILE checked, its rules loaded. */
void learn_prepare(struct launch *l);

/* Both modes: the command prepared by launch_prepare(); an exit code. */
int why_main(struct launch *l);
int learn_main(struct launch *l);

struct watch {
	const char *who; /* "--why", "--learn" */
	struct launch *l;
	int abi;
	bool traced;		/* the ptrace source, not the audit records */
	const char *why_traced; /* why not the audit records: a sentence */
	struct audit_reader reader;
	struct audit_session session;
	struct proc_events procs; /* the tree's processes (audit) */
	struct trace trace;
	int signal_fd;
	sigset_t old_mask;
	unsigned runs;
	int interrupted;  /* the first SIGINT/TERM/HUP/QUIT received, or 0 */
	int killed_by;	  /* the second one, which killed the tree */
	unsigned wait_ms; /* the grace period after the command exits */

	/* The current run's process tree. */
	pid_t child;
	int status;	 /* the command's, once reaped at the end */
	bool child_done; /* it has exited (a zombie until the end) */
	bool tree_done;	 /* and no process of the tree runs */
	bool others_running;
	bool recount;	    /* kill_tree(): count the processes killed */
	unsigned ended;	    /* processes killed: leftovers, second signal */
	unsigned leftovers; /* of which after the grace period */
};

/*
 * Refuse (125) what cannot be reported, choose the source: the audit
 * records if they can be read (then ask the kernel to log denials after
 * execve too, and the filter to log its refusals), else tracing.  From
 * here to watch_end(), signals are passed on to the command; a second
 * SIGINT, SIGTERM, SIGHUP or SIGQUIT kills its whole tree.
 */
void watch_start(struct watch *w, struct launch *l, const char *who);

/* Which source, in words for the report. */
const char *watch_source(const struct watch *w);

/*
 * Run the command once (fork, launch_exec) and collect into @c, which this
 * initializes, the denials of its process tree until the whole tree has
 * exited (what runs after the grace period is killed) and the kernel's
 * records are all read.  Returns the command's wait status.
 */
int watch_run(struct watch *w, struct launch *l, struct denial_collector *c);

/* Restore the audit state and the signal mask. */
void watch_end(struct watch *w);

#endif
