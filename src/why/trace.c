// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The tracer: seize the child, stop its tree only at the calls that the
 * sandbox may refuse, and hand each failed one to trace_call.c.
 *
 * Every tracee is resumed as the kernel would have let it run: a signal
 * is delivered (injected again), a group stop stays a stop (PTRACE_LISTEN,
 * so that only SIGCONT ends it), exits are left to their parents.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filter.h"
#include "log.h"
#include "procevents.h"
#include "trace.h"

/* Debian 12's headers may lack it; the same number on every arch. */
#ifdef __NR_openat2
#define NR_OPENAT2 __NR_openat2
#else
#define NR_OPENAT2 437
#endif

/* The calls whose failures the sandbox may explain. */
static const long traced_calls[] = {
#ifdef __NR_open
	__NR_open, __NR_creat, __NR_mkdir, __NR_mknod, __NR_unlink,
	__NR_rmdir, __NR_rename, __NR_link, __NR_symlink,
#endif
	__NR_openat, NR_OPENAT2, __NR_execve, __NR_execveat, __NR_mkdirat,
	__NR_mknodat, __NR_unlinkat, __NR_renameat, __NR_renameat2,
	__NR_linkat, __NR_symlinkat, __NR_truncate, __NR_ftruncate,
	__NR_connect, __NR_bind, __NR_sendto, __NR_sendmsg, __NR_ioctl,
	__NR_kill, __NR_tkill, __NR_tgkill, __NR_ptrace, __NR_mount,
	__NR_umount2,
};

#define NCALLS (sizeof(traced_calls) / sizeof(*traced_calls))

#define TRACE_OPTIONS                                                    \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
	 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP | \
	 PTRACE_O_EXITKILL)

/* ---- The child ---- */

/* RET_TRACE for the traced calls of this architecture, ALLOW for all else. */
static void install_filter(void)
{
	struct sock_filter f[4 + NCALLS + 2];
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(*f), .filter = f };
	size_t n = 0;

	f[n++] = (struct sock_filter)BPF_STMT(
	    BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
					      FILTER_ARCH_NATIVE, 1, 0);
	f[n++] =
	    (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(
	    BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (size_t i = 0; i < NCALLS; i++)
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						      (uint32_t)traced_calls[i],
						      (uint8_t)(NCALLS - i), 0);
	f[n++] =
	    (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[n++] =
	    (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		die_with_error("cannot install the tracing filter");
}

void trace_child(struct trace *t)
{
	char go;

	close(t->sync[1]);
	/* Nothing comes if the parent could not seize us: it says why. */
	if (read(t->sync[0], &go, 1) != 1)
		_exit(EXIT_LANDSHIM);
	close(t->sync[0]);
	install_filter();
}

/* ---- The tracees ---- */

static struct tracee *find(struct trace *t, pid_t pid)
{
	for (size_t i = t->ntracees; i-- > 0;)
		if (t->tracees[i].pid == pid)
			return &t->tracees[i];
	return NULL;
}

static struct tracee *find_or_add(struct trace *t, pid_t pid)
{
	struct tracee *te = find(t, pid);

	if (te)
		return te;
	if (t->ntracees == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->tracees = xrealloc(t->tracees, t->cap * sizeof(*t->tracees));
	}
	te = &t->tracees[t->ntracees++];
	memset(te, 0, sizeof(*te));
	te->pid = pid;
	return te;
}

static void forget(struct trace *t, pid_t pid)
{
	struct tracee *te = find(t, pid);

	if (te)
		*te = t->tracees[--t->ntracees];
}

void trace_begin(struct trace *t, const struct policy *p, int abi,
		 struct denial_collector *c)
{
	memset(t, 0, sizeof(*t));
	view_build(&t->view, p, abi);
	t->c = c;
	if (pipe2(t->sync, O_CLOEXEC) < 0)
		die_with_error("pipe");
}

void trace_end(struct trace *t)
{
	log_debug("--why: %lu ptrace stops", t->stops);
	view_free(&t->view);
	free(t->tracees);
	t->tracees = NULL;
	t->ntracees = t->cap = 0;
}

void trace_seize(struct trace *t, pid_t child)
{
	close(t->sync[0]);
	if (ptrace(PTRACE_SEIZE, child, 0, TRACE_OPTIONS) < 0) {
		int err = errno;

		kill(child, SIGKILL);
		errno = err;
		die_with_error("cannot trace the command (ptrace)");
	}
	t->child = child;
	find_or_add(t, child);
	if (write(t->sync[1], "g", 1) != 1)
		die_with_error("cannot start the command");
	close(t->sync[1]);
}

/* ---- Stops ---- */

/* Resume @te as it was going: to its call's exit stop, or freely. */
static void resume(const struct tracee *te, int sig)
{
	ptrace(te->in_syscall ? PTRACE_SYSCALL : PTRACE_CONT, te->pid, 0,
	       (long)sig);
}

static bool syscall_info(pid_t pid, struct __ptrace_syscall_info *info)
{
	return ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(*info), info) > 0;
}

/* A traced call begins: keep it, and stop again at its end. */
static void call_entry(struct tracee *te)
{
	struct __ptrace_syscall_info info;

	if (syscall_info(te->pid, &info) &&
	    info.op == PTRACE_SYSCALL_INFO_SECCOMP) {
		te->nr = (long)info.seccomp.nr;
		memcpy(te->args, info.seccomp.args, sizeof(te->args));
		te->in_syscall = true;
	}
	resume(te, 0);
}

static void call_exit(struct trace *t, struct tracee *te)
{
	struct __ptrace_syscall_info info;

	if (syscall_info(te->pid, &info) &&
	    info.op == PTRACE_SYSCALL_INFO_EXIT && info.exit.is_error &&
	    (info.exit.rval == -EACCES || info.exit.rval == -EPERM ||
	     info.exit.rval == -EXDEV))
		trace_failed_call(t, te, (int)-info.exit.rval);
	te->in_syscall = false;
	resume(te, 0);
}

/* After an execve by another thread, the thread has the leader's pid. */
static struct tracee *after_exec(struct trace *t, struct tracee *te)
{
	unsigned long former = 0;
	struct tracee *old;
	pid_t pid = te->pid;

	if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &former) < 0 ||
	    (pid_t)former == pid)
		return te;
	old = find(t, (pid_t)former);
	if (old) {
		*te = *old;
		te->pid = pid;
		forget(t, (pid_t)former);
	}
	return find(t, pid);
}

#if defined(__x86_64__)
/* The six arguments of a call through the entry of @arch. */
static void call_args(const struct user_regs_struct *regs, uint32_t arch,
		      uint64_t *args)
{
	const unsigned long long native[6] = { regs->rdi, regs->rsi,
					       regs->rdx, regs->r10,
					       regs->r8,  regs->r9 };
	/* int 0x80 and 32-bit programs: ebx, ecx, edx, esi, edi, ebp. */
	const unsigned long long compat[6] = { regs->rbx, regs->rcx,
					       regs->rdx, regs->rsi,
					       regs->rdi, regs->rbp };

	for (int i = 0; i < 6; i++)
		args[i] = arch == FILTER_ARCH_COMPAT ? (uint32_t)compat[i] :
						       native[i];
}

/*
 * SIGSYS from the sandbox's filter in its trap mode (policy.h): the call
 * was not made.  Report it, and let the process see the filter's errno,
 * as it would have without the tracer.
 */
static bool filter_trapped(struct trace *t, const struct tracee *te)
{
	struct user_regs_struct regs;
	struct filter_call call = { .has_args = true };
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, te->pid, 0, &si) < 0 ||
	    si.si_code != 1 /* SYS_SECCOMP */ ||
	    ((unsigned)si.si_errno & ~FILTER_TRAP_ERRNO) !=
		FILTER_TRAP_TAG ||
	    ptrace(PTRACE_GETREGS, te->pid, 0, &regs) < 0)
		return false;
	call.arch = si.si_arch;
	call.nr = si.si_syscall;
	call.err = si.si_errno & (int)FILTER_TRAP_ERRNO;
	call_args(&regs, call.arch, call.args);
	regs.rax = (unsigned long long)-call.err;
	if (ptrace(PTRACE_SETREGS, te->pid, 0, &regs) < 0)
		return false;
	trace_filter_refusal(t, te->pid, &call);
	return true;
}
#else
static bool filter_trapped(struct trace *t, const struct tracee *te)
{
	(void)t;
	(void)te;
	return false; /* the SIGSYS is delivered: fail closed */
}
#endif

/*
 * A new process or thread of the tree, known from now on: its own first
 * stop may come after its parent has exited, and the tree is not done
 * while it runs.
 */
static void new_tracee(struct trace *t, pid_t parent)
{
	unsigned long pid = 0;

	if (ptrace(PTRACE_GETEVENTMSG, parent, 0, &pid) == 0 && pid > 0)
		find_or_add(t, (pid_t)pid);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static void stopped(struct trace *t, pid_t pid, int status)
{
	struct tracee *te = find_or_add(t, pid);
	int sig = WSTOPSIG(status);

	t->stops++;
	switch ((unsigned)status >> 16) {
	case PTRACE_EVENT_SECCOMP:
		call_entry(te);
		return;
	case PTRACE_EVENT_EXEC:
		te = after_exec(t, te);
		resume(te, 0);
		return;
	case PTRACE_EVENT_STOP:
		/* A group stop stays one until SIGCONT; other event stops
		 * (a new tracee's first) go on. */
		if (is_stop_signal(sig))
			ptrace(PTRACE_LISTEN, pid, 0, 0);
		else
			resume(te, 0);
		return;
	case 0:
		break;
	default: /* fork, vfork, clone */
		new_tracee(t, pid);
		resume(find(t, pid), 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80))
		call_exit(t, te);
	else if (sig == SIGSYS && filter_trapped(t, te))
		resume(te, 0);
	else
		resume(te, sig); /* a signal, delivered */
}

static void gone(struct trace *t, pid_t pid, int status)
{
	forget(t, pid);
	if (pid == t->child) {
		t->child_status = status;
		t->child_done = true;
	}
}

void trace_events(struct trace *t)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0) {
		if (WIFSTOPPED(status))
			stopped(t, pid, status);
		else if (WIFEXITED(status) || WIFSIGNALED(status))
			gone(t, pid, status);
	}
}

/* The process a thread belongs to, from /proc/TID/status. */
pid_t trace_tgid(pid_t tid)
{
	char buf[1024];
	const char *s;

	if (proc_read(tid, "status", buf, sizeof(buf)) < 0)
		return tid;
	s = strstr(buf, "\nTgid:");
	return s ? (pid_t)strtol(s + 6, NULL, 10) : tid;
}

unsigned trace_kill_all(struct trace *t)
{
	unsigned processes = 0;

	for (size_t i = 0; i < t->ntracees; i++) {
		pid_t pid = t->tracees[i].pid;

		processes += trace_tgid(pid) == pid;
		kill(pid, SIGKILL);
	}
	return processes;
}
