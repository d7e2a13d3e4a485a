// SPDX-License-Identifier: GPL-2.0-or-later
/* Raw Landlock system calls, the ABI probe and the right-set mapping. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include "landlock.h"
#include "rawsys.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#ifndef SYS_landlock_add_rule
#define SYS_landlock_add_rule 445
#endif
#ifndef SYS_landlock_restrict_self
#define SYS_landlock_restrict_self 446
#endif

int ll_create_ruleset(const struct ll_ruleset_attr *attr, size_t size,
		      uint32_t flags)
{
	return (int)raw_result(raw_syscall3(SYS_landlock_create_ruleset, attr,
					     size, flags));
}

int ll_add_rule(int ruleset_fd, int rule_type, const void *attr,
		uint32_t flags)
{
	return (int)raw_result(raw_syscall4(SYS_landlock_add_rule, ruleset_fd,
					     rule_type, attr, flags));
}

int ll_restrict_self(int ruleset_fd, uint32_t flags)
{
	return (int)raw_result(raw_syscall2(SYS_landlock_restrict_self,
					     ruleset_fd, flags));
}

int ll_abi(void)
{
	return ll_create_ruleset(NULL, 0, LL_CREATE_RULESET_VERSION);
}

const char *ll_missing_reason(int err)
{
	if (err == ENOSYS)
		return "the kernel has no Landlock";
	if (err == EOPNOTSUPP)
		return "Landlock is disabled at boot (lsm=)";
	return strerror(err);
}

size_t ll_ruleset_attr_size(int abi)
{
	if (abi >= 6)
		return 3 * sizeof(uint64_t);
	if (abi >= 4)
		return 2 * sizeof(uint64_t);
	return sizeof(uint64_t);
}

/*
 * Each case removes what the ABI below it lacks, falling through, as the
 * kernel's sandboxer sample does.
 */
uint64_t ll_fs_supported(int abi)
{
	uint64_t fs = (LL_FS_RESOLVE_UNIX << 1) - 1;

	if (abi < 1)
		return 0;
	switch (abi) {
	case 1:
		fs &= ~LL_FS_REFER;
		/* fall through */
	case 2:
		fs &= ~LL_FS_TRUNCATE;
		/* fall through */
	case 3:
	case 4:
		fs &= ~LL_FS_IOCTL_DEV;
		/* fall through */
	case 5:
	case 6:
	case 7:
	case 8:
		fs &= ~LL_FS_RESOLVE_UNIX;
		break;
	default:
		break;
	}
	return fs;
}

uint64_t ll_net_supported(int abi)
{
	if (abi >= 10)
		return LL_NET_TCP | LL_NET_UDP;
	return abi >= 4 ? LL_NET_TCP : 0;
}

int ll_net_right_abi(uint64_t bit)
{
	return (bit & LL_NET_UDP) ? 10 : 4;
}

uint64_t ll_scope_supported(int abi)
{
	return abi >= 6 ? LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL : 0;
}

uint32_t ll_restrict_flags_supported(int abi)
{
	uint32_t flags = 0;

	if (abi >= 7)
		flags |= LL_RESTRICT_LOG_SAME_EXEC_OFF |
			 LL_RESTRICT_LOG_NEW_EXEC_ON |
			 LL_RESTRICT_LOG_SUBDOMAINS_OFF;
	if (abi >= 8)
		flags |= LL_RESTRICT_TSYNC;
	if (abi >= 11)
		flags |= LL_RESTRICT_NO_NEW_PRIVS;
	return flags;
}

/* Never make_char or make_block: a device node in a writable directory
 * is the device itself (decision 20). */
#define LL_FS_DIR_WRITE                                                   \
	(LL_FS_REMOVE_DIR | LL_FS_REMOVE_FILE | LL_FS_MAKE_DIR |          \
	 LL_FS_MAKE_REG | LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO | LL_FS_MAKE_SYM | \
	 LL_FS_REFER)

uint64_t ll_fs_rights(unsigned set, int is_dir)
{
	uint64_t r = 0;

	if (set & LL_SET_READ)
		r |= LL_FS_READ_FILE | (is_dir ? LL_FS_READ_DIR : 0);
	if (set & LL_SET_WRITE)
		r |= LL_FS_WRITE_FILE | LL_FS_TRUNCATE | LL_FS_IOCTL_DEV |
		     (is_dir ? LL_FS_DIR_WRITE : 0);
	if (set & LL_SET_EXEC)
		r |= LL_FS_EXECUTE;
	if (set & LL_SET_UNIX)
		r |= LL_FS_RESOLVE_UNIX;
	return r;
}

int ll_fs_right_abi(uint64_t bit)
{
	switch (bit) {
	case LL_FS_REFER:
		return 2;
	case LL_FS_TRUNCATE:
		return 3;
	case LL_FS_IOCTL_DEV:
		return 5;
	case LL_FS_RESOLVE_UNIX:
		return 9;
	default:
		return 1;
	}
}

static const char *const fs_names[] = {
	"execute",   "write_file", "read_file", "read_dir",	"remove_dir",
	"remove_file", "make_char", "make_dir", "make_reg",	"make_sock",
	"make_fifo", "make_block", "make_sym",	"refer",	"truncate",
	"ioctl_dev", "resolve_unix",
};

static const char *bit_name(uint64_t bit, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bit == 1ULL << i)
			return names[i];
	return "unknown";
}

const char *ll_fs_right_name(uint64_t bit)
{
	return bit_name(bit, fs_names, sizeof(fs_names) / sizeof(*fs_names));
}

const char *ll_net_right_name(uint64_t bit)
{
	static const char *const names[] = { "bind_tcp", "connect_tcp",
					     "bind_udp", "connect_send_udp" };

	return bit_name(bit, names, 4);
}

const char *ll_scope_name(uint64_t bit)
{
	static const char *const names[] = { "abstract_unix_socket", "signal" };

	return bit_name(bit, names, 2);
}

const char *ll_restrict_flag_name(uint32_t bit)
{
	static const char *const names[] = { "log_same_exec_off",
					     "log_new_exec_on",
					     "log_subdomains_off", "tsync",
					     "no_new_privs" };

	return bit_name(bit, names, 5);
}
