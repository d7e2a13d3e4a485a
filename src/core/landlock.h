/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Landlock UAPI as landshim needs it.
 *
 * Debian 12 ships the Linux 6.1 header (ABI <= 2 names only), so every
 * constant and structure up to ABI 11 is defined here, with our own names
 * (LL_*) so that nothing clashes with whatever <linux/landlock.h> a build
 * machine has.  Values are from the kernel's include/uapi/linux/landlock.h.
 */
#ifndef LANDSHIM_LANDLOCK_H
#define LANDSHIM_LANDLOCK_H

#include <stddef.h>
#include <stdint.h>

/* The newest ABI whose rights landshim knows. */
#define LL_ABI_KNOWN 11
/* The newest ABI whose rights are part of the baseline that strict demands. */
#define LL_ABI_BASELINE 7

/* landlock_create_ruleset() flags */
#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_CREATE_RULESET_ERRATA (1U << 1)

/* Rule types */
#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2

/* Filesystem rights (handled_access_fs, allowed_access) */
#define LL_FS_EXECUTE (1ULL << 0)
#define LL_FS_WRITE_FILE (1ULL << 1)
#define LL_FS_READ_FILE (1ULL << 2)
#define LL_FS_READ_DIR (1ULL << 3)
#define LL_FS_REMOVE_DIR (1ULL << 4)
#define LL_FS_REMOVE_FILE (1ULL << 5)
#define LL_FS_MAKE_CHAR (1ULL << 6)
#define LL_FS_MAKE_DIR (1ULL << 7)
#define LL_FS_MAKE_REG (1ULL << 8)
#define LL_FS_MAKE_SOCK (1ULL << 9)
#define LL_FS_MAKE_FIFO (1ULL << 10)
#define LL_FS_MAKE_BLOCK (1ULL << 11)
#define LL_FS_MAKE_SYM (1ULL << 12)
#define LL_FS_REFER (1ULL << 13)	/* ABI 2 */
#define LL_FS_TRUNCATE (1ULL << 14)	/* ABI 3 */
#define LL_FS_IOCTL_DEV (1ULL << 15)	/* ABI 5 */
#define LL_FS_RESOLVE_UNIX (1ULL << 16) /* ABI 9 */

/* Network rights (handled_access_net), ABI 4 */
#define LL_NET_BIND_TCP (1ULL << 0)
#define LL_NET_CONNECT_TCP (1ULL << 1)
/* ABI 10: bind(), and connect()/sendto() with an address; a first send or
 * connect auto-binds, which needs BIND_UDP on port 0. */
#define LL_NET_BIND_UDP (1ULL << 2)
#define LL_NET_CONNECT_SEND_UDP (1ULL << 3)
#define LL_NET_TCP (LL_NET_BIND_TCP | LL_NET_CONNECT_TCP)
#define LL_NET_UDP (LL_NET_BIND_UDP | LL_NET_CONNECT_SEND_UDP)

/* Scopes (scoped), ABI 6 */
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LL_SCOPE_SIGNAL (1ULL << 1)

/* landlock_restrict_self() flags */
#define LL_RESTRICT_LOG_SAME_EXEC_OFF (1U << 0)	 /* ABI 7 */
#define LL_RESTRICT_LOG_NEW_EXEC_ON (1U << 1)	 /* ABI 7 */
#define LL_RESTRICT_LOG_SUBDOMAINS_OFF (1U << 2) /* ABI 7 */
#define LL_RESTRICT_TSYNC (1U << 3)		 /* ABI 8 */
/*
 * ABI 11: set no_new_privs if and only if the call succeeds.  Bit 4 is
 * what the kernel's selftests and samples define when the header lacks
 * it (the next bit of the contiguous mask); the UAPI header line itself
 * could not be checked from here.
 */
#define LL_RESTRICT_NO_NEW_PRIVS (1U << 4)

struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped;	     /* ABI 6 */
};

struct ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

/* Rights a path rule on a non-directory may carry. */
#define LL_FS_FILE_RIGHTS                                                      \
	(LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | LL_FS_TRUNCATE | \
	 LL_FS_IOCTL_DEV | LL_FS_RESOLVE_UNIX)

/* The four right sets of the policy, as bits that combine. */
enum ll_rightset {
	LL_SET_READ = 1 << 0,
	LL_SET_WRITE = 1 << 1,
	LL_SET_EXEC = 1 << 2,
	LL_SET_UNIX = 1 << 3, /* connect to pathname unix sockets (ABI 9) */
	/* Carvings (carve.h): no right of their own, they take rights away
	 * beneath the rules that cover them. */
	LL_SET_DENY = 1 << 4,	   /* nothing beneath */
	LL_SET_READ_ONLY = 1 << 5, /* at most read and execute beneath */
};
#define LL_SET_RO (LL_SET_READ)
#define LL_SET_ROX (LL_SET_READ | LL_SET_EXEC)
#define LL_SET_RW (LL_SET_READ | LL_SET_WRITE)
#define LL_SET_RWX (LL_SET_READ | LL_SET_WRITE | LL_SET_EXEC)

/* Raw system calls; they return -1 and set errno on failure. */
int ll_create_ruleset(const struct ll_ruleset_attr *attr, size_t size,
		      uint32_t flags);
int ll_add_rule(int ruleset_fd, int rule_type, const void *attr,
		uint32_t flags);
int ll_restrict_self(int ruleset_fd, uint32_t flags);

/* The running kernel's ABI, or -1 with errno (ENOSYS, EOPNOTSUPP). */
int ll_abi(void);
/* Why ll_abi() failed with @err, for messages. */
const char *ll_missing_reason(int err);

/* Size of struct ll_ruleset_attr the kernel of @abi understands. */
size_t ll_ruleset_attr_size(int abi);

/* Every filesystem/network/scope right that ABI @abi supports. */
uint64_t ll_fs_supported(int abi);
uint64_t ll_net_supported(int abi);
uint64_t ll_scope_supported(int abi);
/* Every restrict_self flag of @abi (audit-log flags, TSYNC, NO_NEW_PRIVS). */
uint32_t ll_restrict_flags_supported(int abi);

/* Rights of right set @set (enum ll_rightset bits), before any ABI cut. */
uint64_t ll_fs_rights(unsigned set, int is_dir);

/* The ABI that introduced right @bit (a single LL_FS_* or LL_NET_* bit). */
int ll_fs_right_abi(uint64_t bit);
int ll_net_right_abi(uint64_t bit);
/* Names for messages: "read_file", "bind_udp", "signal", ... (the
 * blocker names of Landlock's audit records, without "fs." or "net.") */
const char *ll_fs_right_name(uint64_t bit);
const char *ll_net_right_name(uint64_t bit);
const char *ll_scope_name(uint64_t bit);
const char *ll_restrict_flag_name(uint32_t bit);

#endif
