/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The processes of a run's tree, as the kernel forks them (the proc
 * connector, CAP_NET_ADMIN), for the audit source: an AUDIT_SECCOMP record
 * names only a pid, often of a process gone by the time it is read, and
 * a process's parent chain in /proc is gone with it.
 */
#ifndef LANDSHIM_PROCEVENTS_H
#define LANDSHIM_PROCEVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct proc_events {
	int fd; /* -1: not available here */
	pid_t *pids;
	size_t npids, cap;
};

/* Listen, if this process may; never fails (fd -1 then). */
void proc_events_open(struct proc_events *pe);
void proc_events_close(struct proc_events *pe);

/* A new run, before its fork: the tree is what @root (this process)
 * forks from now on, and what they fork. */
void proc_events_reset(struct proc_events *pe, pid_t root);

/* Read what came; never blocks. */
void proc_events_read(struct proc_events *pe);

/* Was @pid (a process, its tgid) of the tree, at any time of the run? */
bool proc_events_known(const struct proc_events *pe, pid_t pid);

/* /proc/PID/@file, at most @size - 1 bytes, NUL-terminated: its length,
 * or -1 (@buf then empty) if it cannot be read. */
ssize_t proc_read(pid_t pid, const char *file, char *buf, size_t size);

#endif
