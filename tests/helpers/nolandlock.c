// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nolandlock ERRNO CMD...: run CMD where the Landlock system calls fail
 * with ERRNO (ENOSYS, EOPNOTSUPP, EPERM, ...), as on a kernel without
 * Landlock.  "restrict" instead of a name fails only restrict_self (EPERM).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define NR_CREATE 444
#define NR_RESTRICT 446

static int errno_by_name(const char *name)
{
	static const struct {
		const char *name;
		int value;
	} names[] = { { "ENOSYS", ENOSYS },
		      { "EOPNOTSUPP", EOPNOTSUPP },
		      { "EPERM", EPERM },
		      { "EINVAL", EINVAL } };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].value;
	return -1;
}

int main(int argc, char **argv)
{
	int only_restrict = argc > 1 && strcmp(argv[1], "restrict") == 0;
	int err = only_restrict ? EPERM : argc > 1 ? errno_by_name(argv[1]) : -1;
	unsigned lo = only_restrict ? NR_RESTRICT : NR_CREATE;
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, lo, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, NR_RESTRICT, 1, 0),
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(filter) / sizeof(*filter), filter };

	if (argc < 3 || err < 0) {
		fprintf(stderr, "usage: nolandlock ENOSYS|EOPNOTSUPP|EPERM|"
				"restrict CMD...\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		perror("nolandlock: seccomp");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror("nolandlock: exec");
	return 127;
}
