// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * probe OP ARGS...: attempt one operation, print "OK" (exit 0) or the errno
 * name, e.g. "EACCES" (exit 1).  Usage errors exit 2.  The serve-* ops are
 * the listeners that run outside the sandbox; they print READY and wait.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/io_uring.h>
#include <linux/netlink.h>
#include <linux/openat2.h>
#include <linux/vm_sockets.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int result(int ret)
{
	if (ret < 0) {
		const char *name = strerrorname_np(errno);

		printf("%s\n", name ? name : "EUNKNOWN");
		return 1;
	}
	printf("OK\n");
	return 0;
}

static int op_read(const char *path)
{
	char c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, &c, 1) < 0)
		return -1;
	return close(fd);
}

static int op_list(const char *path)
{
	DIR *d = opendir(path);

	if (!d)
		return -1;
	errno = 0;
	while (readdir(d))
		;
	closedir(d);
	return errno ? -1 : 0;
}

static int op_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

	if (fd < 0 || write(fd, "x", 1) < 0)
		return -1;
	return close(fd);
}

static int op_create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	return fd < 0 ? -1 : close(fd);
}

static int inet_socket(int type, unsigned port, struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)port);
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return socket(AF_INET, type | SOCK_CLOEXEC, 0);
}

static int op_tcp(const char *port, int do_bind)
{
	struct sockaddr_in sa;
	int one = 1;
	int fd = inet_socket(SOCK_STREAM, (unsigned)atoi(port), &sa);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (do_bind)
		return bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	return connect(fd, (struct sockaddr *)&sa, sizeof(sa));
}

static int op_udp(const char *port)
{
	struct sockaddr_in sa;
	int fd = inet_socket(SOCK_DGRAM, (unsigned)atoi(port), &sa);

	if (fd < 0)
		return -1;
	return (int)sendto(fd, "x", 1, 0, (struct sockaddr *)&sa, sizeof(sa));
}

/* name[0] == '@' means abstract: the leading byte becomes NUL. */
static socklen_t unix_addr(const char *name, struct sockaddr_un *sa)
{
	size_t n = strlen(name);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (n >= sizeof(sa->sun_path))
		n = sizeof(sa->sun_path) - 1;
	memcpy(sa->sun_path, name, n);
	if (name[0] == '@')
		sa->sun_path[0] = '\0';
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
			   (name[0] == '@' ? 0 : 1));
}

static int op_unix(const char *name)
{
	struct sockaddr_un sa;
	socklen_t len = unix_addr(name, &sa);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	return connect(fd, (struct sockaddr *)&sa, len);
}

static int serve(int fd, struct sockaddr *sa, socklen_t len)
{
	if (fd < 0 || bind(fd, sa, len) < 0 || listen(fd, 16) < 0) {
		perror("serve");
		return 2;
	}
	printf("READY\n");
	fflush(stdout);
	for (;;) {
		int c = accept(fd, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}

static int op_serve_tcp(const char *port)
{
	struct sockaddr_in sa;
	int one = 1;
	int fd = inet_socket(SOCK_STREAM, (unsigned)atoi(port), &sa);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	return serve(fd, (struct sockaddr *)&sa, sizeof(sa));
}

static int op_serve_unix(const char *name)
{
	struct sockaddr_un sa;
	socklen_t len = unix_addr(name, &sa);

	return serve(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&sa,
		     len);
}

/* chain N OP ARGS: re-exec ourselves N times, then do OP. */
static int op_chain(char **argv)
{
	long n = strtol(argv[2], NULL, 10);
	char num[24];

	if (n <= 0)
		return -2;
	snprintf(num, sizeof(num), "%ld", n - 1);
	argv[2] = num;
	execv("/proc/self/exe", argv + 0);
	return -1;
}

/*
 * nest N OP ARGS: N times, export every NEST_X=V as X=V (e.g.
 * NEST_LD_PRELOAD: the shim again) and re-exec ourselves, then do OP.
 */
static int op_nest(char **argv)
{
	long n = strtol(argv[2], NULL, 10);
	size_t count = 0;
	char num[24];
	char **snap;

	if (n <= 0)
		return -2;
	while (environ[count])
		count++;
	snap = malloc((count + 1) * sizeof(*snap));
	if (!snap)
		return -1;
	memcpy(snap, environ, (count + 1) * sizeof(*snap));
	for (char **e = snap; *e; e++)
		if (strncmp(*e, "NEST_", 5) == 0 && putenv(*e + 5) != 0)
			return -1;
	free(snap);
	snprintf(num, sizeof(num), "%ld", n - 1);
	argv[2] = num;
	execv("/proc/self/exe", argv);
	return -1;
}

/* A process outside the sandbox whose memory the sandbox tries to read. */
__attribute__((noreturn)) static void op_serve_memory(void)
{
	static volatile char secret = 's';

	printf("READY %p\n", (void *)&secret);
	fflush(stdout);
	for (;;)
		pause();
}

static int op_mkdir(char **a)
{
	return mkdir(a[0], 0755);
}

static int op_remove(char **a)
{
	return unlink(a[0]);
}

static int op_rmdir(char **a)
{
	return rmdir(a[0]);
}

static int op_rename(char **a)
{
	return rename(a[0], a[1]);
}

static int op_link(char **a)
{
	return link(a[0], a[1]);
}

static int op_symlink(char **a)
{
	return symlink(a[0], a[1]);
}

static int op_truncate(char **a)
{
	return truncate(a[0], 0);
}

static int op_chmod(char **a)
{
	return chmod(a[0], (mode_t)strtol(a[1], NULL, 8));
}

static int op_bind(char **a)
{
	return op_tcp(a[0], 1);
}

static int op_connect(char **a)
{
	return op_tcp(a[0], 0);
}

static int op_signal(char **a)
{
	return kill((pid_t)atoi(a[0]), a[1] ? atoi(a[1]) : SIGTERM);
}

static int op_exec(char **a)
{
	execv(a[0], a);
	return -1;
}

/* openat DIR REL: resolve REL (e.g. "../x") from an fd of DIR, then read. */
static int op_openat(char **a)
{
	char c;
	int dfd = open(a[0], O_PATH | O_DIRECTORY | O_CLOEXEC);
	int fd = dfd < 0 ? -1 : openat(dfd, a[1], O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, &c, 1) < 0)
		return -1;
	return close(fd);
}

/* Read from an fd inherited from the parent. */
static int op_fd_read(char **a)
{
	char c;

	return (int)read(atoi(a[0]), &c, 1) < 0 ? -1 : 0;
}

/* Our exit detaches a seized tracee; an attached one must be let go. */
static int op_ptrace_attach(char **a)
{
	pid_t pid = (pid_t)atoi(a[0]);

	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) < 0)
		return -1;
	waitpid(pid, NULL, 0);
	return (int)ptrace(PTRACE_DETACH, pid, NULL, NULL);
}

static int op_ptrace_seize(char **a)
{
	return (int)ptrace(PTRACE_SEIZE, (pid_t)atoi(a[0]), NULL, NULL);
}

/* vm-read PID ADDR: read one byte of another process's memory. */
static int op_vm_read(char **a)
{
	char c;
	struct iovec local = { &c, 1 };
	struct iovec remote = { (void *)strtoul(a[1], NULL, 0), 1 };

	return process_vm_readv((pid_t)atoi(a[0]), &local, 1, &remote, 1, 0) <
			       0 ?
		       -1 :
		       0;
}

static int op_chown(char **a)
{
	return chown(a[0], (uid_t)atoi(a[1]), (gid_t)atoi(a[2]));
}

static int op_utime(char **a)
{
	return utimensat(AT_FDCWD, a[0], NULL, 0);
}

/* TCP Fast Open: connect implicitly through sendto(MSG_FASTOPEN). */
static int op_fastopen(char **a)
{
	struct sockaddr_in sa;
	int fd = inet_socket(SOCK_STREAM, (unsigned)atoi(a[0]), &sa);

	if (fd < 0)
		return -1;
	return (int)sendto(fd, "x", 1, MSG_FASTOPEN, (struct sockaddr *)&sa,
			   sizeof(sa));
}

/*
 * tiocsti STRING [TTY]: push STRING and a newline into the input of the
 * terminal on stdin (inherited), or of TTY opened here.
 */
static int op_tiocsti(char **a)
{
	int fd = a[1] ? open(a[1], O_RDONLY | O_CLOEXEC) : STDIN_FILENO;

	if (fd < 0)
		return -1;
	for (const char *s = a[0];; s++) {
		char c = *s ? *s : '\n';

		if (ioctl(fd, TIOCSTI, &c) < 0)
			return -1;
		if (!*s)
			return 0;
	}
}

/* memfd-exec PATH ARGS: copy PATH into a memfd, run it with execveat. */
static int op_memfd_exec(char **a)
{
	char buf[65536];
	ssize_t n;
	int in = open(a[0], O_RDONLY | O_CLOEXEC);
	int fd = memfd_create("probe", 0);

	if (in < 0 || fd < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			return -1;
	if (n < 0)
		return -1;
	syscall(SYS_execveat, fd, "", a, environ, AT_EMPTY_PATH);
	return -1;
}

/* clearenv-exec PATH ARGS: exec with an empty environment. */
static int op_clearenv_exec(char **a)
{
	char *empty[] = { NULL };

	execve(a[0], a, empty);
	return -1;
}

/* ---- What Landlock leaves open, and the filter closes (issue 14) ---- */

static int op_mptcp(char **a, int do_bind)
{
	struct sockaddr_in sa;
	int fd = inet_socket(SOCK_STREAM, (unsigned)atoi(a[0]), &sa);

	if (fd < 0)
		return -1;
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP);
	if (fd < 0)
		return -1;
	if (do_bind)
		return bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	return connect(fd, (struct sockaddr *)&sa, sizeof(sa));
}

static int op_mptcp_connect(char **a)
{
	return op_mptcp(a, 0);
}

static int op_mptcp_bind(char **a)
{
	return op_mptcp(a, 1);
}

static int op_udp_bind(char **a)
{
	struct sockaddr_in sa;
	int fd = inet_socket(SOCK_DGRAM, (unsigned)atoi(a[0]), &sa);

	return fd < 0 ? -1 : bind(fd, (struct sockaddr *)&sa, sizeof(sa));
}

/* socket FAMILY TYPE PROTOCOL, by number: creating it is the test. */
static int op_socket(char **a)
{
	return socket(atoi(a[0]), atoi(a[1]), atoi(a[2]));
}

static int op_raw(char **a)
{
	(void)a;
	return socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
}

static int op_packet(char **a)
{
	(void)a;
	return socket(AF_PACKET, SOCK_RAW, htons(0x0003 /* ETH_P_ALL */));
}

static int op_vsock(char **a)
{
	(void)a;
	return socket(AF_VSOCK, SOCK_STREAM, 0);
}

static int op_socketpair(char **a)
{
	int sv[2];

	(void)a;
	return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
}

static int op_io_uring(char **a)
{
	struct io_uring_params params;

	(void)a;
	memset(&params, 0, sizeof(params));
	return (int)syscall(SYS_io_uring_setup, 4, &params);
}

/* create-mode PATH MODE: open(O_CREAT) with an octal mode. */
static int op_create_mode(char **a)
{
	int fd = open(a[0], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		      (mode_t)strtol(a[1], NULL, 8));

	return fd < 0 ? -1 : close(fd);
}

/* mknod-mode PATH MODE: a regular file by mknod(2), octal mode. */
static int op_mknod_mode(char **a)
{
	return mknod(a[0], S_IFREG | (mode_t)strtol(a[1], NULL, 8), 0);
}

static int op_openat2(char **a)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC };
	int fd = (int)syscall(SYS_openat2, AT_FDCWD, a[0], &how, sizeof(how));

	return fd < 0 ? -1 : close(fd);
}

/* mknod-read PATH MAJOR MINOR: make a character device, read from it. */
static int op_mknod_read(char **a)
{
	char buf[8192]; /* one /dev/kmsg record at least */
	int fd;

	if (mknod(a[0], S_IFCHR | 0600,
		  makedev((unsigned)atoi(a[1]), (unsigned)atoi(a[2]))) < 0)
		return -1;
	fd = open(a[0], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, sizeof(buf)) < 0)
		return -1;
	return close(fd);
}

/* read-device PATH: one record of a device such as /dev/kmsg. */
static int op_read_device(char **a)
{
	char buf[8192];
	int fd = open(a[0], O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 || read(fd, buf, sizeof(buf)) < 0)
		return -1;
	return close(fd);
}

/* The audit control socket: AUDIT_GET needs CAP_AUDIT_CONTROL. */
static int op_audit_get(char **a)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr req = { .nlmsg_len = NLMSG_LENGTH(0),
				.nlmsg_type = AUDIT_GET,
				.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK };
	char reply[8192];
	const struct nlmsghdr *h = (const struct nlmsghdr *)reply;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	ssize_t n;

	(void)a;
	if (fd < 0 || sendto(fd, &req, req.nlmsg_len, 0,
			     (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -1;
	n = recv(fd, reply, sizeof(reply), 0);
	if (n < 0)
		return -1;
	if (h->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(h);

		if (e->error) {
			errno = -e->error;
			return -1;
		}
	}
	return 0;
}

/*
 * The i386 entry (int 0x80) from this 64-bit program: the kernel sees
 * AUDIT_ARCH_I386 and i386's numbers.  Pointers must be below 4 GiB.
 */
#if defined(__x86_64__)
static sigjmp_buf int80_fault;

static void int80_segv(int sig)
{
	(void)sig;
	siglongjmp(int80_fault, 1);
}

/*
 * A kernel without IA32 emulation (or booted with ia32_emulation=0) answers
 * int 0x80 with SIGSEGV before any system call, seccomp included, is seen:
 * then print NO-I386-ENTRY (exit 3) so that tests can tell such a machine
 * from a refusal.
 */
static long int80(long nr, long b, long c, long d)
{
	struct sigaction sa = { .sa_handler = int80_segv };
	long ret;

	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(int80_fault, 1)) {
		puts("NO-I386-ENTRY");
		exit(3);
	}
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(b), "c"(c), "d"(d), "S"(-1L), "D"(-1L)
			 : "memory");
	return ret;
}

static int int80_result(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return 0;
}

static void *low_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* i386-socket FAMILY TYPE PROTOCOL: socket(2), i386 number 359. */
static int op_i386_socket(char **a)
{
	return int80_result(int80(359, atoi(a[0]), atoi(a[1]), atoi(a[2])));
}

/* i386-socketcall FAMILY TYPE PROTOCOL: socketcall(SYS_SOCKET), 102. */
static int op_i386_socketcall(char **a)
{
	unsigned *args = low_page();

	if (!args)
		return -1;
	args[0] = (unsigned)atoi(a[0]);
	args[1] = (unsigned)atoi(a[1]);
	args[2] = (unsigned)atoi(a[2]);
	return int80_result(int80(102, 1 /* SYS_SOCKET */,
				  (long)(uintptr_t)args, 0));
}

/* i386-chmod PATH MODE: chmod(2), i386 number 15. */
static int op_i386_chmod(char **a)
{
	char *path = low_page();

	if (!path)
		return -1;
	snprintf(path, 4096, "%s", a[0]);
	return int80_result(int80(15, (long)(uintptr_t)path,
				  strtol(a[1], NULL, 8), 0));
}
#endif

#define WRAP(fn)                           \
	static int fn##_v(char **a)        \
	{                                  \
		return fn(a[0]);           \
	}
WRAP(op_read)
WRAP(op_list)
WRAP(op_write)
WRAP(op_create)
WRAP(op_udp)
WRAP(op_unix)

static const struct op {
	const char *name;
	int nargs;
	int (*fn)(char **args);
} ops[] = {
	{ "read", 1, op_read_v },	  { "list", 1, op_list_v },
	{ "write", 1, op_write_v },	  { "create", 1, op_create_v },
	{ "mkdir", 1, op_mkdir },	  { "remove", 1, op_remove },
	{ "rmdir", 1, op_rmdir },	  { "rename", 2, op_rename },
	{ "link", 2, op_link },		  { "symlink", 2, op_symlink },
	{ "truncate", 1, op_truncate },	  { "chmod", 2, op_chmod },
	{ "bind", 1, op_bind },		  { "connect", 1, op_connect },
	{ "udp", 1, op_udp_v },		  { "unix", 1, op_unix_v },
	{ "signal", 1, op_signal },	  { "exec", 1, op_exec },
	{ "openat", 2, op_openat },	  { "fd-read", 1, op_fd_read },
	{ "ptrace-attach", 1, op_ptrace_attach },
	{ "ptrace-seize", 1, op_ptrace_seize },
	{ "vm-read", 2, op_vm_read },	  { "chown", 3, op_chown },
	{ "utime", 1, op_utime },	  { "fastopen", 1, op_fastopen },
	{ "tiocsti", 1, op_tiocsti },	  { "memfd-exec", 1, op_memfd_exec },
	{ "clearenv-exec", 1, op_clearenv_exec },
	{ "mptcp-connect", 1, op_mptcp_connect },
	{ "mptcp-bind", 1, op_mptcp_bind },
	{ "udp-bind", 1, op_udp_bind },	  { "socket", 3, op_socket },
	{ "raw", 0, op_raw },		  { "packet", 0, op_packet },
	{ "vsock", 0, op_vsock },	  { "socketpair", 0, op_socketpair },
	{ "io-uring", 0, op_io_uring },	  { "create-mode", 2, op_create_mode },
	{ "mknod-mode", 2, op_mknod_mode }, { "openat2", 1, op_openat2 },
	{ "mknod-read", 3, op_mknod_read }, { "audit-get", 0, op_audit_get },
	{ "read-device", 1, op_read_device },
#if defined(__x86_64__)
	{ "i386-socket", 3, op_i386_socket },
	{ "i386-socketcall", 3, op_i386_socketcall },
	{ "i386-chmod", 2, op_i386_chmod },
#endif
};

static int dispatch(int argc, char **argv)
{
	const char *op = argv[1];

	if (strcmp(op, "chain") == 0 && argc >= 4) {
		if (op_chain(argv) == -2)
			return dispatch(argc - 2, argv + 2);
		return result(-1);
	}
	if (strcmp(op, "nest") == 0 && argc >= 4) {
		if (op_nest(argv) == -2)
			return dispatch(argc - 2, argv + 2);
		return result(-1);
	}
	if (strcmp(op, "serve-memory") == 0)
		op_serve_memory();
	if (strcmp(op, "serve-tcp") == 0 && argc >= 3)
		return op_serve_tcp(argv[2]);
	if (strcmp(op, "serve-unix") == 0 && argc >= 3)
		return op_serve_unix(argv[2]);
	if (strcmp(op, "env") == 0) {
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++) {
		if (strcmp(op, ops[i].name) != 0)
			continue;
		if (argc < ops[i].nargs + 2)
			break;
		return result(ops[i].fn(argv + 2));
	}
	fprintf(stderr, "probe: unknown op or missing argument: %s\n", op);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: probe OP ARGS...\n");
		return 2;
	}
	return dispatch(argc, argv);
}
