// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One watched run: fork, exec the command sandboxed, read audit records
 * until its whole process tree has exited, then until the kernel's records
 * written before that are all in (an end marker comes back).
 *
 * The run's denials are those of the Landlock domains its process tree
 * created: the shim restricts the command in its own process, so the first
 * domain's creator is the child's pid; a nested sandbox's creator is a
 * descendant, which stays in the tree because landshim is its subreaper.
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

static void check_can_report(struct launch *l, const char *who)
{
	int abi = ll_abi();

	if (abi < 7)
		die("%s: needs Landlock's audit records (ABI 7, Linux 6.15); "
		    "this kernel has %s",
		    who, abi < 1 ? "no Landlock" : "an older ABI");
	if (l->unsandboxed)
		die("%s: nothing to report without a sandbox", who);
	if (l->policy.restrict_flags &
	    (LL_RESTRICT_LOG_SAME_EXEC_OFF | LL_RESTRICT_LOG_SUBDOMAINS_OFF))
		die("%s: the log-disable flags would hide denials from it",
		    who);
	/* Denials after an execve in the sandbox are logged only so. */
	if (policy_add_log_flag(&l->policy, "enable-subprocesses") < 0)
		die("%s", l->policy.err);
}

void watch_start(struct watch *w, struct launch *l, const char *who)
{
	sigset_t set;

	memset(w, 0, sizeof(*w));
	w->who = who;
	check_can_report(l, who);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	/* Blocked first: from here, nothing may end us before the restore. */
	if (sigprocmask(SIG_BLOCK, &set, &w->old_mask) < 0)
		die_with_error("sigprocmask");
	w->signal_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (w->signal_fd < 0)
		die_with_error("signalfd");
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die_with_error("prctl(PR_SET_CHILD_SUBREAPER)");
	audit_start(&w->reader, &w->session, who);
}

void watch_end(struct watch *w)
{
	audit_end(&w->reader, &w->session);
	close(w->signal_fd);
	sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
}

/* The parent of @pid from /proc/PID/stat, or -1. */
static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512];
	const char *s;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
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
	for (int depth = 0; pid > 1 && depth < 4096; depth++) {
		if (pid == self || pid == w->child)
			return PID_TREE;
		pid = parent_of(pid);
	}
	return PID_OTHER;
}

static void feed(void *arg, int type, const char *text, size_t len)
{
	denial_collector_feed(arg, type, text, len);
}

static void read_records(struct watch *w, struct denial_collector *c)
{
	if (audit_reader_read(&w->reader, feed, c) < 0)
		log_warn("%s: reading audit records: %s", w->who,
			 strerror(errno));
}

/*
 * Reap the children other than the command (adopted orphans), found in
 * /proc: waitpid(-1) could reap the command too.  True if any still runs.
 */
static bool reap_others(const struct watch *w)
{
	DIR *proc = opendir("/proc");
	pid_t self = getpid();
	bool running = false;
	struct dirent *e;

	if (!proc)
		die_with_error("/proc");
	while ((e = readdir(proc))) {
		pid_t pid = (pid_t)strtol(e->d_name, NULL, 10);

		if (pid <= 0 || pid == w->child || parent_of(pid) != self)
			continue;
		if (waitpid(pid, NULL, WNOHANG) == 0)
			running = true;
	}
	closedir(proc);
	return running;
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
	    waitid(P_PID, (id_t)w->child, &si,
		   WEXITED | WNOHANG | WNOWAIT) == 0 &&
	    si.si_pid == w->child)
		w->child_done = true;
	w->tree_done = !reap_others(w) && w->child_done;
}

static void take_signals(struct watch *w)
{
	struct signalfd_siginfo si;

	while (read(w->signal_fd, &si, sizeof(si)) == sizeof(si)) {
		int sig = (int)si.ssi_signo;

		if (sig == SIGCHLD) {
			reap(w);
			continue;
		}
		/* The command decides what an interrupt means. */
		if (!w->interrupted)
			w->interrupted = sig;
		if (!w->child_done)
			kill(w->child, sig);
	}
}

static void wait_for_tree(struct watch *w, struct denial_collector *c)
{
	struct pollfd fds[2] = { { w->reader.fd, POLLIN, 0 },
				 { w->signal_fd, POLLIN, 0 } };

	reap(w);
	while (!w->tree_done) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			die_with_error("poll");
		if (fds[0].revents)
			read_records(w, c);
		if (fds[1].revents)
			take_signals(w);
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
}

int watch_run(struct watch *w, struct launch *l, struct denial_collector *c)
{
	denial_collector_init(c, owner_of, w);
	snprintf(c->marker, sizeof(c->marker), "landshim end of run %d.%u",
		 (int)getpid(), ++w->runs);
	w->tree_done = w->child_done = false;
	w->child = fork();
	if (w->child < 0)
		die_with_error("fork");
	if (w->child == 0) {
		sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
		launch_exec(l);
	}
	wait_for_tree(w, c);
	drain(w, c);
	while (waitpid(w->child, &w->status, 0) < 0)
		if (errno != EINTR)
			die_with_error("waitpid");
	return w->status;
}
