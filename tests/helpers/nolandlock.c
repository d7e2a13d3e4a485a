// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nolandlock ERRNO CMD...: run CMD where the Landlock system calls fail
 * with ERRNO (ENOSYS, EOPNOTSUPP, EPERM, ...), as on a kernel without
 * Landlock.  "restrict" instead of a name fails only restrict_self (EPERM).
 *
 * nolandlock CALL ERRNO CMD...: only CALL fails with ERRNO: "create" (a
 * ruleset; the ABI query still works), "add_rule", "restrict" or "unshare".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR_CREATE 444
#define NR_ADD_RULE 445
#define NR_RESTRICT 446

/* The system calls that fail: lo..hi; flags_zero: only if args[2] == 0. */
struct fault {
	unsigned lo, hi;
	bool flags_zero;
	int err;
};

static int errno_by_name(const char *name)
{
	static const struct {
		const char *name;
		int value;
	} names[] = { { "ENOSYS", ENOSYS },
		      { "EOPNOTSUPP", EOPNOTSUPP },
		      { "EPERM", EPERM },
		      { "EINVAL", EINVAL },
		      { "ENOMEM", ENOMEM },
		      { "E2BIG", E2BIG } };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].value;
	return -1;
}

static bool call_by_name(const char *name, struct fault *f)
{
	static const struct {
		const char *name;
		struct fault f;
	} calls[] = {
		{ "create", { NR_CREATE, NR_CREATE, true, 0 } },
		{ "add_rule", { NR_ADD_RULE, NR_ADD_RULE, false, 0 } },
		{ "restrict", { NR_RESTRICT, NR_RESTRICT, false, 0 } },
		{ "unshare", { SYS_unshare, SYS_unshare, false, 0 } },
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(*calls); i++) {
		if (strcmp(name, calls[i].name) == 0) {
			*f = calls[i].f;
			return true;
		}
	}
	return false;
}

/* Parse the arguments into @f; returns the index of CMD, or -1. */
static int parse(int argc, char **argv, struct fault *f)
{
	if (argc >= 4 && call_by_name(argv[1], f) &&
	    (f->err = errno_by_name(argv[2])) >= 0)
		return 3;
	if (argc >= 3 && strcmp(argv[1], "restrict") == 0) {
		call_by_name("restrict", f);
		f->err = EPERM;
		return 2;
	}
	*f = (struct fault){ NR_CREATE, NR_RESTRICT, false, 0 };
	f->err = argc >= 3 ? errno_by_name(argv[1]) : -1;
	return f->err < 0 ? -1 : 2;
}

static int install_filter(const struct fault *f)
{
	/* Low word of args[2] (little endian), or 0 when any flags fail. */
	unsigned short load = f->flags_zero ? BPF_LD | BPF_W | BPF_ABS :
					      BPF_LD | BPF_IMM;
	unsigned arg2 = f->flags_zero ? offsetof(struct seccomp_data, args[2]) :
					0;
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 6),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, f->lo, 0, 4),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, f->hi, 3, 0),
		BPF_STMT(load, arg2),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO | ((unsigned)f->err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(filter) / sizeof(*filter), filter };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

int main(int argc, char **argv)
{
	struct fault f;
	int cmd = parse(argc, argv, &f);

	if (cmd < 0) {
		fprintf(stderr,
			"usage: nolandlock ENOSYS|EOPNOTSUPP|EPERM|restrict CMD...\n"
			"       nolandlock create|add_rule|restrict|unshare ERRNO CMD...\n");
		return 2;
	}
	if (install_filter(&f) < 0) {
		perror("nolandlock: seccomp");
		return 2;
	}
	execvp(argv[cmd], argv + cmd);
	perror("nolandlock: exec");
	return 127;
}
