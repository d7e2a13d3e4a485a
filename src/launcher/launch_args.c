// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The launcher's command line.  Options are landrun's (0.1 and 0.1.18) plus
 * landshim's own; each policy option calls the policy setter of its concept.
 *
 * Policy options are recorded while parsing and applied after the config
 * files and the environment, so that the command line has the last word on
 * single values (log level) while lists stay unions.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "launch.h"
#include "log.h"
#include "policy.h"
#include "policy_file.h"
#include "spelling.h"

enum option_when {
	WHEN_PARSED, /* at once, while parsing */
	WHEN_FILES,  /* first: config files */
	WHEN_POLICY, /* last: after the files and the environment */
};

struct launch_option {
	const char *name;
	bool has_arg;
	enum option_when when;
	int (*fn)(struct launch *l, const struct launch_option *o,
		  const char *value);
	unsigned bits;		 /* LL_SET_* or LL_NET_* */
	const char *word;	 /* a class or a log flag */
	void (*flag)(struct policy *p, bool on);
	size_t field;		 /* offset of a bool in struct launch */
	enum launch_mode mode;
};

/* "/usr:/lib" given to an option: say how the command line writes it. */
static int colon_list(struct launch *l, const struct launch_option *o,
		      const char *value)
{
	char *fixed = xstrdup(value);
	int ret;

	for (char *c = fixed; *c; c++)
		if (*c == ':')
			*c = ',';
	ret = policy_error(&l->policy,
			   "\"%s\": lists on the command line are "
			   "comma-separated (--%s %s)",
			   value, o->name, fixed);
	free(fixed);
	return ret;
}

static int opt_paths(struct launch *l, const struct launch_option *o,
		     const char *value)
{
	unsigned set = o->bits;
	char origin[32];

	if (l->exec_all && (set == LL_SET_RO || set == LL_SET_RW))
		set |= LL_SET_EXEC;
	snprintf(origin, sizeof(origin), "--%s", o->name);
	/* No path with ':' reaches the shim: unless it exists, a list. */
	if (strchr(value, ':') && access(value, F_OK) < 0)
		return colon_list(l, o, value);
	return policy_add_path_list(&l->policy, set, value, ",", origin);
}

static int opt_ports(struct launch *l, const struct launch_option *o,
		     const char *value)
{
	return policy_add_ports(&l->policy, o->bits, value);
}

static int opt_unrestricted(struct launch *l, const struct launch_option *o,
			    const char *value)
{
	(void)value;
	return policy_set_unrestricted_class(&l->policy, o->word);
}

static int opt_log_flag(struct launch *l, const struct launch_option *o,
			const char *value)
{
	(void)value;
	return policy_add_log_flag(&l->policy, o->word);
}

static int opt_policy_flag(struct launch *l, const struct launch_option *o,
			   const char *value)
{
	(void)value;
	o->flag(&l->policy, true);
	return 0;
}

static int opt_log_level(struct launch *l, const struct launch_option *o,
			 const char *value)
{
	(void)o;
	return policy_set_log_level(&l->policy, value);
}

static int opt_config(struct launch *l, const struct launch_option *o,
		      const char *value)
{
	(void)o;
	return policy_file_load(&l->policy, value, NULL);
}

/* "a,b": the profiles in turn (policy_file_load() takes "a:b"). */
static int opt_profile(struct launch *l, const struct launch_option *o,
		       const char *value)
{
	char *list;
	int ret;

	if (strchr(value, ':'))
		return colon_list(l, o, value);
	list = xstrdup(value);
	for (char *c = list; *c; c++)
		if (*c == ',')
			*c = ':';
	ret = policy_file_load(&l->policy, NULL, list);
	free(list);
	return ret;
}

static int opt_switch(struct launch *l, const struct launch_option *o,
		      const char *value)
{
	(void)value;
	*(bool *)((char *)l + o->field) = true;
	return 0;
}

static int opt_mode(struct launch *l, const struct launch_option *o,
		    const char *value)
{
	(void)value;
	if (l->mode != LAUNCH_RUN && l->mode != o->mode)
		return policy_error(&l->policy,
				    "cannot be combined with --%s",
				    l->mode_option);
	l->mode = o->mode;
	l->mode_option = o->name;
	return 0;
}

static int opt_learn(struct launch *l, const struct launch_option *o,
		     const char *value)
{
	/* "--learn -- cmd" took "--" for FILE. */
	if (value[0] == '-')
		return policy_error(&l->policy,
				    "\"%s\": expected the FILE to write first "
				    "(--learn FILE -- COMMAND)",
				    value);
	l->learn_file = value;
	return opt_mode(l, o, value);
}

/* Decimal digits only, at most @max. */
static int parse_count(struct launch *l, const char *value, long max,
		       const char *what, unsigned *out)
{
	char *end;
	long n = strtol(value, &end, 10);

	if (value[0] < '0' || value[0] > '9' || *end || n > max)
		return policy_error(&l->policy, "\"%s\": expected %s", value,
				    what);
	*out = (unsigned)n;
	return 0;
}

static int opt_wait(struct launch *l, const struct launch_option *o,
		    const char *value)
{
	(void)o;
	l->wait_given = true;
	return parse_count(l, value, 3600, "a number of seconds, 0 to 3600",
			   &l->wait_seconds);
}

static int opt_why_source(struct launch *l, const struct launch_option *o,
			  const char *value)
{
	(void)o;
	if (strcmp(value, "audit") != 0 && strcmp(value, "ptrace") != 0)
		return policy_error(&l->policy,
				    "\"%s\": expected audit (the kernel's "
				    "records, root) or ptrace (tracing the "
				    "command)",
				    value);
	l->why_source = value;
	return 0;
}

static int opt_rounds(struct launch *l, const struct launch_option *o,
		      const char *value)
{
	(void)o;
	if (parse_count(l, value, 100, "a number of rounds, 1 to 100",
			&l->learn_rounds) < 0)
		return -1;
	if (l->learn_rounds == 0)
		return policy_error(&l->policy,
				    "\"%s\": expected a number of rounds, "
				    "1 to 100",
				    value);
	return 0;
}

static int opt_library(struct launch *l, const struct launch_option *o,
		       const char *value)
{
	(void)o;
	l->library_opt = value;
	return 0;
}

static int opt_env(struct launch *l, const struct launch_option *o,
		   const char *value)
{
	size_t n = strcspn(value, "=");
	char name[256];

	(void)o;
	if (n == 0 || n >= sizeof(name))
		return policy_error(&l->policy,
				    "\"%s\": expected NAME or NAME=VALUE",
				    value);
	memcpy(name, value, n);
	name[n] = '\0';
	if (policy_env_is_known(name) || strncmp(name, "LANDSHIM_", 9) == 0)
		return policy_error(&l->policy,
				    "%s: a policy variable; use the policy "
				    "options instead",
				    name);
	l->env_opts = xrealloc(l->env_opts,
			       (l->nenv_opts + 1) * sizeof(*l->env_opts));
	l->env_opts[l->nenv_opts++] = value;
	return 0;
}

/* Decimal digits only, as for ports. */
static int keep_fd_item(struct launch *l, const char *s, size_t n)
{
	long fd = 0;

	if (n == 0 || n > 9)
		return policy_error(&l->policy, "invalid fd \"%.*s\"", (int)n,
				    s);
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return policy_error(&l->policy, "invalid fd \"%.*s\"",
					    (int)n, s);
		fd = fd * 10 + (s[i] - '0');
	}
	launch_keep_fd(l, (int)fd);
	return 0;
}

static int opt_keep_fd(struct launch *l, const struct launch_option *o,
		       const char *value)
{
	(void)o;
	for (const char *s = value;; s++) {
		size_t n = strcspn(s, ",");

		if (keep_fd_item(l, s, n) < 0)
			return -1;
		s += n;
		if (*s == '\0')
			return 0;
	}
}

#define PATHS(n, set) { n, true, WHEN_POLICY, opt_paths, set, NULL, NULL, 0, 0 }
#define PORTS(n, net) { n, true, WHEN_POLICY, opt_ports, net, NULL, NULL, 0, 0 }
#define UNRESTRICTED(n, class)                                        \
	{ n, false, WHEN_POLICY, opt_unrestricted, 0, class, NULL, 0, 0 }
#define LOG_FLAG(n, flag)                                             \
	{ n, false, WHEN_POLICY, opt_log_flag, 0, flag, NULL, 0, 0 }
#define POLICY_FLAG(n, setter)                                        \
	{ n, false, WHEN_POLICY, opt_policy_flag, 0, NULL, setter, 0, 0 }
#define SWITCH(n, member)                                             \
	{ n, false, WHEN_PARSED, opt_switch, 0, NULL, NULL,           \
	  offsetof(struct launch, member), 0 }
#define MODE(n, m) { n, false, WHEN_PARSED, opt_mode, 0, NULL, NULL, 0, m }
#define WITH_ARG(n, when, fn) { n, true, when, fn, 0, NULL, NULL, 0, 0 }

static const struct launch_option options[] = {
	PATHS("ro", LL_SET_RO),
	PATHS("rox", LL_SET_ROX),
	PATHS("rw", LL_SET_RW),
	PATHS("rwx", LL_SET_RWX),
	PATHS("unix", LL_SET_UNIX),
	PATHS("deny", LL_SET_DENY),
	PATHS("read-only", LL_SET_READ_ONLY),
	PORTS("bind-tcp", LL_NET_BIND_TCP),
	PORTS("connect-tcp", LL_NET_CONNECT_TCP),
	PORTS("bind-udp", LL_NET_BIND_UDP),
	PORTS("connect-udp", LL_NET_CONNECT_SEND_UDP),
	UNRESTRICTED("unrestricted-filesystem", "filesystem"),
	UNRESTRICTED("unrestricted-network", "network"),
	UNRESTRICTED("unrestricted-unix", "unix"),
	UNRESTRICTED("unrestricted-capabilities", "capabilities"),
	UNRESTRICTED("unrestricted-scope", "scope"),
	UNRESTRICTED("unrestricted-scoped", "scope"),
	LOG_FLAG("log-disable-originating", "disable-originating"),
	LOG_FLAG("log-enable-subprocesses", "enable-subprocesses"),
	LOG_FLAG("log-disable-subdomains", "disable-subdomains"),
	POLICY_FLAG("ignore-missing", policy_set_ignore_missing),
	POLICY_FLAG("add-exec", policy_set_add_exec),
	POLICY_FLAG("ldd", policy_set_ldd),
	POLICY_FLAG("strict", policy_set_strict),
	POLICY_FLAG("best-effort", policy_set_best_effort),
	POLICY_FLAG("allow-unsandboxed", policy_set_allow_unsandboxed),
	WITH_ARG("log-level", WHEN_POLICY, opt_log_level),
	WITH_ARG("config", WHEN_FILES, opt_config),
	WITH_ARG("profile", WHEN_FILES, opt_profile),
	WITH_ARG("env", WHEN_PARSED, opt_env),
	WITH_ARG("keep-fd", WHEN_PARSED, opt_keep_fd),
	WITH_ARG("library", WHEN_PARSED, opt_library),
	SWITCH("exec", exec_all),
	SWITCH("clear-env", clear_env),
	MODE("explain", LAUNCH_EXPLAIN),
	MODE("why", LAUNCH_WHY),
	{ "learn", true, WHEN_PARSED, opt_learn, 0, NULL, NULL, 0,
	  LAUNCH_LEARN },
	WITH_ARG("rounds", WHEN_PARSED, opt_rounds),
	SWITCH("allow-secrets", allow_secrets),
	SWITCH("learn-network", learn_network),
	WITH_ARG("wait", WHEN_PARSED, opt_wait),
	WITH_ARG("why-source", WHEN_PARSED, opt_why_source),
	MODE("check", LAUNCH_CHECK),
	MODE("list-profiles", LAUNCH_LIST_PROFILES),
	MODE("print-env", LAUNCH_PRINT_ENV),
	MODE("help", LAUNCH_HELP),
	MODE("h", LAUNCH_HELP),
	MODE("version", LAUNCH_VERSION),
};

void launch_usage(void)
{
	fputs("Usage: landshim [OPTION]... [--] COMMAND [ARG]...\n"
	      "Run COMMAND in a Landlock sandbox: whatever the options do not "
	      "allow is denied.\n"
	      "Lists are comma-separated; every option may be repeated.\n"
	      "\n"
	      "  --ro PATHS            read files, list directories\n"
	      "  --rox PATHS           --ro, plus execute\n"
	      "  --rw PATHS            read, write, create, remove, rename\n"
	      "  --rwx PATHS           --rw, plus execute\n"
	      "  --unix PATHS          connect to these pathname unix sockets "
	      "(ABI 9)\n"
	      "  --deny PATHS          nothing beneath them, even inside a "
	      "broader rule\n"
	      "  --read-only PATHS     at most read (and execute) beneath them\n"
	      "  --exec                --ro and --rw paths get execute too "
	      "(landrun 0.1)\n"
	      "  --add-exec            --rox the command's own file\n"
	      "  --ldd                 --rox the command's interpreter and "
	      "libraries\n"
	      "  --ignore-missing      skip paths that do not exist\n"
	      "  --bind-tcp PORTS      TCP ports to bind: 8080, 8000-8100\n"
	      "  --connect-tcp PORTS   TCP ports to connect to\n"
	      "  --bind-udp PORTS      UDP ports to bind (ABI 10; below, "
	      "UDP is not\n"
	      "                        restricted once a UDP rule is given)\n"
	      "  --connect-udp PORTS   UDP ports to connect and send to "
	      "(ABI 10): 53\n"
	      "  --unrestricted-filesystem, --unrestricted-network,\n"
	      "  --unrestricted-scope, --unrestricted-unix (unix sockets),\n"
	      "  --unrestricted-capabilities (root keeps them all)\n"
	      "                        lift that class (--unrestricted-scoped "
	      "too)\n"
	      "  --log-disable-originating, --log-enable-subprocesses,\n"
	      "  --log-disable-subdomains  Landlock audit-log flags (ABI 7)\n"
	      "  --strict              refuse to run if the kernel cannot "
	      "enforce a right\n"
	      "  --best-effort         drop what the kernel cannot enforce "
	      "(the default)\n"
	      "  --allow-unsandboxed   run even without Landlock\n"
	      "  --config FILE         read a policy file\n"
	      "  --profile NAMES       read the profiles NAME.conf, in turn\n"
	      "  --list-profiles       list the profiles found, and where\n"
	      "  --clear-env           start COMMAND with an empty "
	      "environment\n"
	      "  --env NAME[=VALUE]    keep NAME, or set it\n"
	      "  --keep-fd N           leave fd N open (others above 2 are "
	      "closed)\n"
	      "  --log-level LEVEL     error, warn (default), info, debug\n"
	      "  --library FILE        the shim to preload (with --print-env: "
	      "where it will\n"
	      "                        be installed; it may not exist yet)\n"
	      "\n"
	      "  --explain             print the resolved policy, run nothing\n"
	      "  --why                 run COMMAND, then list what it was "
	      "denied and the\n"
	      "                        option that allows each\n"
	      "  --learn FILE          run COMMAND until it needs nothing "
	      "new, widening\n"
	      "                        the policy; write it to FILE\n"
	      "  --rounds N            --learn runs COMMAND at most N times "
	      "(5)\n"
	      "  --allow-secrets       --learn may allow paths holding "
	      "secrets\n"
	      "  --learn-network       --learn allows the ports it sees "
	      "(else: to review)\n"
	      "  --wait N              after COMMAND exits, wait N seconds "
	      "for what it\n"
	      "                        left running (2), then end it\n"
	      "  --why-source SOURCE   audit (the kernel's records, root) or "
	      "ptrace\n"
	      "  --check               print what this kernel enforces\n"
	      "  --print-env           print export lines for a wrapper "
	      "script\n"
	      "  --help, --version\n"
	      "\n"
	      "Exit status: 125 landshim's own error, 126 COMMAND cannot be "
	      "executed,\n"
	      "127 COMMAND not found, otherwise COMMAND's status.  See "
	      "landshim(1).\n",
	      stdout);
}

static const struct launch_option *find_option(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(options) / sizeof(*options); i++)
		if (strlen(options[i].name) == n &&
		    memcmp(options[i].name, name, n) == 0)
			return &options[i];
	return NULL;
}

static void record(struct launch *l, const struct launch_option *o,
		   char *written, const char *value)
{
	struct launch_opt *opt;

	if (o->when == WHEN_PARSED) {
		if (o->fn(l, o, value) < 0)
			die("%s: %s", written, l->policy.err);
		free(written);
		return;
	}
	l->opts = xrealloc(l->opts, (l->nopts + 1) * sizeof(*l->opts));
	opt = &l->opts[l->nopts++];
	opt->def = o;
	opt->name = written;
	opt->value = value;
}

__attribute__((noreturn)) static void
die_unknown_option(const char *written, const char *name, size_t n)
{
	char word[64], hint[256];
	struct suggest s;

	snprintf(word, sizeof(word), "%.*s", (int)n, name);
	suggest_init(&s, word);
	for (size_t i = 0; i < sizeof(options) / sizeof(*options); i++)
		suggest_consider(&s, options[i].name);
	suggest_format(&s, "--", hint, sizeof(hint));
	die("%s: unknown option%s%s (see landshim --help)", written,
	    *hint ? ": " : "", hint);
}

/*
 * "--name", "--name=value", "--name value"; one dash works too, as with
 * landrun's Go flag parser.  Returns the index of the next argument.
 */
static int parse_option(struct launch *l, int argc, char **argv, int i)
{
	const char *arg = argv[i];
	const char *name = arg + (arg[1] == '-' ? 2 : 1);
	const char *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct launch_option *o = find_option(name, n);
	char *written = xstrndup(arg, (size_t)(name - arg) + n);
	const char *value = eq ? eq + 1 : NULL;

	if (!o)
		die_unknown_option(written, name, n);
	if (!o->has_arg && value)
		die("%s: takes no value", written);
	if (o->has_arg && !value) {
		if (i + 1 >= argc)
			die("%s: missing value", written);
		value = argv[++i];
	}
	if (o->has_arg && *value == '\0')
		die("%s: empty value", written);
	record(l, o, written, value);
	return i + 1;
}

/* The options that need, or cannot take, a command. */
static void check_command(struct launch *l)
{
	bool has_command = l->command[0] != NULL;

	switch (l->mode) {
	case LAUNCH_RUN:
	case LAUNCH_WHY:
	case LAUNCH_LEARN:
		if (!has_command)
			die("no command given (see landshim --help)");
		break;
	case LAUNCH_CHECK:
	case LAUNCH_PRINT_ENV:
	case LAUNCH_LIST_PROFILES:
		if (has_command)
			die("--%s: takes no command (\"%s\" given)",
			    l->mode_option, l->command[0]);
		break;
	default:
		break;
	}
	if ((l->learn_rounds || l->allow_secrets || l->learn_network) &&
	    l->mode != LAUNCH_LEARN)
		die("--%s: only with --learn",
		    l->learn_rounds	 ? "rounds" :
		    l->allow_secrets ? "allow-secrets" :
				       "learn-network");
	if ((l->wait_given || l->why_source) && l->mode != LAUNCH_LEARN &&
	    l->mode != LAUNCH_WHY)
		die("--%s: only with --why or --learn",
		    l->wait_given ? "wait" : "why-source");
	if (l->mode == LAUNCH_PRINT_ENV &&
	    (l->clear_env || l->nenv_opts || l->nkeep_fds))
		die("--print-env: --clear-env, --env and --keep-fd cannot be "
		    "expressed as variables");
}

void launch_parse_args(struct launch *l, int argc, char **argv)
{
	int i = 1;

	while (i < argc) {
		const char *arg = argv[i];

		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (arg[0] != '-' || arg[1] == '\0')
			break;
		i = parse_option(l, argc, argv, i);
	}
	l->command = argv + i;
	check_command(l);
}

static void apply_options(struct launch *l, enum option_when when)
{
	for (size_t i = 0; i < l->nopts; i++) {
		const struct launch_opt *opt = &l->opts[i];

		if (opt->def->when == when &&
		    opt->def->fn(l, opt->def, opt->value) < 0)
			die("%s: %s", opt->name, l->policy.err);
	}
}

void launch_load_policy(struct launch *l)
{
	apply_options(l, WHEN_FILES);
	if (policy_from_env(&l->policy, environ, policy_file_load) < 0)
		die("%s", l->policy.err);
	apply_options(l, WHEN_POLICY);
}
