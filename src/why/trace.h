/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ptrace source of --why and --learn, for when the kernel's audit
 * records cannot be read (an ordinary user).  landshim traces its own
 * child: the child waits until it is seized, installs a seccomp filter that
 * returns SECCOMP_RET_TRACE for the file and network calls only, then
 * applies the sandbox and execs.  Every process of the tree is traced from
 * its creation (fork, vfork, clone), stops only at those calls (entry, then
 * exit), and a failed one (EACCES, EPERM, EXDEV) is decoded: the right it
 * needed, on what.  It is a denial of the run when the sandbox explains it:
 * the policy lacks that right there, and landshim itself, outside the
 * sandbox, has it (so that the file's mode, say, is not the reason).
 *
 * The command cannot detach: a tracee cannot end its tracing, and if
 * landshim dies, PTRACE_O_EXITKILL kills the tree.  Signals, group stops
 * and exit statuses pass through unchanged.
 */
#ifndef LANDSHIM_TRACE_H
#define LANDSHIM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "denial.h"
#include "view.h"

struct tracee {
	pid_t pid;
	bool in_syscall; /* between its seccomp stop and its exit stop */
	long nr;
	uint64_t args[6];
};

struct trace {
	struct view view; /* the current run's sandbox */
	struct denial_collector *c;
	int sync[2]; /* the child waits on [0] until it is seized */
	pid_t child;
	int child_status;
	bool child_done;
	struct tracee *tracees;
	size_t ntracees, cap;
	unsigned long stops; /* for --log-level debug */
};

/* Before fork: a run of @p on a kernel of @abi, collected into @c. */
void trace_begin(struct trace *t, const struct policy *p, int abi,
		 struct denial_collector *c);
/* After the run. */
void trace_end(struct trace *t);

/* The child, right after fork: wait to be seized, install the filter.
 * Exits 125 if either fails. */
void trace_child(struct trace *t);
/* The parent, right after fork: seize @child and let it go on. */
void trace_seize(struct trace *t, pid_t child);

/* Handle every pending stop and exit of the tree; never blocks. */
void trace_events(struct trace *t);

/* The process a thread belongs to. */
pid_t trace_tgid(pid_t tid);

/* SIGKILL every process of the tree; returns how many. */
unsigned trace_kill_all(struct trace *t);

/* Processes of the tree still there (traced, not reaped). */
static inline size_t trace_running(const struct trace *t)
{
	return t->ntracees;
}

/*
 * trace_call.c: a failed call of @te's (its errno @err) -> the denials the
 * sandbox explains, into t->c.
 */
void trace_failed_call(struct trace *t, const struct tracee *te, int err);

/* A call the filter refused with SECCOMP_RET_TRAP (see policy.h). */
void trace_filter_refusal(struct trace *t, pid_t pid,
			  const struct filter_call *call);

#endif
