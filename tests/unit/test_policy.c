// SPDX-License-Identifier: GPL-2.0-or-later
/* The setters and the env parser: good values and bad ones. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "filter.h"
#include "log.h"
#include "policy.h"
#include "tap.h"

static struct policy p;

static int ports(const char *spec)
{
	policy_free(&p);
	return policy_add_ports(&p, LL_NET_BIND_TCP | LL_NET_CONNECT_TCP, spec);
}

static void test_ports(void)
{
	static const char *const bad[] = {
		"80x", "x", "-1", "65536", "99999", "123456", "80-", "-80",
		"90-80", "80,,81", ",80", "80,", "0x50", " 80", "80 ", "+80",
		"1-2-3", "80-x", "8080-65536",
	};

	is_int(ports("443"), 0, "single port");
	ok(port_set_has(&p.bind, 443) && port_set_has(&p.connect, 443),
	   "443 in both sets");
	is_int(p.bind.count, 1, "one port counted");
	is_int(ports("8000-8100"), 0, "range");
	is_int(p.bind.count, 101, "range is inclusive");
	ok(!port_set_has(&p.bind, 7999) && !port_set_has(&p.bind, 8101),
	   "range bounds");
	is_int(ports("80,443:8080"), 0, "comma and colon lists");
	is_int(p.connect.count, 3, "three ports");
	is_int(ports("0"), 0, "port 0");
	is_int(ports("65535"), 0, "port 65535");
	is_int(ports("0-65535"), 0, "whole range");
	is_int(p.bind.count, 65536, "whole range counted");
	is_int(ports("53,53,53"), 0, "duplicates");
	is_int(p.bind.count, 1, "duplicates counted once");
	is_int(ports(""), 0, "empty list is legal");
	ok(p.has_policy, "empty list still defines a policy");
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char name[64];

		snprintf(name, sizeof(name), "bad port spec \"%s\"", bad[i]);
		is_int(ports(bad[i]), -1, name);
	}
	ports("90-80");
	is_str(p.err, "empty port range 90-80", "range error message");
	ports("80x");
	ok(strstr(p.err, "\"80x\"") != NULL, "bad port named in message");
	policy_free(&p);
	is_int(policy_add_ports(&p, LL_NET_BIND_TCP, "22"), 0, "bind only");
	ok(port_set_has(&p.bind, 22) && !port_set_has(&p.connect, 22),
	   "bind port not in connect set");
}

static void test_paths(void)
{
	policy_free(&p);
	is_int(policy_add_path_list(&p, LL_SET_RO, "/usr:/lib?:rel/x", ":",
				    "T"),
	       0, "path list");
	is_int(p.npaths, 3, "three paths");
	is_str(p.paths[1].path, "/lib", "trailing ? stripped");
	ok(p.paths[1].optional && !p.paths[0].optional, "? marks optional");
	is_str(p.paths[2].path, "rel/x", "relative path kept as given");
	is_str(p.paths[0].origin, "T", "origin kept");
	is_int(p.paths[0].set, LL_SET_RO, "right set kept");
	is_int(policy_add_path_list(&p, LL_SET_RW, "/a,/b", ",", "--rw"), 0,
	       "comma list");
	is_int(p.npaths, 5, "five paths");
	is_int(policy_add_path_list(&p, LL_SET_RO, "", ":", "T"), 0,
	       "empty list");
	is_int(p.npaths, 5, "empty list adds nothing");
	is_int(policy_add_path_list(&p, LL_SET_RO, "/a::/b", ":", "T"), -1,
	       "empty element");
	is_int(policy_add_path_list(&p, LL_SET_RO, ":/a", ":", "T"), -1,
	       "leading separator");
	is_int(policy_add_path_list(&p, LL_SET_RO, "/a:", ":", "T"), -1,
	       "trailing separator");
	is_int(policy_add_path(&p, LL_SET_RO, "?", "T"), -1, "lone ?");
	is_int(policy_add_path(&p, LL_SET_RO, "", "T"), -1, "empty path");
	policy_free(&p);
	ok(!p.has_policy && p.npaths == 0, "free resets");
	is_int(policy_add_ports(&p, LL_NET_CONNECT_TCP, "443"), 0, "a port");
	policy_set_strict(&p, true);
	policy_error(&p, "an error");
	policy_free(&p);
	ok(!port_set_has(&p.connect, 443) && p.connect.count == 0,
	   "free resets the ports");
	ok(!p.strict && !p.err[0], "free resets what follows the ports");
}

static void test_scalars(void)
{
	static const char *const yes[] = { "1", "true", "yes", "on" };
	static const char *const no[] = { "0", "false", "no", "off" };
	static const char *const bad[] = { "", "2", "TRUE", "y", " 1", "1 " };
	bool b;

	for (size_t i = 0; i < 4; i++) {
		b = false;
		ok(policy_parse_bool(&p, yes[i], &b) == 0 && b, yes[i]);
		b = true;
		ok(policy_parse_bool(&p, no[i], &b) == 0 && !b, no[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		is_int(policy_parse_bool(&p, bad[i], &b), -1, "bad boolean");

	is_int(policy_set_log_level(&p, "debug"), 0, "level debug");
	is_int(log_threshold, LOG_DEBUG, "threshold debug");
	is_int(policy_set_log_level(&p, "warn"), 0, "level warn");
	is_int(log_threshold, LOG_WARN, "threshold warn");
	is_int(policy_set_log_level(&p, "verbose"), -1, "bad level");
	is_int(policy_set_log_level(&p, "DEBUG"), -1, "levels are lowercase");
	is_int(policy_set_log_level(&p, ""), -1, "empty level");
	is_int(log_threshold, LOG_WARN, "bad level changes nothing");
	policy_set_log_level(&p, "error");

	policy_free(&p);
	is_int(policy_set_unrestricted(&p, "filesystem,network"), 0,
	       "unrestricted list");
	is_int(p.unrestricted, UNRESTRICTED_FS | UNRESTRICTED_NET, "fs+net");
	is_int(policy_set_unrestricted(&p, "scoped"), 0, "landrun's scoped");
	is_int(p.unrestricted, 7, "all three");
	is_int(policy_set_unrestricted(&p, "unix,capabilities"), 0,
	       "unix and capabilities");
	is_int(p.unrestricted, 7 | UNRESTRICTED_UNIX | UNRESTRICTED_CAPS,
	       "all five");
	is_int(policy_set_unrestricted(&p, "fs"), -1, "unknown class");
	ok(strstr(p.err, "unix or capabilities") != NULL,
	   "the message lists the classes");
	is_int(policy_set_unrestricted(&p, "network,"), -1, "trailing comma");

	policy_free(&p);
	is_int(policy_set_log_flags(&p, "disable-originating,"
					"enable-subprocesses,"
					"disable-subdomains"),
	       0, "all log flags");
	is_hex(p.restrict_flags,
	       LL_RESTRICT_LOG_SAME_EXEC_OFF | LL_RESTRICT_LOG_NEW_EXEC_ON |
		       LL_RESTRICT_LOG_SUBDOMAINS_OFF,
	       "log flags map to restrict_self flags");
	is_int(policy_set_log_flags(&p, "verbose"), -1, "unknown log flag");

	is_int(policy_check_ll_scoped(&p, "a:s"), 0, "LL_SCOPED a:s");
	is_int(policy_check_ll_scoped(&p, "s"), 0, "LL_SCOPED s");
	is_int(policy_check_ll_scoped(&p, "x"), -1, "LL_SCOPED x");
	is_int(policy_check_ll_scoped(&p, "as"), -1, "LL_SCOPED as");
}

static void test_plan(void)
{
	struct policy_plan pl;

	policy_free(&p);
	for (int abi = 1; abi <= 11; abi++) {
		char name[80];

		policy_plan(&p, abi, &pl);
		snprintf(name, sizeof(name), "ABI %d: fs handled", abi);
		is_hex(pl.fs_handled, ll_fs_supported(abi), name);
		snprintf(name, sizeof(name), "ABI %d: fs dropped", abi);
		is_hex(pl.fs_dropped,
		       ll_fs_supported(7) & ~ll_fs_supported(abi), name);
		snprintf(name, sizeof(name), "ABI %d: net dropped", abi);
		is_hex(pl.net_dropped, abi >= 4 ? 0 : 3, name);
		snprintf(name, sizeof(name), "ABI %d: scopes dropped", abi);
		is_hex(pl.scope_dropped, abi >= 6 ? 0 : 3, name);
	}
	policy_plan(&p, 1, &pl);
	ok(!(pl.fs_handled & LL_FS_REFER) && pl.fs_handled,
	   "ABI 1: sandboxed without refer");
	policy_plan(&p, 11, &pl);
	is_hex(pl.net_handled, LL_NET_TCP | LL_NET_UDP, "ABI 11: UDP handled");

	policy_add_path(&p, LL_SET_UNIX, "/run/x.sock", "T");
	policy_plan(&p, 7, &pl);
	is_hex(pl.fs_dropped, LL_FS_RESOLVE_UNIX, "unix rule dropped on ABI 7");
	ok(!(pl.filter & FILTER_UNIX), "a unix rule lets unix sockets exist");
	policy_plan(&p, 9, &pl);
	is_hex(pl.fs_dropped, 0, "unix rule kept on ABI 9");

	policy_free(&p);
	policy_set_unrestricted(&p, "filesystem,network,scope");
	policy_plan(&p, 3, &pl);
	ok(!pl.fs_handled && !pl.net_handled && !pl.scoped &&
		   !pl.fs_dropped && !pl.net_dropped && !pl.scope_dropped,
	   "unrestricted: nothing handled, nothing dropped");

	policy_free(&p);
	policy_set_log_flags(&p, "enable-subprocesses");
	policy_plan(&p, 6, &pl);
	is_hex(pl.flags_dropped, LL_RESTRICT_LOG_NEW_EXEC_ON,
	       "log flag dropped below ABI 7");
	policy_plan(&p, 7, &pl);
	is_hex(pl.restrict_flags, LL_RESTRICT_LOG_NEW_EXEC_ON,
	       "log flag reaches restrict_self on ABI 7");

	policy_free(&p);
	policy_plan(&p, 3, &pl);
	is_int(policy_report_drops(&p, &pl), 0, "best effort: drops are fine");
	policy_set_strict(&p, true);
	is_int(policy_report_drops(&p, &pl), -1, "strict: a drop is an error");
	ok(strstr(p.err, "ABI 3") != NULL, "strict message names the ABI");
	policy_plan(&p, 7, &pl);
	is_int(policy_report_drops(&p, &pl), 0, "strict on ABI 7: no drop");
}

/* What each ABI gets from Landlock, from the filter, and what neither does. */
static void plan_case(int abi, const char *what, unsigned filter,
		      uint64_t fs_filtered, uint64_t net_filtered,
		      uint64_t fs_dropped_unix, uint64_t net_dropped)
{
	struct policy_plan pl;
	char name[128];

	policy_plan(&p, abi, &pl);
	snprintf(name, sizeof(name), "ABI %d, %s: filter classes", abi, what);
	is_hex(pl.filter, filter, name);
	snprintf(name, sizeof(name), "ABI %d, %s: fs by the filter", abi, what);
	is_hex(pl.fs_filtered, fs_filtered, name);
	snprintf(name, sizeof(name), "ABI %d, %s: net by the filter", abi,
		 what);
	is_hex(pl.net_filtered, net_filtered, name);
	snprintf(name, sizeof(name), "ABI %d, %s: resolve_unix dropped", abi,
		 what);
	is_hex(pl.fs_dropped & LL_FS_RESOLVE_UNIX, fs_dropped_unix, name);
	snprintf(name, sizeof(name), "ABI %d, %s: net dropped", abi, what);
	is_hex(pl.net_dropped, net_dropped, name);
}

static void test_plan_layers(void)
{
	const unsigned base = FILTER_ALWAYS | FILTER_NET;
	struct policy_plan pl;

	for (int abi = 1; abi <= 11; abi++) {
		uint64_t tcp_dropped = abi < 4 ? LL_NET_TCP : 0;
		uint64_t udp = abi < 10 ? LL_NET_UDP : 0;
		unsigned unix_filter = abi < 9 ? FILTER_UNIX : 0;
		uint64_t unix_filtered = abi < 9 ? LL_FS_RESOLVE_UNIX : 0;
		char name[80];

		policy_free(&p);
		plan_case(abi, "default", base | unix_filter, unix_filtered, udp,
			  0, tcp_dropped);
		policy_plan(&p, abi, &pl);
		snprintf(name, sizeof(name), "ABI %d: TSYNC iff ABI >= 8", abi);
		ok(pl.tsync == (abi >= 8), name);
		snprintf(name, sizeof(name), "ABI %d: NO_NEW_PRIVS iff >= 11",
			 abi);
		ok(pl.nnp_flag == (abi >= 11), name);
		snprintf(name, sizeof(name), "ABI %d: capabilities dropped",
			 abi);
		ok(pl.drop_caps, name);
		snprintf(name, sizeof(name), "ABI %d: strict passes by default",
			 abi);
		policy_set_strict(&p, true);
		is_int(policy_report_drops(&p, &pl), abi >= 6 ? 0 : -1, name);

		policy_free(&p);
		policy_add_path(&p, LL_SET_UNIX, "/run/x.sock", "T");
		plan_case(abi, "--unix", base, 0, udp,
			  abi < 9 ? LL_FS_RESOLVE_UNIX : 0, tcp_dropped);
		policy_plan(&p, abi, &pl);
		policy_set_strict(&p, true);
		snprintf(name, sizeof(name), "ABI %d, --unix: strict %s", abi,
			 abi < 9 ? "refuses" : "passes");
		is_int(policy_report_drops(&p, &pl), abi >= 9 ? 0 : -1, name);
		if (abi >= 6 && abi < 9)
			ok(strstr(p.err, "resolve_unix (needs ABI 9)") != NULL,
			   "  naming resolve_unix and ABI 9");

		policy_free(&p);
		policy_set_unrestricted(&p, "unix");
		plan_case(abi, "--unrestricted-unix", base, 0, udp, 0,
			  tcp_dropped);
		policy_plan(&p, abi, &pl);
		snprintf(name, sizeof(name),
			 "ABI %d, --unrestricted-unix: resolve_unix not handled",
			 abi);
		ok(!(pl.fs_handled & LL_FS_RESOLVE_UNIX), name);

		policy_free(&p);
		policy_add_ports(&p, LL_NET_CONNECT_SEND_UDP, "53");
		plan_case(abi, "--connect-udp", base | FILTER_UDP | unix_filter,
			  unix_filtered, 0, 0, tcp_dropped | udp);
		policy_plan(&p, abi, &pl);
		policy_set_strict(&p, true);
		snprintf(name, sizeof(name), "ABI %d, --connect-udp: strict %s",
			 abi, abi < 10 ? "refuses" : "passes");
		is_int(policy_report_drops(&p, &pl), abi >= 10 ? 0 : -1, name);
		if (abi >= 6 && abi < 10)
			ok(strstr(p.err, "bind_udp (needs ABI 10)") != NULL,
			   "  naming the UDP right and ABI 10");

		policy_free(&p);
		policy_set_unrestricted(&p, "network");
		plan_case(abi, "--unrestricted-network",
			  FILTER_ALWAYS | unix_filter, unix_filtered, 0, 0, 0);

		policy_free(&p);
		policy_set_unrestricted(&p, "filesystem");
		policy_add_path(&p, LL_SET_RO, "/missing", "T");
		plan_case(abi, "--unrestricted-filesystem", base, 0, udp, 0,
			  tcp_dropped);
		policy_set_unrestricted(&p, "capabilities");
		policy_plan(&p, abi, &pl);
		snprintf(name, sizeof(name),
			 "ABI %d, --unrestricted-capabilities: kept", abi);
		ok(!pl.drop_caps && !pl.fs_handled, name);
	}
}

static void test_udp_ports(void)
{
	policy_free(&p);
	is_int(policy_add_ports(&p, LL_NET_BIND_UDP, "5353"), 0, "bind_udp");
	is_int(policy_add_ports(&p, LL_NET_CONNECT_SEND_UDP, "53,123"), 0,
	       "connect_udp");
	ok(port_set_has(&p.bind_udp, 5353) && !port_set_has(&p.bind, 5353),
	   "UDP bind port in its own set");
	is_int(p.connect_udp.count, 2, "two UDP connect ports");
	ok(!p.connect.count && !p.bind.count, "TCP sets untouched");
	policy_free(&p);
	ok(!p.bind_udp.count && !p.connect_udp.count,
	   "free resets the UDP sets");
}

static void clear_env(void)
{
	clearenv();
}

static void test_env(void)
{
	clear_env();
	policy_free(&p);
	is_int(policy_from_env(&p, environ, NULL), 0, "empty environment");
	ok(!p.has_policy, "no variable: no policy");

	setenv("LANDSHIM_RO", "", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, NULL), 0, "LANDSHIM_RO=");
	ok(p.has_policy && p.npaths == 0, "empty value: empty policy");

	clear_env();
	setenv("LANDSHIM_RO", "/a", 1);
	setenv("LANDSHIM_ROX", "/b", 1);
	setenv("LANDSHIM_RW", "/c", 1);
	setenv("LANDSHIM_RWX", "/d?", 1);
	setenv("LANDSHIM_UNIX", "/e", 1);
	setenv("LL_FS_RO", "/f", 1);
	setenv("LL_FS_RW", "/g", 1);
	setenv("LANDSHIM_BIND_TCP", "8080", 1);
	setenv("LANDSHIM_CONNECT_TCP", "443,8000-8001", 1);
	setenv("LL_TCP_BIND", "9000", 1);
	setenv("LL_TCP_CONNECT", "53:80", 1);
	setenv("LANDSHIM_BIND_UDP", "5353", 1);
	setenv("LANDSHIM_CONNECT_UDP", "53", 1);
	setenv("LL_UDP_BIND", "67-68", 1);
	setenv("LL_UDP_CONNECT_SEND", "123", 1);
	setenv("LL_SCOPED", "a:s", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, NULL), 0, "every list variable");
	is_int(p.npaths, 7, "seven paths");
	is_int(p.paths[0].set, LL_SET_RO, "LANDSHIM_RO is ro");
	is_int(p.paths[1].set, LL_SET_ROX, "LANDSHIM_ROX is rox");
	is_int(p.paths[2].set, LL_SET_RW, "LANDSHIM_RW is rw");
	is_int(p.paths[3].set, LL_SET_RWX, "LANDSHIM_RWX is rwx");
	ok(p.paths[3].optional, "optional from env");
	is_int(p.paths[4].set, LL_SET_UNIX, "LANDSHIM_UNIX is unix");
	is_int(p.paths[5].set, LL_SET_ROX, "LL_FS_RO is read+execute");
	is_int(p.paths[6].set, LL_SET_RWX, "LL_FS_RW is every right");
	is_str(p.paths[5].origin, "LL_FS_RO", "origin is the variable");
	is_int(p.bind.count, 2, "bind ports: LANDSHIM_ and LL_ (union)");
	is_int(p.connect.count, 5, "connect ports union");
	is_int(p.bind_udp.count, 3, "UDP bind: LANDSHIM_ and LL_ (union)");
	is_int(p.connect_udp.count, 2, "UDP connect: union");
	ok(!p.strict && !p.allow_unsandboxed && !p.ignore_missing,
	   "defaults: best effort, fail closed");

	clear_env();
	setenv("LANDSHIM_RO", "", 1);
	setenv("LANDSHIM_STRICT", "1", 1);
	policy_free(&p);
	policy_from_env(&p, environ, NULL);
	ok(p.strict, "LANDSHIM_STRICT=1");
	setenv("LANDSHIM_STRICT", "0", 1);
	setenv("LANDSHIM_BEST_EFFORT", "0", 1);
	policy_free(&p);
	policy_from_env(&p, environ, NULL);
	ok(p.strict, "LANDSHIM_BEST_EFFORT=0 is strict");
	setenv("LANDSHIM_BEST_EFFORT", "1", 1);
	policy_free(&p);
	policy_from_env(&p, environ, NULL);
	ok(!p.strict, "best effort");
	setenv("LANDSHIM_ALLOW_UNSANDBOXED", "yes", 1);
	setenv("LANDSHIM_IGNORE_MISSING", "1", 1);
	setenv("LANDSHIM_UNRESTRICTED", "network", 1);
	setenv("LANDSHIM_LOG_FLAGS", "disable-subdomains", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, NULL), 0, "switches");
	ok(p.allow_unsandboxed && p.ignore_missing, "switches set");
	is_int(p.unrestricted, UNRESTRICTED_NET, "unrestricted from env");
	is_hex(p.restrict_flags, LL_RESTRICT_LOG_SUBDOMAINS_OFF,
	       "log flags from env");

	clear_env();
	setenv("LANDRUN_LOG_LEVEL", "info", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, NULL), 0, "LANDRUN_LOG_LEVEL");
	is_int(log_threshold, LOG_INFO, "landrun's level is read");
	setenv("LANDSHIM_LOG_LEVEL", "debug", 1);
	policy_from_env(&p, environ, NULL);
	is_int(log_threshold, LOG_DEBUG, "LANDSHIM_LOG_LEVEL wins");
	log_threshold = LOG_ERROR;
}

static void expect_env_error(const char *name, const char *value,
			     const char *needle)
{
	char msg[160];

	clear_env();
	setenv("LANDSHIM_RO", "", 1);
	setenv(name, value, 1);
	policy_free(&p);
	snprintf(msg, sizeof(msg), "%s=\"%s\" is refused", name, value);
	is_int(policy_from_env(&p, environ, NULL), -1, msg);
	snprintf(msg, sizeof(msg), "%s=\"%s\": message names the culprit",
		 name, value);
	if (!ok(strstr(p.err, name) && strstr(p.err, needle), msg))
		printf("#   message: %s\n", p.err);
}

static void test_env_errors(void)
{
	expect_env_error("LANDSHIM_BIND_TCP", "http", "http");
	expect_env_error("LANDSHIM_CONNECT_TCP", "443-80", "443-80");
	expect_env_error("LL_TCP_BIND", "70000", "70000");
	expect_env_error("LANDSHIM_RO", "/a::/b", "/a::/b");
	expect_env_error("LANDSHIM_RWX", "?", "empty");
	expect_env_error("LANDSHIM_STRICT", "maybe", "maybe");
	expect_env_error("LANDSHIM_BEST_EFFORT", "2", "2");
	expect_env_error("LANDSHIM_ALLOW_UNSANDBOXED", "", "\"\"");
	expect_env_error("LANDSHIM_IGNORE_MISSING", "sure", "sure");
	expect_env_error("LANDSHIM_LOG_LEVEL", "loud", "loud");
	expect_env_error("LANDRUN_LOG_LEVEL", "trace", "trace");
	expect_env_error("LANDSHIM_UNRESTRICTED", "all", "all");
	expect_env_error("LANDSHIM_LOG_FLAGS", "on", "on");
	expect_env_error("LL_SCOPED", "x", "x");
	expect_env_error("LANDSHIM_SANDBOX", "1", "unknown variable");
	expect_env_error("LANDSHIM_RO_", "/", "unknown variable");
	expect_env_error("LANDSHIM_CONFIG", "/etc/x.conf", "not supported");
	expect_env_error("LANDSHIM_PROFILE", "base", "not supported");
}

static int fake_loader_calls;

static int fake_loader(struct policy *pol, const char *file,
		       const char *profile)
{
	fake_loader_calls++;
	if (profile)
		return policy_add_path(pol, LL_SET_RO, "/from-profile", profile);
	policy_set_strict(pol, false);
	return policy_add_path(pol, LL_SET_RO, "/from-file", file);
}

static void test_env_files(void)
{
	clear_env();
	setenv("LANDSHIM_CONFIG", "/x.conf", 1);
	setenv("LANDSHIM_PROFILE", "base", 1);
	setenv("LANDSHIM_RO", "/from-env", 1);
	setenv("LANDSHIM_STRICT", "1", 1);
	policy_free(&p);
	is_int(policy_from_env(&p, environ, fake_loader), 0, "config and profile");
	is_int(fake_loader_calls, 2, "loader called for both");
	is_int(p.npaths, 3, "paths are a union");
	is_str(p.paths[0].path, "/from-file", "file first");
	is_str(p.paths[2].path, "/from-env", "environment after the file");
	ok(p.strict, "environment overrides the file");
}

static void test_env_clear(void)
{
	clear_env();
	setenv("LANDSHIM_RO", "/", 1);
	setenv("LANDSHIM_LIBRARY", "/x.so", 1);
	setenv("LL_FS_RW", "/", 1);
	setenv("LANDRUN_LOG_LEVEL", "info", 1);
	setenv("KEEP", "1", 1);
	policy_env_strip(environ);
	ok(!getenv("LANDSHIM_RO") && !getenv("LANDSHIM_LIBRARY") &&
		   !getenv("LL_FS_RW"),
	   "policy variables unset");
	ok(getenv("KEEP") && getenv("LANDRUN_LOG_LEVEL"),
	   "other variables kept");
	ok(policy_env_is_known("LANDSHIM_ROX"), "LANDSHIM_ROX is known");
	ok(!policy_env_is_known("LANDSHIM_ROXX"), "LANDSHIM_ROXX is not");
}

int main(void)
{
	policy_init(&p);
	test_ports();
	test_paths();
	test_scalars();
	test_plan();
	test_plan_layers();
	test_udp_ports();
	test_env();
	test_env_errors();
	test_env_files();
	test_env_clear();
	policy_free(&p);
	return done_testing();
}
