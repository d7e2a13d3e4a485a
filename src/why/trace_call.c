// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A failed call of a tracee -> what it needed, on what -> the denials the
 * sandbox explains.  The tracee is stopped at the call's exit: its memory
 * and its descriptors are as the call saw them.
 *
 * Paths are made absolute in the tracee's context (its cwd, its dirfd,
 * /proc/self as its own pid) and resolved as the kernel resolved them
 * (the last component followed or not, as the call does), so that the
 * path checked and reported is the one Landlock checked.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "elfdeps.h"
#include "log.h"
#include "procevents.h"
#include "trace.h"

/* Debian 12's headers may lack it; the same number on every arch. */
#ifdef __NR_openat2
#define NR_OPENAT2 __NR_openat2
#else
#define NR_OPENAT2 437
#endif

/* One failed call being decoded. */
struct call {
	struct trace *t;
	pid_t pid;
	long nr;
	const uint64_t *a;
	int err;
	char exe[PATH_MAX];
};

/* ---- The tracee's memory and descriptors ---- */

/* Read the tracee's memory at @addr (its /proc/PID/mem: ptrace access). */
static ssize_t peek(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	if (addr > (uint64_t)INT64_MAX - len)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = pread(fd, buf, len, (off_t)addr);
	close(fd);
	return n;
}

/* A NUL-terminated string, read up to page ends (the next page may not be
 * mapped).  Returns 0, or -1 if unreadable or too long. */
static int peek_string(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	size_t n = 0;

	while (n < size) {
		size_t page = 4096 - ((addr + n) & 4095);
		size_t len = page < size - n ? page : size - n;
		ssize_t got = peek(pid, addr + n, buf + n, len);

		if (got <= 0)
			return -1;
		if (memchr(buf + n, '\0', (size_t)got))
			return 0;
		n += (size_t)got;
	}
	return -1;
}

/* What /proc/PID/fd/FD (or cwd, for AT_FDCWD) names. */
static int fd_path(pid_t pid, int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)pid, fd);
	n = readlink(link, buf, size - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* "/proc/self" and "/proc/thread-self" as the tracee's own. */
static void proc_self(pid_t tid, char *path, size_t size)
{
	char rest[PATH_MAX], *tail = NULL;

	if (strncmp(path, "/proc/self", 10) == 0 &&
	    (path[10] == '/' || path[10] == '\0')) {
		tail = path + 10;
		snprintf(rest, sizeof(rest), "/proc/%d%s", (int)trace_tgid(tid),
			 tail);
	} else if (strncmp(path, "/proc/thread-self", 17) == 0 &&
		   (path[17] == '/' || path[17] == '\0')) {
		tail = path + 17;
		snprintf(rest, sizeof(rest), "/proc/%d/task/%d%s",
			 (int)trace_tgid(tid), (int)tid, tail);
	}
	if (tail)
		snprintf(path, size, "%s", rest);
}

/* The absolute path a (dirfd, path) pair names for the tracee. */
static int call_path(const struct call *x, long dirfd, uint64_t addr,
		     bool empty_ok, char *out)
{
	char name[PATH_MAX], base[PATH_MAX];

	if (peek_string(x->pid, addr, name, sizeof(name)) < 0)
		return -1;
	if (name[0] == '\0')
		return empty_ok ? fd_path(x->pid, (int)dirfd, out, PATH_MAX)
				: -1;
	if (name[0] == '/') {
		snprintf(out, PATH_MAX, "%s", name);
	} else {
		if (fd_path(x->pid, (int)dirfd, base, sizeof(base)) < 0 ||
		    base[0] != '/')
			return -1;
		if ((size_t)snprintf(out, PATH_MAX, "%s/%s",
				     strcmp(base, "/") ? base : "",
				     name) >= PATH_MAX)
			return -1;
	}
	proc_self(x->pid, out, PATH_MAX);
	return 0;
}

/*
 * @abs resolved as the kernel resolved it for the tracee: a /proc/self
 * met on the way (/proc/mounts is a link to self/mounts) is the
 * tracee's, not this process's.
 */
static void resolve(const struct call *x, const char *abs, bool follow,
		    struct path_info *r)
{
	char self[32], rest[PATH_MAX];
	size_t n;

	path_info_resolve(abs, follow, r);
	n = (size_t)snprintf(self, sizeof(self), "/proc/%d", (int)getpid());
	if (strncmp(r->path, self, n) != 0 ||
	    (r->path[n] != '/' && r->path[n] != '\0'))
		return;
	snprintf(rest, sizeof(rest), "/proc/%d%s", (int)trace_tgid(x->pid),
		 r->path + n);
	snprintf(r->path, sizeof(r->path), "%s", rest);
}

static void parent_dir(const char *path, char *out)
{
	const char *slash = strrchr(path, '/');

	if (!slash || slash == path)
		snprintf(out, PATH_MAX, "/");
	else
		snprintf(out, PATH_MAX, "%.*s", (int)(slash - path), path);
}

/* ---- Is it the sandbox's doing? ---- */

/* Would landshim itself, outside the sandbox, be refused by the file's
 * mode?  Then the sandbox does not explain the failure. */
static bool refused_outside(const char *path, uint64_t fs)
{
	int mode = 0;

	if (fs & (LL_FS_READ_FILE | LL_FS_READ_DIR))
		mode |= R_OK;
	if (fs & (LL_FS_WRITE_FILE | LL_FS_TRUNCATE | LL_FS_RESOLVE_UNIX))
		mode |= W_OK;
	if (fs & LL_FS_EXECUTE)
		mode |= X_OK;
	if (fs & LL_FS_IN_DIR)
		mode |= W_OK | X_OK;
	if (!mode || faccessat(AT_FDCWD, path, mode, AT_EACCESS) == 0)
		return false;
	return errno == EACCES || errno == EPERM;
}

static void report(struct call *x, struct denial *d)
{
	if (!x->exe[0]) {
		char link[64];
		ssize_t n;

		snprintf(link, sizeof(link), "/proc/%d/exe", (int)x->pid);
		n = readlink(link, x->exe, sizeof(x->exe) - 1);
		x->exe[n > 0 ? n : 0] = '\0';
	}
	denial_collector_take(x->t->c, d, x->exe);
}

/* @need on @path: a denial if the sandbox lacks part of it. */
static bool need_fs(struct call *x, const char *path, uint64_t need)
{
	uint64_t denied = view_fs_denied(&x->t->view, path, need);
	struct denial d = { .class = DENIAL_FS, .count = 1 };

	if (!denied || refused_outside(path, denied))
		return false;
	d.fs = denied;
	denial_set_object(&d, path, strlen(path));
	report(x, &d);
	return true;
}

/* @need in the directory that holds @path. */
static bool need_in_dir(struct call *x, const char *path, uint64_t need)
{
	char dir[PATH_MAX];

	parent_dir(path, dir);
	return need_fs(x, dir, need);
}

static uint64_t make_right(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return LL_FS_MAKE_DIR;
	case S_IFCHR:
		return LL_FS_MAKE_CHAR;
	case S_IFBLK:
		return LL_FS_MAKE_BLOCK;
	case S_IFIFO:
		return LL_FS_MAKE_FIFO;
	case S_IFSOCK:
		return LL_FS_MAKE_SOCK;
	case S_IFLNK:
		return LL_FS_MAKE_SYM;
	default:
		return LL_FS_MAKE_REG;
	}
}

static uint64_t remove_right(mode_t mode)
{
	return S_ISDIR(mode) ? LL_FS_REMOVE_DIR : LL_FS_REMOVE_FILE;
}

/* ---- Files ---- */

static void open_call(struct call *x, long dirfd, uint64_t addr, uint64_t flags)
{
	char abs[PATH_MAX];
	struct path_info r;
	uint64_t need = 0;
	int acc = (int)(flags & O_ACCMODE);

	if ((flags & O_PATH) || call_path(x, dirfd, addr, false, abs) < 0)
		return;
	resolve(x, abs,
		     !(flags & O_NOFOLLOW) &&
			 !((flags & O_CREAT) && (flags & O_EXCL)),
		     &r);
	if ((flags & O_TMPFILE) == O_TMPFILE) {
		need_fs(x, r.path, LL_FS_WRITE_FILE | LL_FS_READ_FILE);
		return;
	}
	if (!r.exists && (flags & O_CREAT)) {
		need_in_dir(x, r.path, LL_FS_MAKE_REG);
		return;
	}
	if (acc != O_WRONLY)
		need |= r.is_dir ? LL_FS_READ_DIR : LL_FS_READ_FILE;
	if (acc != O_RDONLY)
		need |= LL_FS_WRITE_FILE;
	if ((flags & O_TRUNC) && !r.is_dir)
		need |= LL_FS_TRUNCATE;
	need_fs(x, r.path, need);
}

static void openat2_call(struct call *x)
{
	struct open_how how = { 0 };

	if (peek(x->pid, x->a[2], &how, sizeof(how)) == (ssize_t)sizeof(how))
		open_call(x, (long)x->a[0], x->a[1], how.flags);
}

static int interpreter_of_elf(const char *path, void *arg)
{
	snprintf(arg, PATH_MAX, "%s", path);
	return 1; /* the first one elf_deps names: stop there */
}

/* The file the kernel opens to run @prog: "#!" line, or PT_INTERP. */
static bool interpreter(const char *prog, char *out)
{
	char head[256], err[256];
	ssize_t n;
	int fd = open(prog, O_RDONLY | O_CLOEXEC);

	out[0] = '\0';
	if (fd < 0)
		return false;
	n = read(fd, head, sizeof(head) - 1);
	close(fd);
	head[n > 0 ? n : 0] = '\0';
	if (n > 2 && head[0] == '#' && head[1] == '!') {
		char *s = head + 2;

		s += strspn(s, " \t");
		s[strcspn(s, " \t\n")] = '\0';
		snprintf(out, PATH_MAX, "%s", s);
	} else {
		elf_deps(prog, NULL, interpreter_of_elf, out, err, sizeof(err));
	}
	return out[0] == '/';
}

static void exec_call(struct call *x, long dirfd, uint64_t addr, long flags)
{
	char abs[PATH_MAX], interp[PATH_MAX];
	struct path_info r, ri;

	if (call_path(x, dirfd, addr, flags & AT_EMPTY_PATH, abs) < 0)
		return;
	resolve(x, abs, !(flags & AT_SYMLINK_NOFOLLOW), &r);
	if (need_fs(x, r.path, LL_FS_EXECUTE | LL_FS_READ_FILE))
		return;
	/* The program may run: then its interpreter may not. */
	if (interpreter(r.path, interp)) {
		resolve(x, interp, true, &ri);
		need_fs(x, ri.path, LL_FS_EXECUTE | LL_FS_READ_FILE);
	}
}

/* A name made in its directory: mkdir, mknod, symlink. */
static void make_call(struct call *x, long dirfd, uint64_t addr, uint64_t right)
{
	char abs[PATH_MAX];
	struct path_info r;

	if (call_path(x, dirfd, addr, false, abs) < 0)
		return;
	resolve(x, abs, false, &r);
	need_in_dir(x, r.path, right);
}

static void unlink_call(struct call *x, long dirfd, uint64_t addr, bool is_dir)
{
	char abs[PATH_MAX];
	struct path_info r;

	if (call_path(x, dirfd, addr, false, abs) < 0)
		return;
	resolve(x, abs, false, &r);
	need_in_dir(x, r.path, is_dir ? LL_FS_REMOVE_DIR : LL_FS_REMOVE_FILE);
}

/* Moving between directories needs "refer" on both (EXDEV when only it
 * lacks); across file systems EXDEV is no one's doing. */
static bool same_fs(const char *from_dir, const char *to_dir)
{
	struct stat a, b;

	return stat(from_dir, &a) == 0 && stat(to_dir, &b) == 0 &&
	       a.st_dev == b.st_dev;
}

static void rename_call(struct call *x, long olddir, uint64_t oldp, long newdir,
			uint64_t newp, uint64_t flags, bool link)
{
	char old_abs[PATH_MAX], new_abs[PATH_MAX], from[PATH_MAX], to[PATH_MAX];
	struct path_info o, n;
	uint64_t refer, need_from = 0, need_to;

	if (call_path(x, olddir, oldp, false, old_abs) < 0 ||
	    call_path(x, newdir, newp, false, new_abs) < 0)
		return;
	resolve(x, old_abs, link && (flags & AT_SYMLINK_FOLLOW), &o);
	resolve(x, new_abs, false, &n);
	if (!o.exists)
		return;
	parent_dir(o.path, from);
	parent_dir(n.path, to);
	if (!same_fs(from, to))
		return;
	refer = strcmp(from, to) ? LL_FS_REFER : 0;
	need_to = make_right(o.mode) | refer;
	need_from = refer;
	if (!link) {
		need_from |= remove_right(o.mode);
		if (n.exists)
			need_to |= remove_right(n.mode);
		if (flags & RENAME_EXCHANGE)
			need_from |= make_right(n.mode);
	}
	if (need_from)
		need_fs(x, from, need_from);
	need_fs(x, to, need_to);
}

static void truncate_call(struct call *x, long dirfd, uint64_t addr, bool by_fd)
{
	char abs[PATH_MAX];
	struct path_info r;

	if (by_fd ? fd_path(x->pid, (int)dirfd, abs, sizeof(abs))
		  : call_path(x, AT_FDCWD, addr, false, abs))
		return;
	resolve(x, abs, true, &r);
	if (!r.is_dir)
		need_fs(x, r.path, LL_FS_TRUNCATE);
}

static void ioctl_call(struct call *x)
{
	char abs[PATH_MAX];
	struct path_info r;

	if (x->err != EACCES ||
	    fd_path(x->pid, (int)x->a[0], abs, sizeof(abs)) < 0 ||
	    abs[0] != '/')
		return;
	resolve(x, abs, true, &r);
	if (S_ISCHR(r.mode) || S_ISBLK(r.mode))
		need_fs(x, r.path, LL_FS_IOCTL_DEV);
}

/* ---- Sockets ---- */

static void port_denial(struct call *x, enum denial_class class,
			const struct sockaddr_storage *ss)
{
	struct denial d = { .class = class, .count = 1 };
	const void *addr;

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)ss;

		d.port = ntohs(in->sin_port);
		addr = &in->sin_addr;
	} else {
		const struct sockaddr_in6 *in6 = (const void *)ss;

		d.port = ntohs(in6->sin6_port);
		addr = &in6->sin6_addr;
	}
	if (class == DENIAL_CONNECT ? !view_connect_denied(&x->t->view, d.port)
				    : !view_bind_denied(&x->t->view, d.port))
		return;
	/* Below 1024, binding needs CAP_NET_BIND_SERVICE anyway. */
	if (class == DENIAL_BIND && d.port && d.port < 1024 && geteuid() != 0)
		return;
	inet_ntop(ss->ss_family, addr, d.addr, sizeof(d.addr));
	denial_set_object(&d, "", 0);
	report(x, &d);
}

/* A unix socket address: a path (connect, send: "resolve_unix"; bind:
 * created in its directory), or an abstract name (a scope). */
static void unix_denial(struct call *x, const struct sockaddr_un *un,
			socklen_t len, bool bind)
{
	size_t n = len > offsetof(struct sockaddr_un, sun_path)
		       ? len - offsetof(struct sockaddr_un, sun_path)
		       : 0;
	char abs[PATH_MAX], name[sizeof(un->sun_path) + 1];
	struct path_info r;

	if (n == 0 || n > sizeof(un->sun_path))
		return;
	if (un->sun_path[0] == '\0') {
		struct denial d = { .class = DENIAL_ABSTRACT, .count = 1 };

		if (bind || x->err != EPERM ||
		    !(x->t->view.scoped & LL_SCOPE_ABSTRACT_UNIX_SOCKET))
			return;
		denial_set_object(&d, un->sun_path + 1,
				  strnlen(un->sun_path + 1, n - 1));
		report(x, &d);
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)strnlen(un->sun_path, n),
		 un->sun_path);
	if (name[0] == '/')
		snprintf(abs, sizeof(abs), "%s", name);
	else {
		char cwd[PATH_MAX];

		if (fd_path(x->pid, AT_FDCWD, cwd, sizeof(cwd)) < 0 ||
		    (size_t)snprintf(abs, sizeof(abs), "%s/%s", cwd, name) >=
			    sizeof(abs))
			return;
	}
	resolve(x, abs, !bind, &r);
	if (bind)
		need_in_dir(x, r.path, LL_FS_MAKE_SOCK);
	else
		need_fs(x, r.path, LL_FS_RESOLVE_UNIX);
}

static void sockaddr_call(struct call *x, uint64_t addr, uint64_t len,
			  bool bind)
{
	struct sockaddr_storage ss = { 0 };

	if (!addr || len < sizeof(sa_family_t) || len > sizeof(ss) ||
	    peek(x->pid, addr, &ss, len) != (ssize_t)len)
		return;
	if (ss.ss_family == AF_UNIX)
		unix_denial(x, (const struct sockaddr_un *)&ss, (socklen_t)len,
			    bind);
	else if ((ss.ss_family == AF_INET || ss.ss_family == AF_INET6) &&
		 x->err == EACCES)
		port_denial(x, bind ? DENIAL_BIND : DENIAL_CONNECT, &ss);
}

static void sendmsg_call(struct call *x)
{
	struct msghdr m = { 0 };

	if (peek(x->pid, x->a[1], &m, sizeof(m)) == (ssize_t)sizeof(m))
		sockaddr_call(x, (uint64_t)(uintptr_t)m.msg_name, m.msg_namelen,
			      false);
}

/* ---- Processes ---- */

static bool in_tree(const struct trace *t, pid_t pid)
{
	for (size_t i = 0; i < t->ntracees; i++)
		if (t->tracees[i].pid == pid ||
		    trace_tgid(t->tracees[i].pid) == pid)
			return true;
	return false;
}

static void comm_of(pid_t pid, char *buf, size_t size)
{
	proc_read(pid, "comm", buf, size);
	buf[strcspn(buf, "\n")] = '\0';
}

/* A signal to a process outside the sandbox, one landshim may signal. */
static void signal_call(struct call *x, long target)
{
	struct denial d = { .class = DENIAL_SIGNAL, .count = 1 };
	char comm[64];

	if (target <= 0 || x->err != EPERM ||
	    !(x->t->view.scoped & LL_SCOPE_SIGNAL) ||
	    in_tree(x->t, (pid_t)target) || kill((pid_t)target, 0) < 0)
		return;
	comm_of((pid_t)target, comm, sizeof(comm));
	d.opid = target;
	denial_set_object(&d, comm, strlen(comm));
	report(x, &d);
}

static void other_call(struct call *x, unsigned blocker, long target)
{
	struct denial d = { .class = DENIAL_OTHER, .count = 1 };
	char comm[64] = "";

	if (x->err != EPERM)
		return;
	if (blocker == AUDIT_BLOCK_PTRACE) {
		if (target <= 0 || in_tree(x->t, (pid_t)target))
			return;
		comm_of((pid_t)target, comm, sizeof(comm));
		d.opid = target;
	} else if (geteuid() != 0) {
		return; /* mounting needs privileges anyway */
	}
	d.other = blocker;
	denial_set_object(&d, comm, strlen(comm));
	report(x, &d);
}

/* ---- Dispatch ---- */

static bool files_call(struct call *x)
{
	const uint64_t *a = x->a;

	switch (x->nr) {
#ifdef __NR_open
	case __NR_open:
		open_call(x, AT_FDCWD, a[0], a[1]);
		return true;
	case __NR_creat:
		open_call(x, AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC);
		return true;
	case __NR_mkdir:
		make_call(x, AT_FDCWD, a[0], LL_FS_MAKE_DIR);
		return true;
	case __NR_mknod:
		make_call(x, AT_FDCWD, a[0], make_right((mode_t)a[1]));
		return true;
	case __NR_symlink:
		make_call(x, AT_FDCWD, a[1], LL_FS_MAKE_SYM);
		return true;
	case __NR_unlink:
		unlink_call(x, AT_FDCWD, a[0], false);
		return true;
	case __NR_rmdir:
		unlink_call(x, AT_FDCWD, a[0], true);
		return true;
	case __NR_rename:
		rename_call(x, AT_FDCWD, a[0], AT_FDCWD, a[1], 0, false);
		return true;
	case __NR_link:
		rename_call(x, AT_FDCWD, a[0], AT_FDCWD, a[1], 0, true);
		return true;
#endif
	case __NR_openat:
		open_call(x, (long)a[0], a[1], a[2]);
		return true;
	case NR_OPENAT2:
		openat2_call(x);
		return true;
	case __NR_execve:
		exec_call(x, AT_FDCWD, a[0], 0);
		return true;
	case __NR_execveat:
		exec_call(x, (long)a[0], a[1], (long)a[4]);
		return true;
	case __NR_mkdirat:
		make_call(x, (long)a[0], a[1], LL_FS_MAKE_DIR);
		return true;
	case __NR_mknodat:
		make_call(x, (long)a[0], a[1], make_right((mode_t)a[2]));
		return true;
	case __NR_symlinkat:
		make_call(x, (long)a[1], a[2], LL_FS_MAKE_SYM);
		return true;
	case __NR_unlinkat:
		unlink_call(x, (long)a[0], a[1], a[2] & AT_REMOVEDIR);
		return true;
	case __NR_renameat:
		rename_call(x, (long)a[0], a[1], (long)a[2], a[3], 0, false);
		return true;
	case __NR_renameat2:
		rename_call(x, (long)a[0], a[1], (long)a[2], a[3], a[4], false);
		return true;
	case __NR_linkat:
		rename_call(x, (long)a[0], a[1], (long)a[2], a[3], a[4], true);
		return true;
	case __NR_truncate:
		truncate_call(x, AT_FDCWD, a[0], false);
		return true;
	case __NR_ftruncate:
		truncate_call(x, (long)a[0], 0, true);
		return true;
	case __NR_ioctl:
		ioctl_call(x);
		return true;
	default:
		return false;
	}
}

static void other_calls(struct call *x)
{
	const uint64_t *a = x->a;

	switch (x->nr) {
	case __NR_connect:
		sockaddr_call(x, a[1], a[2], false);
		break;
	case __NR_bind:
		sockaddr_call(x, a[1], a[2], true);
		break;
	case __NR_sendto:
		sockaddr_call(x, a[4], a[5], false);
		break;
	case __NR_sendmsg:
		sendmsg_call(x);
		break;
	case __NR_kill:
	case __NR_tkill:
	case __NR_tgkill: /* the process, or the thread, first */
		signal_call(x, (long)(int)a[0]);
		break;
	case __NR_ptrace:
		other_call(x, AUDIT_BLOCK_PTRACE, (long)(int)a[1]);
		break;
	case __NR_mount:
	case __NR_umount2:
		other_call(x, AUDIT_BLOCK_CHANGE_TOPOLOGY, 0);
		break;
	default:
		break;
	}
}

void trace_failed_call(struct trace *t, const struct tracee *te, int err)
{
	struct call x = { t, te->pid, te->nr, te->args, err, "" };

	/* Landlock refuses files with EACCES, or EXDEV for a move; EPERM is
	 * its answer for signals, ptrace, mounts, abstract sockets. */
	if (err == EPERM || !files_call(&x))
		other_calls(&x);
}

void trace_filter_refusal(struct trace *t, pid_t pid,
			  const struct filter_call *call)
{
	struct call x = { t, pid, call->nr, call->args, call->err, "" };
	struct denial d = { .class = DENIAL_FILTER, .count = 1 };
	const char *object;

	filter_refusal_of(call, t->c->filter_classes, &d.filter);
	object = filter_refusal_object(&d.filter);
	denial_set_object(&d, object, strlen(object));
	report(&x, &d);
}
