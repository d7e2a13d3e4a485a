/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --why (why.c) and --learn (learn.c): run the command sandboxed while
 * reading the kernel's audit records, and tell what its process tree was
 * denied.  watch.c runs the command once and collects the denials.
 */
#ifndef LANDSHIM_WHY_H
#define LANDSHIM_WHY_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "audit.h"
#include "denial.h"
#include "launch.h"

/* A denial in words: what --why prints and --learn names. */
struct denial_text {
	char *rights, *object, *programs, *option;
	struct rule rule;
	bool exists, is_dir; /* RULE_PATH: the path, now */
	const char *secret;  /* what the rule would expose, or NULL */
};

void denial_text_init(struct denial_text *t, const struct denial *d);
void denial_text_free(struct denial_text *t);

/* Both modes: the command prepared by launch_prepare(); an exit code. */
int why_main(struct launch *l);
int learn_main(struct launch *l);

struct watch {
	const char *who; /* "--why", "--learn" */
	struct audit_reader reader;
	struct audit_session session;
	int signal_fd;
	sigset_t old_mask;
	unsigned runs;
	int interrupted; /* the first SIGINT/SIGTERM/SIGHUP received, or 0 */

	/* The current run's process tree. */
	pid_t child;
	int status;	 /* the command's, once reaped at the end */
	bool child_done; /* it has exited (a zombie until the end) */
	bool tree_done;	 /* and no process of the tree runs */
};

/*
 * Refuse (125) what cannot be reported, ask the kernel to log denials after
 * execve too, and open the audit session.  From here to watch_end(),
 * SIGINT, SIGTERM and SIGHUP are passed on to the command.
 */
void watch_start(struct watch *w, struct launch *l, const char *who);

/*
 * Run the command once (fork, launch_exec) and collect into @c, which this
 * initializes, the denials of its process tree until the whole tree has
 * exited and the kernel's records are all read.  Returns the wait status.
 */
int watch_run(struct watch *w, struct launch *l, struct denial_collector *c);

/* Restore the audit state and the signal mask. */
void watch_end(struct watch *w);

#endif
