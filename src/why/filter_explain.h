/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The calls the sandbox's seccomp filter (src/filter, DESIGN.md decisions
 * 15 to 19) refuses, named for --why and --learn: what was refused and the
 * option that lifts it, from what a source saw of the call.
 *
 * The ptrace source sees the call's arguments and errno; an AUDIT_SECCOMP
 * record only the system call (its code= holds the action, not the errno),
 * so a refused socket() is then one of several refusals, narrowed by what
 * the policy already allows.
 */
#ifndef LANDSHIM_FILTER_EXPLAIN_H
#define LANDSHIM_FILTER_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>

/* The AUDIT_ARCH_* of this build's system calls (0 if unknown). */
#if defined(__x86_64__)
#define FILTER_NATIVE_ARCH 0xc000003eU /* AUDIT_ARCH_X86_64 */
#elif defined(__aarch64__)
#define FILTER_NATIVE_ARCH 0xc00000b7U /* AUDIT_ARCH_AARCH64 */
#else
#define FILTER_NATIVE_ARCH 0U
#endif

enum filter_refusal {
	REFUSED_UNKNOWN,	     /* a call this version cannot name */
	REFUSED_UDP,	     /* socket(AF_INET*, SOCK_DGRAM): EACCES */
	REFUSED_RAW,	     /* socket(AF_INET*, SOCK_RAW), ICMP: EACCES */
	REFUSED_UNIX,	     /* socket(AF_UNIX) below ABI 9: EACCES */
	REFUSED_INET_OR_UNIX, /* socket() EACCES, arguments unseen */
	REFUSED_FAMILY,	     /* packet, vsock, bluetooth...: EAFNOSUPPORT */
	REFUSED_PROTOCOL,     /* MPTCP, SCTP: EPROTONOSUPPORT */
	REFUSED_SOCKET,	     /* socket(), errno and arguments unseen */
	REFUSED_FASTOPEN,     /* sendto/sendmsg MSG_FASTOPEN: EOPNOTSUPP */
	REFUSED_IO_URING,     /* io_uring_setup: ENOSYS */
	REFUSED_TIOCSTI,	     /* ioctl TIOCSTI, TIOCLINUX: EPERM */
	REFUSED_SETUID,	     /* chmod family, setuid/setgid bit: EPERM */
	REFUSED_FOREIGN_ARCH, /* a system call through another entry (i386) */
};

/* What a source saw of one refused call. */
struct filter_call {
	uint32_t arch; /* AUDIT_ARCH_*; 0: the native one */
	long nr;       /* the system call, of @arch */
	int err;       /* the errno; 0 when unseen (audit records) */
	bool has_args; /* @args were seen (ptrace) */
	uint64_t args[6];
};

/* What the policy allows already, to narrow a call seen without args. */
struct filter_context {
	int abi;	/* Landlock ABI: unix sockets are Landlock's at 9 */
	bool udp_rules; /* UDP sockets exist (--connect-udp/--bind-udp) */
	bool net_unrestricted;	/* --unrestricted-network */
	bool unix_unrestricted; /* --unrestricted-unix */
};

/*
 * Which refusal @c is, or REFUSED_UNKNOWN when the filter would not refuse
 * such a call (then the failure is not the filter's).
 */
enum filter_refusal filter_refusal_of(const struct filter_call *c,
				      const struct filter_context *ctx);

/* Words for the report: the right ("create socket") and the object. */
const char *filter_refusal_right(enum filter_refusal f);
const char *filter_refusal_object(enum filter_refusal f);

/*
 * The option that lifts it ("--unrestricted-network"), or NULL: then
 * *@text says what to do (choose UDP ports) or why nothing can.
 */
const char *filter_refusal_option(enum filter_refusal f, const char **text);
/* Does *text then name options with values to choose (UDP ports)? */
bool filter_refusal_is_choice(enum filter_refusal f);

#endif
