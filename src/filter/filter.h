/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The seccomp filter: what Landlock leaves open (DESIGN.md decisions 15,
 * 17, 18, 19), as classic BPF built from one table of rules.
 *
 * The program is a pure function of a set of rule classes, which
 * policy_plan() derives from the policy and the Landlock ABI.  Errnos are
 * chosen so that callers fall back: EPROTONOSUPPORT for MPTCP (plain TCP
 * follows, which Landlock checks), ENOSYS for openat2 and io_uring, ...
 *
 * Not libseccomp: the filter is built in every sandboxed process before
 * main(), by a shim that links no libc (it is freestanding, see ARCH.md);
 * libseccomp needs libc and its allocator and builds a far larger program
 * at run time, for a table that fits in a few dozen instructions here.
 *
 * Layout, so that the kernel's action cache sees every system call the
 * filter does not inspect as always allowed (kernel/seccomp.c,
 * seccomp_is_const_allow()): load the architecture, check it, load the
 * number, a binary search on it, RET ALLOW for the rest; an argument is
 * loaded only in the block of a system call that is inspected.
 */
#ifndef LANDSHIM_FILTER_H
#define LANDSHIM_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/audit.h>
#include <linux/filter.h>

/* The architectures the filter inspects (AUDIT_ARCH_*): any other one is
 * killed.  On x86_64, i386 (int 0x80, 32-bit programs) is inspected by the
 * same rules, with its own numbers. */
#if defined(__x86_64__)
#define FILTER_ARCH_NATIVE AUDIT_ARCH_X86_64
#define FILTER_ARCH_COMPAT AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define FILTER_ARCH_NATIVE AUDIT_ARCH_AARCH64
#else
#error "landshim: the filter knows x86_64 and aarch64 only"
#endif

/* Rule classes: which parts of the table a policy needs. */
enum filter_class {
	/* TIOCSTI and TIOCLINUX; setuid and setgid modes (chmod, and the
	 * creation calls); openat2 and io_uring, which cannot be inspected. */
	FILTER_ALWAYS = 1 << 0,
	/* The network is restricted: UDP, ICMP and raw sockets, families
	 * other than unix, inet, inet6 and netlink, MPTCP and SCTP, TCP Fast
	 * Open. */
	FILTER_NET = 1 << 1,
	/* With FILTER_NET: UDP sockets may exist (UDP rules are given). */
	FILTER_UDP = 1 << 2,
	/* socket(AF_UNIX) is refused (pathname unix sockets below ABI 9). */
	FILTER_UNIX = 1 << 3,
	/* Not a class of rules but how they answer: SIGSYS with
	 * FILTER_TRAP_TAG | errno in si_errno instead of the errno, for
	 * --why's tracer (policy.h: filter_trap). */
	FILTER_TRAP = 1 << 4,
};

#define FILTER_TRAP_TAG 0xa000U	  /* in si_errno of the SIGSYS */
#define FILTER_TRAP_ERRNO 0x0fffU /* the errno beside the tag */

#define FILTER_MAX_INSNS 512

struct filter_prog {
	unsigned short len;
	struct sock_filter insn[FILTER_MAX_INSNS];
};

/* Build the program of @classes; -1 only if it does not fit (a bug). */
int filter_build(unsigned classes, struct filter_prog *prog);

/* filter_install() flags */
enum filter_install_flag {
	FILTER_TSYNC = 1 << 0, /* every thread of the process */
	FILTER_LOG = 1 << 1,   /* audit-log each denial (--why only) */
};

/*
 * Install @prog with seccomp(2), a raw system call: no_new_privs must be
 * set.  Returns 0, or -1 with errno (ESRCH: a thread could not be synced).
 */
int filter_install(const struct filter_prog *prog, unsigned flags);

/* Is the seccomp filter mode there?  0, or -1 with errno. */
int filter_available(void);

/*
 * What a rule refuses, for --why and --learn to word their report
 * (src/why/filter_explain.c gives each kind its words).  Several rules
 * may share a kind (chmod and fchmodat); a rule of a new kind needs its
 * words there, a rule of a known kind nothing.
 */
enum filter_kind {
	FILTER_KIND_NONE,	  /* an allowing rule */
	FILTER_KIND_TERMINAL,	  /* TIOCSTI, TIOCLINUX */
	FILTER_KIND_SETID_MODE,	  /* chmod & co. to a setuid/setgid mode */
	FILTER_KIND_SETID_CREATE, /* a file created with such a mode */
	FILTER_KIND_OPENAT2,	  /* its mode cannot be inspected */
	FILTER_KIND_IO_URING,	  /* its operations cannot be inspected */
	FILTER_KIND_UNIX,	  /* socket(AF_UNIX) */
	FILTER_KIND_FAMILY,	  /* a socket of another family */
	FILTER_KIND_PAIR_FAMILY,  /* a socket pair of another family */
	FILTER_KIND_PROTOCOL,	  /* MPTCP, SCTP */
	FILTER_KIND_UDP,	  /* a UDP socket */
	FILTER_KIND_RAW,	  /* ICMP, raw */
	FILTER_KIND_FASTOPEN,	  /* MSG_FASTOPEN */
	FILTER_KIND_SOCKETCALL,	  /* i386 socketcall */
	FILTER_KIND_X32,	  /* an x32 system call */
	FILTER_KIND_FOREIGN_ARCH, /* an architecture not inspected: killed */
	FILTER_KIND_COUNT
};

/* What a denial of the filter was, and the option that lifts it. */
struct filter_lift {
	const char *what;   /* "a UDP socket", "TIOCSTI on a terminal" */
	const char *option; /* "--unrestricted-network"; NULL: none does */
	/* The option of the rule that refuses the call still once @option
	 * lifted this one (both are needed), or NULL. */
	const char *also;
	enum filter_kind kind;
};

/*
 * For --why: which rules of the filter of @classes deny system call @nr
 * of architecture @arch (AUDIT_ARCH_*) with @err.  @err 0 is any errno
 * (an AUDIT_SECCOMP record, type 1326, has "code=0x50000": the action
 * without its data).  @args are the call's six arguments, or NULL when
 * unknown (an audit record has none): then every rule that denies @nr
 * with @err, and that the call can reach, is a candidate.  Fills up to
 * @max lifts, in table order; returns how many rules matched (0: not a
 * denial of this filter).
 */
size_t filter_explain(unsigned classes, uint32_t arch, int nr, int err,
		      const uint64_t *args, struct filter_lift *out,
		      size_t max);

/* One rule of the table, for tests that go through all of them. */
struct filter_rule_info {
	int sys;	       /* enum filter_syscall (filter_syscalls.h) */
	unsigned need, unless; /* the classes it applies to: all, none of */
	int err;	       /* its errno; 0: it allows */
	struct filter_lift lift; /* @also unset */
};

/* Rule @i of the table, in order: false past its end. */
bool filter_rule_at(size_t i, struct filter_rule_info *out);

/* The class names, for --explain and --check: "network (...)", ... */
const char *filter_class_what(unsigned class_bit);

#endif
