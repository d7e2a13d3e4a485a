// SPDX-License-Identifier: GPL-2.0-or-later
/* The rights mapping for every ABI 1..11, and the ruleset sizes. */
#include "config.h"

#include "landlock.h"
#include "tap.h"

#define V1_FS 0x1fffULL /* execute .. make_sym */
/* Never make_char or make_block: no device nodes (decision 20). */
#define DIR_WRITE_V1                                                    \
	(LL_FS_REMOVE_DIR | LL_FS_REMOVE_FILE | LL_FS_MAKE_DIR |        \
	 LL_FS_MAKE_REG | LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO | LL_FS_MAKE_SYM)
#define DEVICES (LL_FS_MAKE_CHAR | LL_FS_MAKE_BLOCK)

static void test_supported(void)
{
	is_hex(ll_fs_supported(0), 0, "ABI 0: no fs rights");
	is_hex(ll_fs_supported(1), V1_FS, "ABI 1: 13 rights, no refer");
	is_hex(ll_fs_supported(2), V1_FS | LL_FS_REFER, "ABI 2: + refer");
	is_hex(ll_fs_supported(3), 0x7fffULL, "ABI 3: + truncate");
	is_hex(ll_fs_supported(4), 0x7fffULL, "ABI 4: same fs as 3");
	is_hex(ll_fs_supported(5), 0xffffULL, "ABI 5: + ioctl_dev");
	is_hex(ll_fs_supported(6), 0xffffULL, "ABI 6: same fs as 5");
	is_hex(ll_fs_supported(7), 0xffffULL, "ABI 7: same fs as 5");
	is_hex(ll_fs_supported(8), 0xffffULL, "ABI 8: same fs as 5");
	is_hex(ll_fs_supported(9), 0x1ffffULL, "ABI 9: + resolve_unix");
	is_hex(ll_fs_supported(42), 0x1ffffULL, "future ABI: all we know");

	for (int abi = 1; abi <= 11; abi++) {
		char name[64];

		snprintf(name, sizeof(name), "ABI %d: net rights", abi);
		is_hex(ll_net_supported(abi),
		       abi >= 10 ? 0xf : abi >= 4 ? 3 : 0, name);
		snprintf(name, sizeof(name), "ABI %d: scopes", abi);
		is_hex(ll_scope_supported(abi), abi >= 6 ? 3 : 0, name);
		snprintf(name, sizeof(name), "ABI %d: restrict flags", abi);
		is_hex(ll_restrict_flags_supported(abi),
		       abi >= 11 ? 0x1f :
		       abi >= 8	 ? 0xf :
		       abi >= 7	 ? 0x7 :
				   0,
		       name);
	}
	is_int(LL_ABI_KNOWN, 11, "ABIs known: up to 11");
	is_hex(LL_NET_BIND_UDP, 1 << 2, "BIND_UDP is bit 2");
	is_hex(LL_NET_CONNECT_SEND_UDP, 1 << 3, "CONNECT_SEND_UDP is bit 3");
	is_hex(LL_RESTRICT_NO_NEW_PRIVS, 1 << 4, "NO_NEW_PRIVS is bit 4");
	is_str(ll_net_right_name(LL_NET_BIND_UDP), "bind_udp",
	       "audit blocker net.bind_udp");
	is_str(ll_net_right_name(LL_NET_CONNECT_SEND_UDP), "connect_send_udp",
	       "audit blocker net.connect_send_udp");
	is_int(ll_net_right_abi(LL_NET_CONNECT_SEND_UDP), 10, "UDP is ABI 10");
	is_int(ll_net_right_abi(LL_NET_BIND_TCP), 4, "TCP is ABI 4");
	is_str(ll_restrict_flag_name(LL_RESTRICT_NO_NEW_PRIVS), "no_new_privs",
	       "flag name no_new_privs");
	is_int(ll_ruleset_attr_size(1), 8, "ABI 1-3 attr is 8 bytes");
	is_int(ll_ruleset_attr_size(3), 8, "ABI 3 attr is 8 bytes");
	is_int(ll_ruleset_attr_size(4), 16, "ABI 4-5 attr is 16 bytes");
	is_int(ll_ruleset_attr_size(5), 16, "ABI 5 attr is 16 bytes");
	is_int(ll_ruleset_attr_size(6), 24, "ABI 6+ attr is 24 bytes");
	is_int(ll_ruleset_attr_size(7), 24, "ABI 7 attr is 24 bytes");
}

static void test_rightsets(void)
{
	uint64_t rw_file = LL_FS_READ_FILE | LL_FS_WRITE_FILE |
			   LL_FS_TRUNCATE | LL_FS_IOCTL_DEV;

	is_hex(ll_fs_rights(LL_SET_RO, 0), LL_FS_READ_FILE, "ro file");
	is_hex(ll_fs_rights(LL_SET_RO, 1), LL_FS_READ_FILE | LL_FS_READ_DIR,
	       "ro dir");
	is_hex(ll_fs_rights(LL_SET_ROX, 0), LL_FS_READ_FILE | LL_FS_EXECUTE,
	       "rox file");
	is_hex(ll_fs_rights(LL_SET_ROX, 1),
	       LL_FS_READ_FILE | LL_FS_READ_DIR | LL_FS_EXECUTE, "rox dir");
	is_hex(ll_fs_rights(LL_SET_RW, 0), rw_file, "rw file");
	is_hex(ll_fs_rights(LL_SET_RW, 1),
	       rw_file | LL_FS_READ_DIR | DIR_WRITE_V1 | LL_FS_REFER, "rw dir");
	is_hex(ll_fs_rights(LL_SET_RWX, 0), rw_file | LL_FS_EXECUTE,
	       "rwx file");
	is_hex(ll_fs_rights(LL_SET_RWX, 1), 0xffffULL & ~DEVICES,
	       "rwx dir: every right but device nodes");
	ok(!(ll_fs_rights(LL_SET_RW | LL_SET_UNIX, 1) & DEVICES),
	   "rw never grants make_char or make_block");
	is_hex(ll_fs_rights(LL_SET_UNIX, 0), LL_FS_RESOLVE_UNIX, "unix file");
	ok((ll_fs_rights(LL_SET_RWX, 0) & ~LL_FS_FILE_RIGHTS) == 0,
	   "file rules carry file rights only");

	/* What a rule really gets on each ABI: the set cut by the kernel. */
	for (int abi = 1; abi <= 9; abi++) {
		char name[64];
		uint64_t dir = ll_fs_rights(LL_SET_RWX, 1) & ll_fs_supported(abi);

		snprintf(name, sizeof(name), "ABI %d: rwx dir within handled",
			 abi);
		ok((dir & ~ll_fs_supported(abi)) == 0, name);
		snprintf(name, sizeof(name), "ABI %d: refer iff ABI >= 2", abi);
		ok(!!(dir & LL_FS_REFER) == (abi >= 2), name);
		snprintf(name, sizeof(name), "ABI %d: truncate iff ABI >= 3",
			 abi);
		ok(!!(dir & LL_FS_TRUNCATE) == (abi >= 3), name);
		snprintf(name, sizeof(name), "ABI %d: ioctl_dev iff ABI >= 5",
			 abi);
		ok(!!(dir & LL_FS_IOCTL_DEV) == (abi >= 5), name);
	}
}

static void test_names(void)
{
	is_str(ll_fs_right_name(LL_FS_READ_FILE), "read_file", "fs name");
	is_str(ll_fs_right_name(LL_FS_RESOLVE_UNIX), "resolve_unix",
	       "fs name, ABI 9");
	is_str(ll_fs_right_name(1ULL << 40), "unknown", "unknown fs bit");
	is_str(ll_net_right_name(LL_NET_CONNECT_TCP), "connect_tcp",
	       "net name");
	is_str(ll_scope_name(LL_SCOPE_SIGNAL), "signal", "scope name");
	is_int(ll_fs_right_abi(LL_FS_REFER), 2, "refer is ABI 2");
	is_int(ll_fs_right_abi(LL_FS_TRUNCATE), 3, "truncate is ABI 3");
	is_int(ll_fs_right_abi(LL_FS_IOCTL_DEV), 5, "ioctl_dev is ABI 5");
	is_int(ll_fs_right_abi(LL_FS_RESOLVE_UNIX), 9, "resolve_unix is ABI 9");
	is_int(ll_fs_right_abi(LL_FS_EXECUTE), 1, "execute is ABI 1");
}

int main(void)
{
	test_supported();
	test_rightsets();
	test_names();
	return done_testing();
}
