// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * filterstub trap|log COMMAND [ARG]...: refuse a few of the calls the
 * sandbox's seccomp filter (src/filter) refuses, the way it refuses them
 * for --why and --learn, then exec COMMAND:
 *
 *  - trap: SECCOMP_RET_TRAP with FILTER_TRAP_TAG | errno as data
 *    (policy.h: filter_trap), which landshim's tracer turns into the errno;
 *  - log: SECCOMP_RET_ERRNO | errno, installed with SECCOMP_FILTER_FLAG_LOG
 *    (filter_log): the kernel writes an AUDIT_SECCOMP record.
 *
 * Refused: socket(AF_INET, SOCK_DGRAM) with EACCES, ioctl(TIOCSTI) with
 * EPERM, chmod() and fchmodat() of a setuid mode with EPERM.  A stand-in for the
 * filter until it is merged, so that both sides of the interface are
 * tested here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"
#include "policy.h"

#define ARG_LO(i) offsetof(struct seccomp_data, args[i])
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, off)
#define RET(v) BPF_STMT(BPF_RET | BPF_K, v)
#define JEQ(v, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, v, t, f)
#define JSET(v, t, f) BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, v, t, f)

int main(int argc, char **argv)
{
	unsigned action = 0, flags = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: filterstub trap|log COMMAND...\n");
		return 2;
	}
	if (strcmp(argv[1], "trap") == 0) {
		action = SECCOMP_RET_TRAP | FILTER_TRAP_TAG;
	} else {
		action = SECCOMP_RET_ERRNO;
		flags = SECCOMP_FILTER_FLAG_LOG;
	}
	struct sock_filter f[] = {
		/* 0 */ LOAD(offsetof(struct seccomp_data, nr)),
		/* 1 */ JEQ(SYS_socket, 0, 5),
		/* 2 */ LOAD(ARG_LO(0)),
		/* 3 */ JEQ(AF_INET, 0, 13),
		/* 4 */ LOAD(ARG_LO(1)),
		/* 5 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xf),
		/* 6 */ JEQ(SOCK_DGRAM, 12, 10),
		/* 7 */ JEQ(SYS_ioctl, 0, 3),
		/* 8 */ LOAD(ARG_LO(1)),
		/* 9 */ JEQ(0x5412 /* TIOCSTI */, 8, 0),
		/* 10 */ RET(SECCOMP_RET_ALLOW),
		/* 11 */ JEQ(SYS_chmod, 0, 2),
		/* 12 */ LOAD(ARG_LO(1)),
		/* 13 */ BPF_STMT(BPF_JMP | BPF_JA, 2),
		/* 14 */ JEQ(SYS_fchmodat, 0, 2),
		/* 15 */ LOAD(ARG_LO(2)),
		/* 16 */ JSET(S_ISUID | S_ISGID, 1, 0),
		/* 17 */ RET(SECCOMP_RET_ALLOW),
		/* 18 */ RET(action | EPERM),
		/* 19 */ RET(action | EACCES),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(*f), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog) < 0) {
		perror("filterstub: seccomp");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
