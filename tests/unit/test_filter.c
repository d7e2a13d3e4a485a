// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The seccomp filter, run as BPF: a small classic-BPF interpreter executes
 * the generated program on seccomp_data inputs, and a model of the
 * kernel's action-cache emulation (kernel/seccomp.c: for each system call
 * number, seccomp_is_const_allow() walks the program knowing only nr and
 * arch) proves that every call the filter does not inspect is cached as
 * always allowed, on x86_64 and on i386.
 */
#include "config.h"

#include <asm/unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <linux/audit.h>
#include <linux/seccomp.h>

#include "filter.h"
#include "filter_syscalls.h"
#include "filter_witness.h"
#include "tap.h"

#define ALLOW SECCOMP_RET_ALLOW
#define KILL SECCOMP_RET_KILL_PROCESS
#define DENY(e) (SECCOMP_RET_ERRNO | (e))
/* What the kernel looks at: arch, nr, args (no instruction pointer). */
#define I386_SOCKET 359
#define I386_SOCKETCALL 102
#define I386_CHMOD 15
#define I386_IOCTL 54
#define I386_OPENAT 295
#define I386_SENDTO 369
#define X32_BIT 0x40000000U

#define ALL (FILTER_ALWAYS | FILTER_NET | FILTER_UNIX)

static struct filter_prog prog;
static unsigned built_classes;
static bool bad_insn;

static void build(unsigned classes)
{
	if (filter_build(classes, &prog) < 0) {
		ok(0, "filter_build");
		prog.len = 0;
	}
	built_classes = classes;
}

/*
 * The kernel's checks at load time (bpf_check_classic() and
 * seccomp_check_filter()): known opcodes only, aligned loads inside
 * seccomp_data, jumps inside the program, a RET last.
 */
static bool valid(const struct filter_prog *p)
{
	if (p->len == 0 || p->len > BPF_MAXINSNS ||
	    BPF_CLASS(p->insn[p->len - 1].code) != BPF_RET)
		return false;
	for (unsigned pc = 0; pc < p->len; pc++) {
		const struct sock_filter *in = &p->insn[pc];

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k >= sizeof(struct seccomp_data) || in->k & 3)
				return false;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
		case BPF_RET | BPF_K:
			break;
		case BPF_JMP | BPF_JA:
			if (pc + 1 + in->k >= p->len)
				return false;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_K:
			if (pc + 1 + in->jt >= p->len ||
			    pc + 1 + in->jf >= p->len)
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

static bool jump_taken(const struct sock_filter *in, uint32_t a)
{
	switch (BPF_OP(in->code)) {
	case BPF_JEQ:
		return a == in->k;
	case BPF_JGE:
		return a >= in->k;
	case BPF_JGT:
		return a > in->k;
	default:
		return a & in->k;
	}
}

/* The program on @d, as the kernel runs it. */
static uint32_t run(const struct seccomp_data *d)
{
	uint32_t a = 0;

	for (unsigned pc = 0; pc < prog.len; pc++) {
		const struct sock_filter *in = &prog.insn[pc];

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			memcpy(&a, (const char *)d + in->k, sizeof(a));
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			break;
		case BPF_RET | BPF_K:
			return in->k;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += jump_taken(in, a) ? in->jt : in->jf;
			break;
		default:
			bad_insn = true;
			return 0xdead;
		}
	}
	bad_insn = true;
	return 0xdead;
}

/*
 * The kernel's cache emulation: only nr and arch are known; any other
 * load, or an instruction it does not model, means "not cacheable".
 * Returns 1 constant ALLOW, 0 constant other action, -1 not constant.
 */
static int const_allow(uint32_t arch, uint32_t nr)
{
	uint32_t a = 0;

	for (unsigned pc = 0; pc < prog.len; pc++) {
		const struct sock_filter *in = &prog.insn[pc];

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k == offsetof(struct seccomp_data, nr))
				a = nr;
			else if (in->k == offsetof(struct seccomp_data, arch))
				a = arch;
			else
				return -1;
			break;
		case BPF_RET | BPF_K:
			return in->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += jump_taken(in, a) ? in->jt : in->jf;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			break;
		default:
			return -1;
		}
	}
	return -1;
}

static uint32_t call(uint32_t arch, int nr, uint64_t a0, uint64_t a1,
		     uint64_t a2, uint64_t a3)
{
	struct seccomp_data d = { .nr = nr, .arch = arch };

	d.args[0] = a0;
	d.args[1] = a1;
	d.args[2] = a2;
	d.args[3] = a3;
	return run(&d);
}

static uint32_t native(int nr, uint64_t a0, uint64_t a1, uint64_t a2,
		       uint64_t a3)
{
	return call(AUDIT_ARCH_X86_64, nr, a0, a1, a2, a3);
}

static uint32_t i386_call(int nr, uint64_t a0, uint64_t a1, uint64_t a2,
			  uint64_t a3)
{
	return call(AUDIT_ARCH_I386, nr, a0, a1, a2, a3);
}

/* Is the result what is expected?  With the explanation agreeing. */
static void check(uint32_t arch, int nr, uint64_t a0, uint64_t a1,
		  uint64_t a2, uint64_t a3, uint32_t want, const char *name)
{
	uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };
	uint32_t got = call(arch, nr, a0, a1, a2, a3);
	struct filter_lift lift;
	size_t n;

	is_hex(got, want, name);
	if ((want & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ERRNO)
		return;
	n = filter_explain(built_classes, arch, nr,
			   (int)(want & SECCOMP_RET_DATA), args, &lift, 1);
	if (!ok(n == 1 && lift.what, "  and filter_explain names the rule"))
		printf("#   %s: %zu explanations\n", name, n);
}

#define NAT(nr, a0, a1, a2, a3, want, name) \
	check(AUDIT_ARCH_X86_64, (nr), (a0), (a1), (a2), (a3), (want), (name))
#define I386(nr, a0, a1, a2, a3, want, name) \
	check(AUDIT_ARCH_I386, (nr), (a0), (a1), (a2), (a3), (want), (name))

static void test_every_combination_builds(void)
{
	for (unsigned c = 0; c < 16; c++) {
		char name[64];

		snprintf(name, sizeof(name), "classes %#x: builds, kernel-valid",
			 c);
		ok(filter_build(c, &prog) == 0 && valid(&prog), name);
	}
	build(ALL | FILTER_UDP);
	printf("# the full filter: %u instructions\n", prog.len);
	ok(prog.len <= 160, "the full filter stays small (at most 160)");
}

static void test_always(void)
{
	build(FILTER_ALWAYS);
	NAT(__NR_ioctl, 0, TIOCSTI, 0, 0, DENY(EPERM), "ioctl TIOCSTI: EPERM");
	NAT(__NR_ioctl, 0, TIOCLINUX, 0, 0, DENY(EPERM),
	    "ioctl TIOCLINUX: EPERM");
	NAT(__NR_ioctl, 0, TCGETS, 0, 0, ALLOW, "ioctl TCGETS: allowed");
	NAT(__NR_ioctl, 0, 0xffffffff00000000ULL | TIOCSTI, 0, 0, DENY(EPERM),
	    "ioctl TIOCSTI with high bits set: EPERM (the kernel ignores them)");
	NAT(__NR_ioctl, 0, (uint64_t)TIOCSTI << 32, 0, 0, ALLOW,
	    "ioctl with TIOCSTI in the high word only: allowed (it is 0)");
	NAT(__NR_chmod, 0, 04755, 0, 0, DENY(EPERM), "chmod u+s: EPERM");
	NAT(__NR_chmod, 0, 02755, 0, 0, DENY(EPERM), "chmod g+s: EPERM");
	NAT(__NR_chmod, 0, 01777, 0, 0, ALLOW, "chmod +t: allowed");
	NAT(__NR_chmod, 0, 0755, 0, 0, ALLOW, "chmod 755: allowed");
	NAT(__NR_chmod, 0, 0x100000000ULL | 04755, 0, 0, DENY(EPERM),
	    "chmod u+s with high bits: EPERM");
	NAT(__NR_chmod, 0, (uint64_t)04000 << 32, 0, 0, ALLOW,
	    "chmod with S_ISUID in the high word only: allowed");
	NAT(__NR_fchmod, 3, 06755, 0, 0, DENY(EPERM), "fchmod: EPERM");
	NAT(__NR_fchmod, 3, 0644, 0, 0, ALLOW, "fchmod 644: allowed");
	NAT(__NR_fchmodat, AT_FDCWD, 0, 04755, 0, DENY(EPERM),
	    "fchmodat: EPERM");
	NAT(__NR_fchmodat, AT_FDCWD, 04755, 0644, 0, ALLOW,
	    "fchmodat looks at the mode, not the path pointer");
	NAT(FILTER_NR_FCHMODAT2, AT_FDCWD, 0, 02000, 0, DENY(EPERM),
	    "fchmodat2: EPERM");
	NAT(__NR_open, 0, O_WRONLY | O_CREAT, 04755, 0, DENY(EPERM),
	    "open(O_CREAT, 04755): EPERM");
	NAT(__NR_open, 0, O_WRONLY | O_CREAT, 0755, 0, ALLOW,
	    "open(O_CREAT, 0755): allowed");
	NAT(__NR_open, 0, O_RDONLY, 04755, 0, ALLOW,
	    "open without O_CREAT ignores the mode");
	NAT(__NR_open, 0, O_TMPFILE | O_WRONLY, 02755, 0, DENY(EPERM),
	    "open(O_TMPFILE, 02755): EPERM");
	NAT(__NR_openat, AT_FDCWD, 0, O_CREAT | O_EXCL, 06777, DENY(EPERM),
	    "openat(O_CREAT, 06777): EPERM");
	NAT(__NR_openat, AT_FDCWD, 0, O_RDONLY, 06777, ALLOW,
	    "openat without O_CREAT: allowed");
	NAT(__NR_openat, AT_FDCWD, 0, 0x100000000ULL | O_RDONLY, 04755, ALLOW,
	    "openat: O_CREAT only counts in the low word");
	NAT(__NR_creat, 0, 04755, 0, 0, DENY(EPERM), "creat(04755): EPERM");
	NAT(__NR_creat, 0, 0644, 0, 0, ALLOW, "creat(0644): allowed");
	NAT(__NR_mknod, 0, S_IFREG | 06755, 0, 0, DENY(EPERM),
	    "mknod(S_IFREG|06755): EPERM");
	NAT(__NR_mknod, 0, S_IFIFO | 0644, 0, 0, ALLOW, "mknod FIFO: allowed");
	NAT(__NR_mknodat, AT_FDCWD, 0, S_IFREG | 04755, 0, DENY(EPERM),
	    "mknodat(S_IFREG|04755): EPERM");
	NAT(__NR_openat2, AT_FDCWD, 0, 0, 0, DENY(ENOSYS), "openat2: ENOSYS");
	NAT(__NR_io_uring_setup, 8, 0, 0, 0, DENY(ENOSYS),
	    "io_uring_setup: ENOSYS");
	NAT(__NR_io_uring_enter, 3, 1, 0, 0, DENY(ENOSYS),
	    "io_uring_enter (an inherited ring): ENOSYS");
	NAT(__NR_io_uring_register, 3, 0, 0, 0, DENY(ENOSYS),
	    "io_uring_register: ENOSYS");
	NAT(__NR_socket, AF_INET, SOCK_DGRAM, 0, 0, ALLOW,
	    "network unrestricted: UDP allowed");
	NAT(__NR_socket, AF_INET, SOCK_STREAM, IPPROTO_MPTCP, 0, ALLOW,
	    "network unrestricted: MPTCP allowed");
	NAT(__NR_socket, AF_PACKET, SOCK_RAW, 0, 0, ALLOW,
	    "network unrestricted: packet allowed");
	NAT(__NR_sendto, 3, 0, 1, MSG_FASTOPEN, ALLOW,
	    "network unrestricted: MSG_FASTOPEN allowed");
	NAT(__NR_socket, AF_UNIX, SOCK_STREAM, 0, 0, ALLOW,
	    "unix unrestricted: AF_UNIX allowed");
	I386(I386_SOCKETCALL, 1, 0, 0, 0, ALLOW,
	     "no socket rule: i386 socketcall allowed");
	I386(I386_CHMOD, 0, 04755, 0, 0, DENY(EPERM), "i386 chmod u+s: EPERM");
	I386(I386_IOCTL, 0, TIOCSTI, 0, 0, DENY(EPERM),
	     "i386 ioctl TIOCSTI: EPERM");
	I386(I386_OPENAT, AT_FDCWD, 0, O_CREAT, 04755, DENY(EPERM),
	     "i386 openat(O_CREAT, 04755): EPERM");
	I386(I386_OPENAT, AT_FDCWD, 0, O_CREAT, 0644, ALLOW,
	     "i386 openat(O_CREAT, 0644): allowed");
}

static void test_net(void)
{
	static const int inet[] = { AF_INET, AF_INET6 };

	build(FILTER_ALWAYS | FILTER_NET);
	for (unsigned i = 0; i < 2; i++) {
		int f = inet[i];

		NAT(__NR_socket, f, SOCK_STREAM, 0, 0, ALLOW, "TCP: allowed");
		NAT(__NR_socket, f, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    IPPROTO_TCP, 0, ALLOW,
		    "TCP, NONBLOCK|CLOEXEC masked off: allowed");
		NAT(__NR_socket, f, SOCK_STREAM, IPPROTO_MPTCP, 0,
		    DENY(EPROTONOSUPPORT), "MPTCP: EPROTONOSUPPORT");
		NAT(__NR_socket, f, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP,
		    0, DENY(EPROTONOSUPPORT),
		    "MPTCP with SOCK_CLOEXEC: EPROTONOSUPPORT");
		NAT(__NR_socket, f, SOCK_STREAM, IPPROTO_SCTP, 0,
		    DENY(EPROTONOSUPPORT), "SCTP stream: EPROTONOSUPPORT");
		NAT(__NR_socket, f, SOCK_SEQPACKET, 0, 0, DENY(EPROTONOSUPPORT),
		    "SOCK_SEQPACKET (SCTP): EPROTONOSUPPORT");
		NAT(__NR_socket, f, SOCK_STREAM, 0x100000000ULL | IPPROTO_MPTCP,
		    0, DENY(EPROTONOSUPPORT),
		    "MPTCP with high bits in the protocol: EPROTONOSUPPORT");
		NAT(__NR_socket, f, SOCK_DGRAM, 0, 0, DENY(EACCES),
		    "UDP: EACCES");
		NAT(__NR_socket, f, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP, 0,
		    DENY(EACCES), "UDP, NONBLOCK: EACCES");
		NAT(__NR_socket, f, SOCK_DGRAM, IPPROTO_ICMP, 0, DENY(EACCES),
		    "ICMP datagram (ping): EACCES");
		NAT(__NR_socket, f, SOCK_RAW, IPPROTO_RAW, 0, DENY(EACCES),
		    "raw: EACCES");
		NAT(__NR_socket, f, SOCK_PACKET, 0, 0, DENY(EACCES),
		    "SOCK_PACKET in inet (a packet socket): EACCES");
	}
	NAT(__NR_socket, 0xffffffff00000000ULL | AF_INET, SOCK_DGRAM, 0, 0,
	    DENY(EACCES), "UDP with high bits in the family: EACCES");
	NAT(__NR_socket, AF_INET, 0xffffffff00000000ULL | SOCK_DGRAM, 0, 0,
	    DENY(EACCES), "UDP with high bits in the type: EACCES");
	NAT(__NR_socket, (uint64_t)AF_INET << 32, SOCK_STREAM, 0, 0,
	    DENY(EAFNOSUPPORT), "AF_INET in the high word only is AF_UNSPEC");
	NAT(__NR_socket, AF_PACKET, SOCK_RAW, 0, 0, DENY(EAFNOSUPPORT),
	    "packet: EAFNOSUPPORT");
	NAT(__NR_socket, AF_VSOCK, SOCK_STREAM, 0, 0, DENY(EAFNOSUPPORT),
	    "vsock: EAFNOSUPPORT");
	NAT(__NR_socket, AF_BLUETOOTH, SOCK_STREAM, 0, 0, DENY(EAFNOSUPPORT),
	    "bluetooth: EAFNOSUPPORT");
	NAT(__NR_socket, AF_UNIX, SOCK_STREAM, 0, 0, ALLOW, "unix: allowed");
	NAT(__NR_socket, AF_UNIX, SOCK_DGRAM, 0, 0, ALLOW,
	    "unix datagram: allowed");
	NAT(__NR_socket, AF_NETLINK, SOCK_RAW, 0, 0, ALLOW, "netlink: allowed");
	NAT(__NR_socketpair, AF_UNIX, SOCK_STREAM, 0, 0, ALLOW,
	    "socketpair unix: allowed");
	NAT(__NR_socketpair, AF_TIPC, SOCK_SEQPACKET, 0, 0, DENY(EAFNOSUPPORT),
	    "socketpair tipc: EAFNOSUPPORT");
	NAT(__NR_sendto, 3, 0, 1, MSG_FASTOPEN, DENY(EOPNOTSUPP),
	    "sendto MSG_FASTOPEN: EOPNOTSUPP");
	NAT(__NR_sendto, 3, 0, 1, MSG_DONTWAIT | MSG_NOSIGNAL, ALLOW,
	    "sendto other flags: allowed");
	NAT(__NR_sendto, 3, 0, 1, (uint64_t)MSG_FASTOPEN << 32, ALLOW,
	    "sendto MSG_FASTOPEN in the high word only: allowed");
	NAT(__NR_sendmsg, 3, 0, MSG_FASTOPEN | MSG_NOSIGNAL, 0,
	    DENY(EOPNOTSUPP), "sendmsg MSG_FASTOPEN: EOPNOTSUPP");
	NAT(__NR_sendmsg, 3, 0, MSG_NOSIGNAL, 0, ALLOW, "sendmsg: allowed");
	NAT(__NR_sendmmsg, 3, 0, 2, MSG_FASTOPEN, DENY(EOPNOTSUPP),
	    "sendmmsg MSG_FASTOPEN: EOPNOTSUPP");
	NAT(__NR_sendmmsg, 3, 0, MSG_FASTOPEN, 0, ALLOW,
	    "sendmmsg: the flags are its fourth argument");

	I386(I386_SOCKET, AF_INET, SOCK_DGRAM, 0, 0, DENY(EACCES),
	     "i386 socket UDP: EACCES");
	I386(I386_SOCKET, AF_INET, SOCK_STREAM, IPPROTO_MPTCP, 0,
	     DENY(EPROTONOSUPPORT), "i386 socket MPTCP: EPROTONOSUPPORT");
	I386(I386_SOCKET, AF_INET, SOCK_STREAM, 0, 0, ALLOW,
	     "i386 socket TCP: allowed");
	I386(I386_SOCKETCALL, 1, 0, 0, 0, DENY(ENOSYS),
	     "i386 socketcall: ENOSYS");
	I386(I386_SENDTO, 3, 0, 1, MSG_FASTOPEN, DENY(EOPNOTSUPP),
	     "i386 sendto MSG_FASTOPEN: EOPNOTSUPP");
	is_hex(i386_call(__NR_socket, AF_INET, SOCK_DGRAM, 0, 0), ALLOW,
	       "i386 number 41 is not socket there: allowed");

	build(FILTER_ALWAYS | FILTER_NET | FILTER_UDP);
	NAT(__NR_socket, AF_INET, SOCK_DGRAM, 0, 0, ALLOW,
	    "UDP rules: UDP allowed");
	NAT(__NR_socket, AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP, 0,
	    ALLOW, "UDP rules: UDP over IPv6 allowed");
	NAT(__NR_socket, AF_INET, SOCK_DGRAM, IPPROTO_ICMP, 0, DENY(EACCES),
	    "UDP rules: ICMP still EACCES");
	NAT(__NR_socket, AF_INET, SOCK_RAW, IPPROTO_UDP, 0, DENY(EACCES),
	    "UDP rules: raw still EACCES");
	NAT(__NR_socket, AF_INET, SOCK_STREAM, IPPROTO_MPTCP, 0,
	    DENY(EPROTONOSUPPORT), "UDP rules: MPTCP still refused");
	build(FILTER_ALWAYS | FILTER_UDP);
	NAT(__NR_socket, AF_INET, SOCK_RAW, 0, 0, ALLOW,
	    "FILTER_UDP alone restricts nothing");
}

static void test_unix(void)
{
	build(FILTER_ALWAYS | FILTER_UNIX);
	NAT(__NR_socket, AF_UNIX, SOCK_STREAM, 0, 0, DENY(EACCES),
	    "unix restricted: socket(AF_UNIX) EACCES");
	NAT(__NR_socket, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, 0,
	    DENY(EACCES), "unix restricted: unix datagram EACCES");
	NAT(__NR_socket, 0x700000000ULL | AF_UNIX, SOCK_STREAM, 0, 0,
	    DENY(EACCES), "unix restricted: high bits in the family");
	NAT(__NR_socketpair, AF_UNIX, SOCK_STREAM, 0, 0, ALLOW,
	    "unix restricted: socketpair still works");
	NAT(__NR_socket, AF_INET, SOCK_DGRAM, 0, 0, ALLOW,
	    "unix restricted, network not: UDP allowed");
	I386(I386_SOCKET, AF_UNIX, SOCK_STREAM, 0, 0, DENY(EACCES),
	     "i386 socket(AF_UNIX): EACCES");
	I386(I386_SOCKETCALL, 1, 0, 0, 0, DENY(ENOSYS),
	     "unix restricted: i386 socketcall ENOSYS");
	build(ALL);
	NAT(__NR_socket, AF_UNIX, SOCK_STREAM, 0, 0, DENY(EACCES),
	    "both restricted: socket(AF_UNIX) EACCES");
	NAT(__NR_socket, AF_NETLINK, SOCK_RAW, 0, 0, ALLOW,
	    "both restricted: netlink allowed");
}

static void test_arch(void)
{
	static const unsigned variants[] = { FILTER_ALWAYS, ALL,
					     ALL | FILTER_UDP };

	for (unsigned v = 0; v < 3; v++) {
		build(variants[v]);
		is_hex(native(X32_BIT | __NR_getpid, 0, 0, 0, 0), DENY(ENOSYS),
		       "x32 getpid: ENOSYS");
		is_hex(native(X32_BIT | __NR_socket, AF_INET, SOCK_STREAM, 0,
			      0),
		       DENY(ENOSYS), "x32 socket: ENOSYS");
		is_hex(native(-1, 0, 0, 0, 0), DENY(ENOSYS),
		       "nr -1: ENOSYS (as the kernel answers)");
		is_hex(call(AUDIT_ARCH_AARCH64, __NR_getpid, 0, 0, 0, 0), KILL,
		       "another architecture: killed");
		is_hex(call(AUDIT_ARCH_X86_64 & ~__AUDIT_ARCH_64BIT,
			    __NR_getpid, 0, 0, 0, 0),
		       KILL, "x86_64 without the 64-bit bit: killed");
		is_hex(native(__NR_getpid, 0, 0, 0, 0), ALLOW, "getpid allowed");
		is_hex(i386_call(20, 0, 0, 0, 0), ALLOW, "i386 getpid allowed");
	}
}

static bool inspected(const int *nrs, uint32_t nr)
{
	for (unsigned s = 0; s < FSYS_COUNT; s++) {
		struct filter_lift l;

		if (nrs[s] != (int)nr)
			continue;
		/* Inspected if some rule of this filter names it. */
		for (int err = 1; err < 4096; err++)
			if (filter_explain(built_classes,
					   nrs == filter_nr_native ?
						   AUDIT_ARCH_X86_64 :
						   AUDIT_ARCH_I386,
					   (int)nr, err, NULL, &l, 1))
				return true;
	}
	return false;
}

/*
 * Every number the kernel caches (0 to its NR_syscalls, below 1024 on
 * both), as seccomp_cache_prepare_bitmap() walks them: constant ALLOW
 * unless inspected, and an inspected one never constant ALLOW.
 */
static void check_cache(uint32_t arch, const int *nrs, const char *arch_name)
{
	unsigned wrong = 0, cached = 0, nins = 0;

	for (uint32_t nr = 0; nr < 1024; nr++) {
		int c = const_allow(arch, nr);
		bool ins = inspected(nrs, nr);

		if (ins)
			nins++;
		if (c == 1)
			cached++;
		if ((ins && c == 1) || (!ins && c != 1)) {
			if (wrong++ < 5)
				printf("#   %s nr %u: inspected %d, cache %d\n",
				       arch_name, nr, ins, c);
		}
		/* And the program agrees with the emulation. */
		if (c == 1 && call(arch, (int)nr, ~0ULL, ~0ULL, ~0ULL, ~0ULL) !=
				      ALLOW)
			wrong++;
	}
	char name[128];

	snprintf(name, sizeof(name),
		 "%s, classes %#x: %u numbers cached as allowed, the %u "
		 "inspected not",
		 arch_name, built_classes, cached, nins);
	ok(wrong == 0 && cached == 1024 - nins, name);
}

static void test_cache(void)
{
	for (unsigned c = 0; c < 16; c++) {
		build(c);
		check_cache(AUDIT_ARCH_X86_64, filter_nr_native, "x86_64");
		check_cache(AUDIT_ARCH_I386, filter_nr_i386, "i386");
	}
	build(ALL);
	is_int(const_allow(AUDIT_ARCH_X86_64, __NR_socket), -1,
	       "socket is inspected (an argument is loaded)");
	is_int(const_allow(AUDIT_ARCH_X86_64, __NR_io_uring_setup), 0,
	       "io_uring_setup is constant ENOSYS");
	is_int(const_allow(AUDIT_ARCH_X86_64, X32_BIT | __NR_read), 0,
	       "an x32 number is constant ENOSYS");
	is_int(const_allow(AUDIT_ARCH_AARCH64, __NR_read), 0,
	       "another architecture is constant KILL");
}

/* The rules' numbers come from the kernel headers, i386's too. */
static void test_numbers(void)
{
	is_int(filter_nr_native[FSYS_socket], __NR_socket, "native socket");
	is_int(filter_nr_native[FSYS_socketcall], -1,
	       "no socketcall on x86_64");
	is_int(filter_nr_i386[FSYS_socket], I386_SOCKET, "i386 socket 359");
	is_int(filter_nr_i386[FSYS_socketcall], I386_SOCKETCALL,
	       "i386 socketcall 102");
	is_int(filter_nr_i386[FSYS_chmod], I386_CHMOD, "i386 chmod 15");
	is_int(filter_nr_i386[FSYS_fchmodat2], 452, "i386 fchmodat2 452");
	is_int(filter_nr_native[FSYS_fchmodat2], 452, "x86_64 fchmodat2 452");
	for (unsigned s = 0; s < FSYS_COUNT; s++)
		if (s != FSYS_socketcall && filter_nr_native[s] < 0)
			ok(0, "every call but socketcall exists on x86_64");
}

static void test_explain(void)
{
	struct filter_lift l[4];
	size_t n;

	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, EACCES, NULL, l,
			   4);
	is_int(n, 3, "socket EACCES without arguments: unix, UDP or raw");
	is_str(l[0].option, "--unrestricted-unix", "first candidate: unix");
	ok(n >= 2 && strstr(l[1].option, "--connect-udp"),
	   "second candidate: a UDP rule");
	n = filter_explain(FILTER_ALWAYS | FILTER_NET, AUDIT_ARCH_X86_64,
			   __NR_socket, EACCES, NULL, l, 4);
	is_int(n, 2, "without the unix class: UDP or raw");
	n = filter_explain(FILTER_ALWAYS | FILTER_NET | FILTER_UDP,
			   AUDIT_ARCH_X86_64, __NR_socket, EACCES, NULL, l, 4);
	ok(n == 1 && strcmp(l[0].option, "--unrestricted-network") == 0,
	   "with UDP rules, EACCES is ICMP or raw: --unrestricted-network");
	uint64_t udp[6] = { AF_INET, SOCK_DGRAM, 0, 0, 0, 0 };

	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, EACCES, udp, l,
			   4);
	ok(n == 1 && strstr(l[0].option, "--connect-udp PORT"),
	   "with arguments: a UDP socket, --connect-udp");
	uint64_t unix_args[6] = { AF_UNIX, SOCK_STREAM, 0, 0, 0, 0 };

	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, EACCES,
			   unix_args, l, 4);
	ok(n == 1 && strcmp(l[0].option, "--unrestricted-unix") == 0,
	   "with arguments: a unix socket, --unrestricted-unix");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket,
			   EPROTONOSUPPORT, NULL, l, 4);
	ok(n == 1 && strstr(l[0].what, "MPTCP"), "EPROTONOSUPPORT: MPTCP");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_ioctl, EPERM, NULL, l,
			   4);
	ok(n == 1 && l[0].option == NULL, "TIOCSTI: nothing lifts it");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_read, EPERM, NULL, l,
			   4);
	is_int(n, 0, "read: not the filter's");
	n = filter_explain(FILTER_ALWAYS, AUDIT_ARCH_X86_64, __NR_socket,
			   EACCES, NULL, l, 4);
	is_int(n, 0, "network and unix unrestricted: socket not the filter's");
	n = filter_explain(ALL, AUDIT_ARCH_I386, I386_SOCKETCALL, ENOSYS, NULL,
			   l, 4);
	ok(n == 1 && !strcmp(l[0].option, "--unrestricted-unix") && l[0].also &&
		   !strcmp(l[0].also, "--unrestricted-network"),
	   "i386 socketcall: lifted by unix and network together (the "
	   "network rule is not reached before the unix one is lifted)");
	n = filter_explain(FILTER_ALWAYS | FILTER_NET, AUDIT_ARCH_I386,
			   I386_SOCKETCALL, ENOSYS, NULL, l, 4);
	ok(n == 1 && !strcmp(l[0].option, "--unrestricted-network") &&
		   !l[0].also,
	   "i386 socketcall, unix unrestricted: the network option alone");
	uint64_t inet_dgram[6] = { AF_INET, SOCK_DGRAM, 0, 0, 0, 0 };

	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, EACCES,
			   unix_args, l, 4);
	ok(n == 1 && !l[0].also, "a unix socket: --unrestricted-unix alone");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, EACCES,
			   inet_dgram, l, 4);
	ok(n == 1 && l[0].kind == FILTER_KIND_UDP, "the kind: UDP");
	n = filter_explain(ALL, AUDIT_ARCH_AARCH64, __NR_socket, 0, NULL, l, 4);
	ok(n == 1 && l[0].kind == FILTER_KIND_FOREIGN_ARCH && !l[0].option,
	   "an architecture not inspected: killed, nothing lifts it");
	is_int(filter_explain(ALL, AUDIT_ARCH_AARCH64, __NR_socket, EACCES,
			      NULL, l, 4),
	       0, "  and never with an errno");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, (int)X32_BIT | __NR_read,
			   ENOSYS, NULL, l, 4);
	ok(n == 1 && !l[0].option, "x32: nothing lifts it");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, 0, NULL, l, 4);
	is_int(n, 5,
	       "socket, errno unknown (an audit record): unix, families, "
	       "MPTCP, UDP, raw");
	is_str(l[0].option, "--unrestricted-unix", "  unix first");
	is_str(l[1].option, "--unrestricted-network", "  then the network");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, 0, unix_args, l,
			   4);
	ok(n == 1 && strcmp(l[0].option, "--unrestricted-unix") == 0,
	   "errno unknown, arguments known: the one rule");
	uint64_t tcp[6] = { AF_INET, SOCK_STREAM, 0, 0, 0, 0 };

	is_int(filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_socket, 0, tcp, l,
			      4),
	       0, "an allowed call is not the filter's");
	n = filter_explain(ALL, AUDIT_ARCH_X86_64, __NR_sendto, EOPNOTSUPP,
			   NULL, l, 4);
	ok(n == 1 && strcmp(l[0].option, "--unrestricted-network") == 0,
	   "MSG_FASTOPEN: --unrestricted-network");
}

/*
 * Every refusing rule of the table, on each architecture that has its
 * call, with only the classes it needs: a call that it decides (found
 * from the program's constants), which the program refuses with its
 * errno; and without the arguments (an audit record) it is among the
 * candidates.  A rule added to the table is tested here as it is.
 */
static void test_every_rule(void)
{
	static const uint32_t archs[] = { AUDIT_ARCH_X86_64, AUDIT_ARCH_I386 };
	struct filter_rule_info r;
	unsigned rules = 0;

	for (size_t i = 0; filter_rule_at(i, &r); i++) {
		for (unsigned a = 0; r.err && a < 2; a++) {
			int nr = witness_nr(archs[a], r.sys);
			struct seccomp_data d = { .nr = nr, .arch = archs[a] };
			struct filter_lift l[8];
			uint64_t args[6];
			bool named = false;
			char name[256];
			size_t n;

			if (nr < 0)
				continue;
			build(r.need);
			snprintf(name, sizeof(name),
				 "rule %zu, %s: %s: a call it decides", i,
				 a ? "i386" : "x86_64", r.lift.what);
			ok(filter_witness(r.need, archs[a], nr, &r, args),
			   name);
			memcpy(d.args, args, sizeof(args));
			snprintf(name, sizeof(name), "  the program refuses it "
						     "with errno %d", r.err);
			is_hex(run(&d), DENY(r.err), name);
			n = filter_explain(r.need, archs[a], nr, 0, NULL, l, 8);
			for (size_t k = 0; k < n && k < 8; k++)
				named |= same_lift(&l[k], &r.lift);
			ok(named && r.lift.kind != FILTER_KIND_NONE,
			   "  an audit record's candidates name it, its kind");
			rules++;
		}
	}
	ok(rules > 40, "every rule on both architectures, more than 40");
}

int main(void)
{
	test_numbers();
	test_every_combination_builds();
	test_always();
	test_net();
	test_unix();
	test_arch();
	test_cache();
	test_explain();
	test_every_rule();
	ok(!bad_insn, "the interpreter met only modelled instructions");
	return done_testing();
}
