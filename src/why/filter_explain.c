// SPDX-License-Identifier: GPL-2.0-or-later
/* A call the seccomp filter refused -> what it was, what lifts it. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "filter_explain.h"

/* Debian 12's headers may lack them; the same numbers on every arch. */
#ifdef __NR_io_uring_setup
#define NR_IO_URING_SETUP __NR_io_uring_setup
#else
#define NR_IO_URING_SETUP 425
#endif
#ifdef __NR_fchmodat2
#define NR_FCHMODAT2 __NR_fchmodat2
#else
#define NR_FCHMODAT2 452
#endif
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif
#define TIOCSTI_CMD	0x5412
#define TIOCLINUX_CMD	0x541c
#define SOCK_TYPE_MASK	0xf
#define X32_SYSCALL_BIT 0x40000000L

/* The argument that holds the mode of a chmod, or -1. */
static int chmod_mode_arg(long nr)
{
	switch (nr) {
#ifdef __NR_chmod
	case __NR_chmod:
#endif
	case __NR_fchmod:
		return 1;
	case __NR_fchmodat:
	case NR_FCHMODAT2:
		return 2;
	default:
		return -1;
	}
}

/* The argument that holds the flags of a send, or -1. */
static int send_flags_arg(long nr)
{
	switch (nr) {
	case __NR_sendto:
		return 3;
	case __NR_sendmsg:
		return 2;
	default:
		return -1;
	}
}

static enum filter_refusal inet_socket(uint64_t type, uint64_t protocol)
{
	switch (type & SOCK_TYPE_MASK) {
	case SOCK_DGRAM:
		/* ICMP datagram ("ping") sockets are not UDP. */
		return protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6
			   ? REFUSED_RAW
			   : REFUSED_UDP;
	case SOCK_RAW:
		return REFUSED_RAW;
	default:
		return protocol == IPPROTO_MPTCP || protocol == IPPROTO_SCTP
			   ? REFUSED_PROTOCOL
			   : REFUSED_UNKNOWN;
	}
}

static enum filter_refusal socket_with_args(const struct filter_call *c)
{
	switch (c->args[0]) {
	case AF_UNIX:
		return REFUSED_UNIX;
	case AF_INET:
	case AF_INET6:
		return inet_socket(c->args[1], c->args[2]);
	case AF_NETLINK:
		return REFUSED_UNKNOWN;
	default:
		return REFUSED_FAMILY;
	}
}

/* EACCES from socket(): UDP or raw (network restricted), or unix below
 * ABI 9 (unless lifted); what the policy allows narrows it. */
static enum filter_refusal socket_eacces(const struct filter_context *ctx)
{
	bool inet = !ctx->net_unrestricted;
	bool unix_ = ctx->abi < 9 && !ctx->unix_unrestricted;

	if (inet && !unix_)
		return ctx->udp_rules ? REFUSED_RAW : REFUSED_UDP;
	if (unix_ && !inet)
		return REFUSED_UNIX;
	return inet ? REFUSED_INET_OR_UNIX : REFUSED_UNKNOWN;
}

static enum filter_refusal socket_refusal(const struct filter_call *c,
					  const struct filter_context *ctx)
{
	if (c->has_args)
		return socket_with_args(c);
	switch (c->err) {
	case 0:
		return REFUSED_SOCKET;
	case EACCES:
		return socket_eacces(ctx);
	case EAFNOSUPPORT:
		return REFUSED_FAMILY;
	case EPROTONOSUPPORT:
		return REFUSED_PROTOCOL;
	default:
		return REFUSED_UNKNOWN;
	}
}

static bool refused_with(const struct filter_call *c, int err)
{
	return c->err == 0 || c->err == err;
}

enum filter_refusal filter_refusal_of(const struct filter_call *c,
				      const struct filter_context *ctx)
{
	int arg;

	if ((c->arch && c->arch != FILTER_NATIVE_ARCH) ||
	    (c->nr & X32_SYSCALL_BIT))
		return REFUSED_FOREIGN_ARCH;
	if (c->nr == __NR_socket)
		return socket_refusal(c, ctx);
	if (c->nr == NR_IO_URING_SETUP && refused_with(c, ENOSYS))
		return REFUSED_IO_URING;
	if (c->nr == __NR_ioctl && refused_with(c, EPERM) &&
	    (!c->has_args || (c->args[1] & 0xffffffff) == TIOCSTI_CMD ||
	     (c->args[1] & 0xffffffff) == TIOCLINUX_CMD))
		return REFUSED_TIOCSTI;
	arg = chmod_mode_arg(c->nr);
	if (arg >= 0 && refused_with(c, EPERM) &&
	    (!c->has_args || (c->args[arg] & (S_ISUID | S_ISGID))))
		return REFUSED_SETUID;
	arg = send_flags_arg(c->nr);
	if (arg >= 0 && refused_with(c, EOPNOTSUPP) &&
	    (!c->has_args || (c->args[arg] & MSG_FASTOPEN)))
		return REFUSED_FASTOPEN;
	return REFUSED_UNKNOWN;
}

static const struct {
	const char *right, *object, *option, *text;
} refusals[] = {
    [REFUSED_UNKNOWN] = { "system call", "refused by the filter", NULL,
			"no option known: a refusal this landshim "
			"cannot name" },
    [REFUSED_UDP] = { "create socket", "UDP socket", NULL,
		    "--connect-udp PORTS (to send), --bind-udp PORTS "
		    "(to receive): the ports are yours to choose" },
    [REFUSED_RAW] = { "create socket", "raw or ICMP socket",
		    "--unrestricted-network", NULL },
    [REFUSED_UNIX] = { "create socket", "unix socket", "--unrestricted-unix",
		     NULL },
    [REFUSED_INET_OR_UNIX] = { "create socket", "UDP, raw or unix socket", NULL,
			     "--unrestricted-unix (a unix socket), "
			     "--connect-udp PORTS (UDP) or "
			     "--unrestricted-network (raw)" },
    [REFUSED_FAMILY] = { "create socket",
		       "socket of another family (packet, vsock...)",
		       "--unrestricted-network", NULL },
    [REFUSED_PROTOCOL] = { "create socket", "MPTCP or SCTP socket",
			 "--unrestricted-network", NULL },
    [REFUSED_SOCKET] = { "create socket", "socket (kind unseen)", NULL,
		       "--connect-udp PORTS (UDP), --unrestricted-unix "
		       "(unix) or --unrestricted-network (others)" },
    [REFUSED_FASTOPEN] = { "send", "TCP Fast Open (MSG_FASTOPEN)",
			 "--unrestricted-network", NULL },
    [REFUSED_IO_URING] = { "io_uring", "io_uring_setup", "--unrestricted-network",
			 NULL },
    [REFUSED_TIOCSTI] = { "ioctl", "TIOCSTI or TIOCLINUX on a terminal", NULL,
			"no option: a sandbox may never type into a "
			"terminal" },
    [REFUSED_SETUID] = { "chmod", "setuid or setgid bit", NULL,
		       "no option: a sandbox may never make a file "
		       "setuid or setgid" },
    [REFUSED_FOREIGN_ARCH] = { "system call", "32-bit or x32 system call", NULL,
			     "no option: the filter refuses system calls "
			     "it cannot inspect" },
};

const char *filter_refusal_right(enum filter_refusal f)
{
	return refusals[f].right;
}

const char *filter_refusal_object(enum filter_refusal f)
{
	return refusals[f].object;
}

const char *filter_refusal_option(enum filter_refusal f, const char **text)
{
	*text = refusals[f].text;
	return refusals[f].option;
}

bool filter_refusal_is_choice(enum filter_refusal f)
{
	return f == REFUSED_UDP || f == REFUSED_INET_OR_UNIX ||
	       f == REFUSED_SOCKET;
}
