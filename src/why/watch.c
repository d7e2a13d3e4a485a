// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One watched run: fork, exec the command sandboxed, collect its tree's
 * denials from one of two sources, until the whole tree has exited:
 *
 *  - the kernel's audit records (root): exact.  The run's denials are
 *    those of the Landlock domains its process tree created: the shim
 *    restricts the command in its own process, so the first domain's
 *    creator is the child's pid; a nested sandbox's creator is a
 *    descendant, which stays in the tree because landshim is its
 *    subreaper.  When the tree is done, the records written before are
 *    read up to an end marker.
 *  - tracing the command (anyone): trace.c.
 *
 * After the command exits, what it left running gets a grace period
 * (--wait N, 2 s), then is killed; a second SIGINT, SIGTERM, SIGHUP or
 * SIGQUIT kills the tree at once.  Every signal that could end landshim
 * is taken through a signalfd, so the audit state is restored on every
 * path but SIGKILL's (which the next run repairs).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "landlock.h"
#include "log.h"
#include "why.h"

/* How long to wait for the end marker: only one that an audit rule
 * filtered out makes it wait this long. */
#define DRAIN_TIMEOUT_MS 3000
#define DEFAULT_WAIT_S	 2

/* For a fatal signal's handler: the session to restore. */
static struct audit_session *fatal_session;

/* ---- Choosing the source ---- */

static void check_can_report(const struct launch *l, const char *who)
{
	if (l->unsandboxed)
		die("%s: nothing to report without a sandbox", who);
	if (l->policy.restrict_flags &
	    (LL_RESTRICT_LOG_SAME_EXEC_OFF | LL_RESTRICT_LOG_SUBDOMAINS_OFF))
		die("%s: the log-disable flags would hide denials from it",
		    who);
}

/* The audit records, if they can be read; else tracing, saying why. */
static void choose_source(struct watch *w, struct launch *l)
{
	bool want_audit = l->why_source && strcmp(l->why_source, "audit") == 0;

	w->traced = l->why_source && strcmp(l->why_source, "ptrace") == 0;
	if (!w->traced && w->abi < 7) {
		if (want_audit)
			die("%s: the audit source needs Landlock's audit "
			    "records (ABI 7, Linux 6.15); this kernel has %s",
			    w->who,
			    w->abi < 1 ? "no Landlock" : "an older ABI");
		w->traced = true;
		w->why_traced = "this kernel's Landlock writes no audit "
				"records (ABI 7, Linux 6.15): tracing the "
				"command instead";
	}
	if (!w->traced && audit_start(&w->reader, &w->session, w->who) < 0) {
		if (want_audit)
			audit_refuse(w->who, errno);
		w->traced = true;
		w->why_traced = errno == EPERM || errno == EACCES ?
					"reading the kernel's audit records "
					"needs root: tracing the command "
					"instead (--why-source audit as root "
					"is exact)" :
					"the kernel's audit records cannot be "
					"read here: tracing the command "
					"instead";
	}
	if (w->traced) {
		l->policy.filter_trap = true;
		return;
	}
	/* Denials after an execve in the sandbox are logged only so. */
	if (policy_add_log_flag(&l->policy, "enable-subprocesses") < 0)
		die("%s", l->policy.err);
	l->policy.filter_log = true;
	fatal_session = &w->session;
	proc_events_open(&w->procs);
}

const char *watch_source(const struct watch *w)
{
	return w->traced ? "seen by tracing the command's system calls"
			 : "from the kernel's audit records";
}

/* ---- Signals ---- */

/* Signals that stay with landshim: faults, stops, and SIGCONT. */
static bool left_alone(int sig)
{
	return sig == SIGKILL || sig == SIGSTOP || sig == SIGSEGV ||
	       sig == SIGBUS || sig == SIGFPE || sig == SIGILL ||
	       sig == SIGTRAP || sig == SIGABRT || sig == SIGSYS ||
	       sig == SIGCONT || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU || sig == SIGWINCH || sig == SIGURG;
}

static void fatal(int sig)
{
	if (fatal_session)
		audit_end_from_handler(fatal_session);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void take_faults(void)
{
	static const int faults[] = { SIGSEGV, SIGBUS,  SIGFPE, SIGILL,
				     SIGABRT, SIGTRAP, SIGSYS };
	struct sigaction sa = { .sa_handler = fatal, .sa_flags = SA_RESETHAND };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(faults) / sizeof(*faults); i++)
		sigaction(faults[i], &sa, NULL);
}

void watch_start(struct watch *w, struct launch *l, const char *who)
{
	sigset_t set;

	memset(w, 0, sizeof(*w));
	w->who = who;
	w->l = l;
	w->procs.fd = -1;
	w->recount = true;
	w->wait_ms = 1000 * (l->wait_given ? l->wait_seconds : DEFAULT_WAIT_S);
	check_can_report(l, who);
	sigfillset(&set);
	for (int sig = 1; sig < NSIG; sig++)
		if (left_alone(sig))
			sigdelset(&set, sig);
	/* Blocked first: from here, nothing may end us before the restore. */
	if (sigprocmask(SIG_BLOCK, &set, &w->old_mask) < 0)
		die_with_error("sigprocmask");
	w->signal_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (w->signal_fd < 0)
		die_with_error("signalfd");
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die_with_error("prctl(PR_SET_CHILD_SUBREAPER)");
	w->abi = ll_abi();
	choose_source(w, l);
	take_faults();
}

void watch_end(struct watch *w)
{
	if (!w->traced) {
		audit_end(&w->reader, &w->session);
		proc_events_close(&w->procs);
	}
	fatal_session = NULL;
	close(w->signal_fd);
	sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
}

/* ---- The tree, seen from /proc (the audit source) ---- */

/* The parent of @pid from /proc/PID/stat, or -1. */
static pid_t parent_of(pid_t pid)
{
	char buf[512];
	const char *s;

	if (proc_read(pid, "stat", buf, sizeof(buf)) < 0)
		return -1;
	/* "PID (COMM) STATE PPID ...": COMM may hold anything but ends at
	 * the last ')'. */
	s = strrchr(buf, ')');
	if (!s || strlen(s) < 5)
		return -1;
	return (pid_t)strtol(s + 4, NULL, 10);
}

/* The command, or this process or a descendant of either, or neither. */
static enum pid_owner owner_of(pid_t pid, void *arg)
{
	const struct watch *w = arg;
	pid_t self = getpid();

	if (pid == w->child)
		return PID_COMMAND;
	if (pid != self && proc_events_known(&w->procs, pid))
		return PID_TREE;
	for (int depth = 0; pid > 1 && depth < 4096; depth++) {
		if (pid == self || pid == w->child)
			return PID_TREE;
		pid = parent_of(pid);
	}
	return PID_OTHER;
}

/* For the tracer every process it sees is the run's. */
static enum pid_owner traced_owner(pid_t pid, void *arg)
{
	(void)pid;
	(void)arg;
	return PID_TREE;
}

/* Call @fn for every process of /proc but this one. */
static void for_each_process(void (*fn)(struct watch *w, pid_t pid),
			     struct watch *w)
{
	DIR *proc = opendir("/proc");
	pid_t self = getpid();
	struct dirent *e;

	if (!proc)
		die_with_error("/proc");
	while ((e = readdir(proc))) {
		pid_t pid = (pid_t)strtol(e->d_name, NULL, 10);

		if (pid > 0 && pid != self)
			fn(w, pid);
	}
	closedir(proc);
}

/* Reap an adopted orphan (not the command: waitpid(-1) could reap it). */
static void reap_orphan(struct watch *w, pid_t pid)
{
	if (pid != w->child && parent_of(pid) == getpid() &&
	    waitpid(pid, NULL, WNOHANG) == 0)
		w->others_running = true;
}

static void kill_descendant(struct watch *w, pid_t pid)
{
	if (pid != w->child && owner_of(pid, w) != PID_OTHER &&
	    kill(pid, SIGKILL) == 0 && w->recount)
		w->ended++;
}

/*
 * The tree is done when the command has exited and no adopted orphan runs.
 * The command stays a zombie until the end of the run (watch_run reaps
 * it), so that its pid, which names its domain in the records, cannot be
 * another process's meanwhile.
 */
static void reap(struct watch *w)
{
	siginfo_t si = { 0 };

	if (!w->child_done &&
	    waitid(P_PID, (id_t)w->child, &si, WEXITED | WNOHANG | WNOWAIT) ==
		0 &&
	    si.si_pid == w->child)
		w->child_done = true;
	w->others_running = false;
	for_each_process(reap_orphan, w);
	w->tree_done = !w->others_running && w->child_done;
}

static void update(struct watch *w)
{
	if (!w->traced) {
		reap(w);
		return;
	}
	trace_events(&w->trace);
	w->child_done = w->trace.child_done;
	w->tree_done = w->child_done && trace_running(&w->trace) == 0;
}

/* SIGKILL what runs of the tree but the command's zombie. */
static void kill_tree(struct watch *w)
{
	if (w->traced) {
		w->ended += trace_kill_all(&w->trace);
		return;
	}
	if (!w->child_done)
		w->ended += kill(w->child, SIGKILL) == 0;
	for_each_process(kill_descendant, w);
	/* Again, uncounted: a process may have forked meanwhile. */
	w->recount = false;
	for_each_process(kill_descendant, w);
	w->recount = true;
}

static bool is_interrupt(int sig)
{
	return sig == SIGINT || sig == SIGTERM || sig == SIGHUP ||
	       sig == SIGQUIT;
}

static void take_signals(struct watch *w)
{
	struct signalfd_siginfo si;

	while (read(w->signal_fd, &si, sizeof(si)) == sizeof(si)) {
		int sig = (int)si.ssi_signo;

		if (sig == SIGCHLD || sig == SIGPIPE)
			continue; /* the loop updates; stderr's errors */
		if (is_interrupt(sig) && w->interrupted) {
			w->killed_by = sig;
			kill_tree(w);
			continue;
		}
		/* The command decides what a signal means. */
		if (is_interrupt(sig))
			w->interrupted = sig;
		if (!w->child_done)
			kill(w->child, sig);
	}
	update(w);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void feed(void *arg, int type, const char *text, size_t len)
{
	denial_collector_feed(arg, type, text, len);
}

static void read_records(struct watch *w, struct denial_collector *c)
{
	if (!w->traced && audit_reader_read(&w->reader, feed, c) < 0)
		log_warn("%s: reading audit records: %s", w->who,
			 strerror(errno));
}

/* The grace period is over: what still runs is ended. */
static void end_leftovers(struct watch *w)
{
	unsigned before = w->ended;

	kill_tree(w);
	w->leftovers = w->ended - before;
}

static void wait_for_tree(struct watch *w, struct denial_collector *c)
{
	struct pollfd fds[3] = { { w->signal_fd, POLLIN, 0 },
				 { w->traced ? -1 : w->reader.fd, POLLIN, 0 },
				 { w->traced ? -1 : w->procs.fd, POLLIN, 0 } };
	long deadline = -1;

	update(w);
	while (!w->tree_done) {
		int timeout = -1;

		if (w->child_done && deadline < 0)
			deadline = now_ms() + w->wait_ms;
		if (deadline >= 0 && !w->leftovers) {
			long left = deadline - now_ms();

			if (left <= 0) {
				end_leftovers(w);
				continue;
			}
			timeout = (int)left;
		}
		if (poll(fds, 3, timeout) < 0 && errno != EINTR)
			die_with_error("poll");
		if (fds[2].revents)
			proc_events_read(&w->procs);
		if (fds[1].revents)
			read_records(w, c);
		if (fds[0].revents)
			take_signals(w);
	}
}

/* Records written before the marker arrive before it. */
static void drain(struct watch *w, struct denial_collector *c)
{
	struct pollfd pfd = { w->reader.fd, POLLIN, 0 };
	long deadline = now_ms() + DRAIN_TIMEOUT_MS, left;

	read_records(w, c);
	if (audit_send_marker(c->marker) < 0) {
		log_warn("%s: cannot write the end-of-run audit marker (%s): "
			 "the last denials may be missing",
			 w->who, strerror(errno));
		return;
	}
	while (!c->marker_seen && (left = deadline - now_ms()) > 0) {
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			die_with_error("poll");
		read_records(w, c);
	}
	if (!c->marker_seen)
		log_warn("%s: the end-of-run audit marker did not come back "
			 "(filtered by an audit rule?): the last denials may "
			 "be missing",
			 w->who);
	proc_events_read(&w->procs);
	denial_collector_finish(c);
}

static void init_collector(struct watch *w, struct launch *l,
			   struct denial_collector *c)
{
	struct policy_plan plan;

	denial_collector_init(c, w->traced ? traced_owner : owner_of, w);
	/* The filter the run gets, its UDP and unix rules included. */
	policy_plan(&l->policy, w->abi, &plan);
	c->filter_classes = plan.filter;
	snprintf(c->marker, sizeof(c->marker), "landshim end of run %d.%u",
		 (int)getpid(), w->runs);
}

/* Say what the grace period or a second signal ended. */
static void say_ended(const struct watch *w)
{
	if (w->killed_by)
		fprintf(stderr,
			"landshim: %s: a second SIG%s: the command and what it "
			"started were killed\n",
			w->who, sigabbrev_np(w->killed_by));
	else if (w->leftovers)
		fprintf(stderr,
			"landshim: %s: %u process%s the command left running "
			"%s ended after %u s (--wait N gives them longer)\n",
			w->who, w->leftovers, w->leftovers == 1 ? "" : "es",
			w->leftovers == 1 ? "was" : "were", w->wait_ms / 1000);
}

int watch_run(struct watch *w, struct launch *l, struct denial_collector *c)
{
	w->runs++;
	init_collector(w, l, c);
	w->tree_done = w->child_done = false;
	w->ended = w->leftovers = 0;
	w->killed_by = 0;
	if (w->traced)
		trace_begin(&w->trace, &l->policy, w->abi, c);
	else
		proc_events_reset(&w->procs, getpid());
	w->child = fork();
	if (w->child < 0)
		die_with_error("fork");
	if (w->child == 0) {
		sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
		if (w->traced)
			trace_child(&w->trace);
		launch_exec(l);
	}
	if (w->traced)
		trace_seize(&w->trace, w->child);
	wait_for_tree(w, c);
	say_ended(w);
	if (w->traced) {
		w->status = w->trace.child_status;
		trace_end(&w->trace);
		return w->status;
	}
	drain(w, c);
	while (waitpid(w->child, &w->status, 0) < 0)
		if (errno != EINTR)
			die_with_error("waitpid");
	return w->status;
}
