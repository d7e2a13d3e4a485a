// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Config files and profiles -> policy, through the setters of policy.c.
 * The schema is documented in landshim.conf(5).
 *
 * libconfig parses each file on its own, but @include is handled here:
 * libconfig 1.5 resolves it against one fixed directory and splices the
 * text in, so a file could not say "ro" again after including a profile
 * that does (a duplicate setting).  Here an included file, like a profile,
 * is loaded before the including file's own settings: lists add up, and
 * the including file's single values win.
 */
#include "config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <limits.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "policy.h"
#include "policy_file.h"
#include "spelling.h"

#define MAX_DEPTH 16
#define MAX_FILE_SIZE (1 << 20)
#define PATH_SIZE (PATH_MAX + 2) /* room for the trailing '?' */

/* A file being loaded (an include loop if met again) or already loaded. */
struct seen_file {
	dev_t dev;
	ino_t ino;
	bool loading;
};

struct loader {
	struct policy *p;
	struct seen_file *seen;
	size_t nseen;
	unsigned depth;
};

/* Where an error is reported: "FILE:LINE: ". */
struct place {
	const char *file;
	unsigned line;
};

struct include {
	unsigned line;
	char *name;
};

/* One file in memory, its @include directives taken out of the text. */
struct source {
	const char *path;
	char *text;
	struct include *includes;
	size_t nincludes;
};

struct key {
	const char *name;
	int (*item)(struct loader *l, const struct place *at,
		    const struct key *k, const config_setting_t *e);
	bool list;   /* a list of items is accepted, not only one */
	bool nested; /* composes other files: applied before the rest */
	unsigned arg; /* LL_SET_* or LL_NET_* */
	int (*set_name)(struct policy *p, const char *name);
	void (*set_bool)(struct policy *p, bool on);
};

static int load_path(struct loader *l, const char *path,
		     const struct place *at, bool optional);

/* "FILE:LINE: message", or the bare message where there is no place. */
static int fail(struct policy *p, const struct place *at, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static int fail(struct policy *p, const struct place *at, const char *fmt,
		...)
{
	char msg[sizeof(p->err)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!at)
		return policy_error(p, "%s", msg);
	return policy_error(p, "%s:%u: %s", at->file, at->line, msg);
}
/* Visibly -1 for the static analyzers, which do not follow variadic calls. */
#define fail(...) ({ fail(__VA_ARGS__); -1; })

/* ---- Variables in paths ---- */

static int put(struct policy *p, char *buf, size_t size, const char *fmt,
	       ...) __attribute__((format(printf, 4, 5)));

static int put(struct policy *p, char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		return policy_error(p, "path too long");
	return 0;
}

static bool is_absolute(const char *s)
{
	return s && s[0] == '/';
}

/* XDG base directories: the variable if absolute, else $HOME/<default>. */
static const struct xdg_dir {
	const char *name;
	const char *under_home;
} xdg_dirs[] = {
	{ "XDG_CONFIG_HOME", ".config" },
	{ "XDG_DATA_HOME", ".local/share" },
	{ "XDG_STATE_HOME", ".local/state" },
	{ "XDG_CACHE_HOME", ".cache" },
};

/* $HOME, or $HOME/@under_home for the XDG variable @name. */
static int home_value(struct policy *p, const char *name, char *buf,
		      size_t size, const char *under_home)
{
	const char *home = getenv("HOME");

	/* -2: an optional path naming it is skipped (item_path). */
	if ((!home || !*home) && !under_home)
		return policy_error(p, "undefined variable $HOME") - 1;
	if (!home || !*home)
		return policy_error(p,
				    "undefined variable $%s (neither it nor "
				    "HOME is set)",
				    name) -
		       1;
	if (!under_home)
		return put(p, buf, size, "%s", home);
	return put(p, buf, size, "%s/%s", home, under_home);
}

static int var_value(struct policy *p, const char *name, char *buf,
		     size_t size)
{
	const char *v = getenv(name);

	if (strcmp(name, "HOME") == 0)
		return home_value(p, name, buf, size, NULL);
	if (strcmp(name, "PWD") == 0)
		return getcwd(buf, size) ? 0 :
					   policy_error(p,
							"$PWD: cannot get the "
							"current directory: %s",
							strerror(errno));
	if (strcmp(name, "TMPDIR") == 0)
		return put(p, buf, size, "%s", v && *v ? v : "/tmp");
	if (strcmp(name, "UID") == 0)
		return put(p, buf, size, "%u", (unsigned)getuid());
	if (strcmp(name, "XDG_RUNTIME_DIR") == 0)
		return is_absolute(v) ?
			       put(p, buf, size, "%s", v) :
			       put(p, buf, size, "/run/user/%u",
				   (unsigned)getuid());
	for (size_t i = 0; i < sizeof(xdg_dirs) / sizeof(*xdg_dirs); i++)
		if (strcmp(name, xdg_dirs[i].name) == 0)
			return is_absolute(v) ?
				       put(p, buf, size, "%s", v) :
				       home_value(p, name, buf, size,
						  xdg_dirs[i].under_home);
	return policy_error(p,
			    "undefined variable $%s (known: HOME, PWD, "
			    "TMPDIR, UID, XDG_CONFIG_HOME, XDG_DATA_HOME, "
			    "XDG_STATE_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR)",
			    name);
}

/* "$NAME" or "${NAME}" at @s: the name's length, the reference's in *len. */
static size_t var_name(const char *s, size_t *len)
{
	bool braced = s[1] == '{';
	const char *name = s + 1 + braced;
	size_t n = 0;

	while ((name[n] >= 'A' && name[n] <= 'Z') ||
	       (name[n] >= 'a' && name[n] <= 'z') || name[n] == '_' ||
	       (n > 0 && name[n] >= '0' && name[n] <= '9'))
		n++;
	if (n == 0 || (braced && name[n] != '}'))
		return 0;
	*len = 1 + braced + n + braced;
	return n;
}

static int append(struct policy *p, char *out, size_t *n, size_t size,
		  const char *s, size_t len)
{
	if (*n + len >= size)
		return policy_error(p, "path too long");
	memcpy(out + *n, s, len);
	*n += len;
	out[*n] = '\0';
	return 0;
}

static int append_var(struct policy *p, char *out, size_t *n, size_t size,
		      const char *ref, size_t *len)
{
	char name[64], value[PATH_SIZE];
	size_t name_len = var_name(ref, len);

	if (name_len == 0 || name_len >= sizeof(name))
		return policy_error(p,
				    "bad variable reference \"%.40s\" (write "
				    "$NAME or ${NAME}, and $$ for a '$')",
				    ref);
	int ret;

	memcpy(name, ref + 1 + (ref[1] == '{'), name_len);
	name[name_len] = '\0';
	ret = var_value(p, name, value, sizeof(value));
	if (ret < 0)
		return ret;
	return append(p, out, n, size, value, strlen(value));
}

/*
 * Expand a leading ~, $NAME, ${NAME} and $$ of @in into @out.  Returns 0,
 * -1, or -2 when $HOME is needed and not set (p->err says so).
 */
static int expand(struct policy *p, const char *in, char *out, size_t size)
{
	size_t n = 0, len;
	int ret;

	out[0] = '\0';
	if (in[0] == '~') {
		if (in[1] != '\0' && in[1] != '/')
			return policy_error(p,
					    "\"%s\": ~user is not supported "
					    "(only ~ for $HOME)",
					    in);
		ret = append_var(p, out, &n, size, "$HOME", &len);
		if (ret < 0)
			return ret;
		in++;
	}
	while (*in) {
		len = strcspn(in, "$");
		if (append(p, out, &n, size, in, len) < 0)
			return -1;
		in += len;
		if (!*in)
			break;
		if (in[1] == '$') {
			len = 2;
			if (append(p, out, &n, size, "$", 1) < 0)
				return -1;
		} else if ((ret = append_var(p, out, &n, size, in, &len)) < 0) {
			return ret;
		}
		in += len;
	}
	return 0;
}

/* ---- The keys ---- */

static unsigned line_of(const config_setting_t *s)
{
	return config_setting_source_line(s);
}

static int wrong_type(struct loader *l, const struct place *at,
		      const struct key *k, const char *what)
{
	return fail(l->p, at, "%s: expected %s%s", k->name, what,
		    k->list ? " or a list of them" : "");
}

/* A setter's result, its message placed: "FILE:LINE: key: message". */
static int with_place(struct loader *l, const struct place *at,
		      const struct key *k, int ret)
{
	if (ret < 0)
		return fail(l->p, at, "%s: %s", k->name, l->p->err);
	return 0;
}

/* A trailing '?': the path may be missing, or name an unset $HOME. */
static bool is_optional(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && s[n - 1] == '?';
}

static int item_path(struct loader *l, const struct place *at,
		     const struct key *k, const config_setting_t *e)
{
	const char *s = config_setting_get_string(e);
	char path[PATH_SIZE], origin[PATH_SIZE + 16];
	int ret;

	if (config_setting_type(e) != CONFIG_TYPE_STRING)
		return wrong_type(l, at, k, "a path (a string)");
	ret = expand(l->p, s, path, sizeof(path));
	if (ret == -2 && is_optional(s)) {
		log_debug("%s:%u: %s: %s: skipped (optional)", at->file,
			  at->line, s, l->p->err);
		return 0;
	}
	if (with_place(l, at, k, ret) < 0)
		return -1;
	if (path[0] && !is_absolute(path))
		return fail(l->p, at,
			    "%s: \"%s\": not an absolute path (write "
			    "$PWD/%s for the current directory)",
			    k->name, path, path);
	snprintf(origin, sizeof(origin), "%s:%u", at->file, at->line);
	return with_place(l, at, k,
			  policy_add_path(l->p, k->arg, path, origin));
}

static int item_port(struct loader *l, const struct place *at,
		     const struct key *k, const config_setting_t *e)
{
	char number[32];
	const char *spec = number;

	switch (config_setting_type(e)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		/* One port parser for numbers and strings: the setter's. */
		snprintf(number, sizeof(number), "%lld",
			 config_setting_get_int64(e));
		break;
	case CONFIG_TYPE_STRING:
		spec = config_setting_get_string(e);
		break;
	default:
		return wrong_type(l, at, k,
				  "a port (443) or a range (\"8000-8100\")");
	}
	return with_place(l, at, k, policy_add_ports(l->p, k->arg, spec));
}

static int item_name(struct loader *l, const struct place *at,
		     const struct key *k, const config_setting_t *e)
{
	if (config_setting_type(e) != CONFIG_TYPE_STRING)
		return wrong_type(l, at, k, "a string");
	return with_place(l, at, k,
			  k->set_name(l->p, config_setting_get_string(e)));
}

static int item_bool(struct loader *l, const struct place *at,
		     const struct key *k, const config_setting_t *e)
{
	if (config_setting_type(e) != CONFIG_TYPE_BOOL)
		return wrong_type(l, at, k, "true or false");
	k->set_bool(l->p, config_setting_get_bool(e));
	return 0;
}

/* ---- Profiles ---- */

/* Is this code running from the build tree (launcher, test, module)? */
static bool running_in_build_tree(void)
{
	Dl_info info;
	struct link_map *map = NULL;
	const char *self = "/proc/self/exe";
	char *real, *top;
	bool in_tree;

	/* The object holding this code; the main program's name is "". */
	if (dladdr1((void *)running_in_build_tree, &info, (void **)&map,
		    RTLD_DL_LINKMAP) &&
	    map && map->l_name[0])
		self = map->l_name;
	real = realpath(self, NULL);
	top = realpath(ABS_TOP_BUILDDIR, NULL);
	in_tree = real && top && strncmp(real, top, strlen(top)) == 0 &&
		  real[strlen(top)] == '/';
	free(real);
	free(top);
	return in_tree;
}

static bool valid_profile_name(const char *name)
{
	return name[0] != '\0' && name[0] != '.' && !strchr(name, '/') &&
	       !strstr(name, "..");
}

/*
 * The profile directories, in lookup order, into @dirs; returns how many.
 * Without $HOME and $XDG_CONFIG_HOME, the user's directory is left out.
 */
static size_t profile_dirs(struct policy *p, char dirs[][PATH_SIZE])
{
	char config_home[PATH_SIZE];
	size_t n = 0;

	if (var_value(p, "XDG_CONFIG_HOME", config_home, PATH_SIZE) == 0 &&
	    put(p, dirs[n], PATH_SIZE, "%s/landshim/profiles",
		config_home) == 0)
		n++;
	if (running_in_build_tree() &&
	    put(p, dirs[n], PATH_SIZE, "%s", ABS_TOP_SRCDIR "/conf/profiles") ==
		    0)
		n++;
	if (put(p, dirs[n], PATH_SIZE, "%s",
		SYSCONFDIR "/landshim/profiles") == 0)
		n++;
	return n;
}

void policy_file_profile_dirs(struct policy *p,
			      void (*fn)(const char *dir, void *arg), void *arg)
{
	char dirs[3][PATH_SIZE];
	size_t n = profile_dirs(p, dirs);

	for (size_t i = 0; i < n; i++)
		fn(dirs[i], arg);
}

/* Is @name.conf a profile's file name?  @name gets the name. */
static bool profile_file_name(const char *file, char *name, size_t size)
{
	size_t n = strlen(file);

	if (n <= 5 || strcmp(file + n - 5, ".conf") != 0 || n - 5 >= size)
		return false;
	memcpy(name, file, n - 5);
	name[n - 5] = '\0';
	return valid_profile_name(name);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The profile names of @dir, sorted (allocated; NULL-terminated). */
static char **dir_profiles(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;

	while (d && (e = readdir(d))) {
		char name[NAME_MAX + 1];

		if (!profile_file_name(e->d_name, name, sizeof(name)))
			continue;
		names = xrealloc(names, (n + 2) * sizeof(*names));
		names[n++] = xstrdup(name);
		names[n] = NULL;
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	return names;
}

static void free_names(char **names)
{
	for (char **s = names; *s; s++)
		free(*s);
	free(names);
}

/* Was @name among the profiles of the directories before @dir? */
static bool hidden_by(char **const *seen, size_t dir, const char *name,
		      size_t *by)
{
	for (size_t i = 0; i < dir; i++)
		for (char *const *s = seen[i]; *s; s++)
			if (strcmp(*s, name) == 0)
				return *by = i, true;
	return false;
}

int policy_file_each_profile(struct policy *p, policy_profile_fn fn,
			     void *arg)
{
	char dirs[3][PATH_SIZE];
	char **names[3];
	size_t n = profile_dirs(p, dirs), by;
	int ret = 0;

	for (size_t i = 0; i < n; i++)
		names[i] = dir_profiles(dirs[i]);
	for (size_t i = 0; i < n && ret == 0; i++)
		for (char **s = names[i]; *s && ret == 0; s++) {
			bool hidden = hidden_by(names, i, *s, &by);
			size_t size = strlen(dirs[i]) + strlen(*s) + 7;
			char *path = xmalloc(size);

			snprintf(path, size, "%s/%s.conf", dirs[i], *s);
			ret = fn(arg, *s, path, hidden ? dirs[by] : NULL);
			free(path);
		}
	for (size_t i = 0; i < n; i++)
		free_names(names[i]);
	return ret;
}

struct profile_names {
	char **names;
	size_t n;
};

static int collect_profile(void *arg, const char *name, const char *path,
			   const char *hidden_by)
{
	struct profile_names *all = arg;

	(void)path;
	(void)hidden_by;
	all->names = xrealloc(all->names, (all->n + 1) * sizeof(*all->names));
	all->names[all->n++] = xstrdup(name);
	return 0;
}

/* "did you mean build?": the nearest of the profiles found. */
static void profile_hint(struct policy *p, const char *name, char *hint,
			 size_t size)
{
	struct profile_names all = { NULL, 0 };
	struct suggest s;

	policy_file_each_profile(p, collect_profile, &all);
	suggest_init(&s, name);
	for (size_t i = 0; i < all.n; i++)
		suggest_consider(&s, all.names[i]);
	suggest_format(&s, "", hint, size);
	for (size_t i = 0; i < all.n; i++)
		free(all.names[i]);
	free(all.names);
}

static int load_profile(struct loader *l, const char *name,
			const struct place *at)
{
	char dirs[3][PATH_SIZE], path[PATH_SIZE + 64];
	char looked[3 * (PATH_SIZE + 2)] = "";
	size_t n, len = 0;
	struct stat st;

	if (!valid_profile_name(name))
		return fail(l->p, at,
			    "profile \"%s\": invalid name (a plain name such "
			    "as \"shell\": no '/', no '..', no leading '.')",
			    name);
	n = profile_dirs(l->p, dirs);
	for (size_t i = 0; i < n; i++) {
		if (put(l->p, path, sizeof(path), "%s/%s.conf", dirs[i],
			name) < 0)
			return fail(l->p, at, "profile \"%s\": %s", name,
				    l->p->err);
		/* The first that exists is used, even if it cannot be read. */
		if (stat(path, &st) == 0 ||
		    (errno != ENOENT && errno != ENOTDIR))
			return load_path(l, path, at, false);
		len += (size_t)snprintf(looked + len, sizeof(looked) - len,
					"%s%s", i ? ", " : "", dirs[i]);
	}
	profile_hint(l->p, name, path, sizeof(path));
	return fail(l->p, at, "profile \"%s\": not found (looked in %s)%s%s",
		    name, looked, *path ? ": " : "", path);
}

/* "a:b": the profiles in turn, with one loader (each read once). */
static int load_profile_list(struct loader *l, const char *list)
{
	char name[PATH_SIZE];

	if (strchr(list, ',')) {
		snprintf(name, sizeof(name), "%s", list);
		for (char *c = name; *c; c++)
			if (*c == ',')
				*c = ':';
		return fail(l->p, NULL,
			    "profiles \"%s\": lists in variables are "
			    "separated by ':' (LANDSHIM_PROFILE=%s)",
			    list, name);
	}
	for (const char *s = list;;) {
		size_t n = strcspn(s, ":");

		if (n >= sizeof(name))
			return fail(l->p, NULL, "profiles \"%.40s...\": a name "
						"too long",
				    list);
		memcpy(name, s, n);
		name[n] = '\0';
		if (load_profile(l, name, NULL) < 0)
			return -1;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

static int item_profile(struct loader *l, const struct place *at,
			const struct key *k, const config_setting_t *e)
{
	if (config_setting_type(e) != CONFIG_TYPE_STRING)
		return wrong_type(l, at, k, "a profile name (a string)");
	return load_profile(l, config_setting_get_string(e), at);
}

static const struct key keys[] = {
	{ "profiles", item_profile, .list = true, .nested = true },
	{ "ro", item_path, .list = true, .arg = LL_SET_RO },
	{ "rox", item_path, .list = true, .arg = LL_SET_ROX },
	{ "rw", item_path, .list = true, .arg = LL_SET_RW },
	{ "rwx", item_path, .list = true, .arg = LL_SET_RWX },
	{ "unix", item_path, .list = true, .arg = LL_SET_UNIX },
	{ "deny", item_path, .list = true, .arg = LL_SET_DENY },
	{ "read_only", item_path, .list = true, .arg = LL_SET_READ_ONLY },
	{ "bind_tcp", item_port, .list = true, .arg = LL_NET_BIND_TCP },
	{ "connect_tcp", item_port, .list = true, .arg = LL_NET_CONNECT_TCP },
	{ "bind_udp", item_port, .list = true, .arg = LL_NET_BIND_UDP },
	{ "connect_udp", item_port, .list = true,
	  .arg = LL_NET_CONNECT_SEND_UDP },
	{ "unrestricted", item_name, .list = true,
	  .set_name = policy_set_unrestricted_class },
	{ "log_flags", item_name, .list = true,
	  .set_name = policy_add_log_flag },
	{ "log_level", item_name, .set_name = policy_set_log_level },
	{ "best_effort", item_bool, .set_bool = policy_set_best_effort },
	{ "strict", item_bool, .set_bool = policy_set_strict },
	{ "allow_unsandboxed", item_bool,
	  .set_bool = policy_set_allow_unsandboxed },
	{ "ignore_missing", item_bool, .set_bool = policy_set_ignore_missing },
	{ "add_exec", item_bool, .set_bool = policy_set_add_exec },
	{ "ldd", item_bool, .set_bool = policy_set_ldd },
};

/* Dashes and underscores are the same: "bind-tcp" is "bind_tcp". */
static bool same_key(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !(strchr("-_", *a) && strchr("-_", *b)))
			return false;
	return *a == *b;
}

static const struct key *find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (same_key(name, keys[i].name))
			return &keys[i];
	return NULL;
}

static char *skip_token(char *s, unsigned *line);

/*
 * libconfig gives a string element the line of the token after it (it
 * reads ahead for an adjacent string to join): for the last element of a
 * list, the closing bracket's.  When that token is the first on its line,
 * the element ended on the last line before it holding a token.
 */
static unsigned element_line(char *text, unsigned reported)
{
	unsigned line = 1, last = 0;
	char *s = text;

	while (*s) {
		if (*s == '\n') {
			line++;
			s++;
		} else if (*s == ' ' || *s == '\t' || *s == '\r') {
			s++;
		} else if (*s == '#' || (s[0] == '/' && (s[1] == '/' ||
							   s[1] == '*'))) {
			s = skip_token(s, &line);
		} else if (line < reported) {
			s = skip_token(s, &line);
			last = line;
		} else {
			break;
		}
	}
	if (line == reported && last && last < line && *s &&
	    strchr(",])", *s))
		return last;
	return reported;
}

static int apply_setting(struct loader *l, const struct source *src,
			 const struct key *k, const config_setting_t *s)
{
	struct place at = { src->path, line_of(s) };
	int n = config_setting_length(s);

	if (!k->list || !(config_setting_is_array(s) ||
			  config_setting_is_list(s)))
		return k->item(l, &at, k, s);
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, i);

		at.line = line_of(e);
		if (i == n - 1)
			at.line = element_line(src->text, at.line);
		if (k->item(l, &at, k, e) < 0)
			return -1;
	}
	return 0;
}

static int unknown_key(struct loader *l, const struct place *at,
		       const char *name)
{
	char hint[256];
	struct suggest s;

	suggest_init(&s, name);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		suggest_consider(&s, keys[i].name);
	suggest_format(&s, "", hint, sizeof(hint));
	return fail(l->p, at, "unknown key \"%s\"%s%s", name,
		    *hint ? ": " : "", hint);
}

/* The settings that compose (@nested) or the others, in file order. */
static int apply_settings(struct loader *l, const struct source *src,
			  const config_t *cfg, bool nested)
{
	const config_setting_t *root = config_root_setting(cfg);

	for (int i = 0; i < config_setting_length(root); i++) {
		const config_setting_t *s = config_setting_get_elem(root, i);
		const struct key *k = find_key(config_setting_name(s));
		struct place at = { src->path, line_of(s) };

		if (!k)
			return unknown_key(l, &at, config_setting_name(s));
		if (k->nested == nested && apply_setting(l, src, k, s) < 0)
			return -1;
	}
	return 0;
}

/* ---- @include ---- */

/* Past the string, comment or other character at @s. */
static char *skip_token(char *s, unsigned *line)
{
	if (s[0] == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1])
				s++;
			if (*s == '\n')
				(*line)++;
		}
		return *s ? s + 1 : s;
	}
	if (s[0] == '#' || (s[0] == '/' && s[1] == '/'))
		return s + strcspn(s, "\n");
	if (s[0] == '/' && s[1] == '*') {
		for (s += 2; *s && !(s[0] == '*' && s[1] == '/'); s++)
			if (*s == '\n')
				(*line)++;
		return *s ? s + 2 : s;
	}
	return s + 1;
}

/* @s is at "@include": record the file name and blank the directive. */
static int take_include(struct loader *l, struct source *src, char **s,
			unsigned line)
{
	struct place at = { src->path, line };
	char *name = *s + strlen("@include");
	size_t len;

	if (*name != ' ' && *name != '\t')
		return fail(l->p, &at, "@include: expected a quoted file name");
	name += strspn(name, " \t");
	len = *name == '"' ? strcspn(name + 1, "\"\n") : 0;
	if (len == 0 || name[1 + len] != '"')
		return fail(l->p, &at, "@include: expected a quoted file name");
	src->includes = xrealloc(src->includes, (src->nincludes + 1) *
							sizeof(*src->includes));
	src->includes[src->nincludes].line = line;
	src->includes[src->nincludes++].name = xstrndup(name + 1, len);
	memset(*s, ' ', (size_t)(name + len + 2 - *s));
	*s = name + len + 2;
	return 0;
}

/*
 * Take out the @include directives libconfig would see: at the start of a
 * line (after blanks), outside strings and comments.  Any other "@" is
 * left for libconfig to reject.
 */
static int take_includes(struct loader *l, struct source *src)
{
	unsigned line = 1;
	bool line_start = true;
	char *s = src->text;

	while (*s) {
		if (*s == '\n') {
			line++;
			line_start = true;
			s++;
		} else if (*s == ' ' || *s == '\t') {
			s++;
		} else if (line_start && strncmp(s, "@include", 8) == 0) {
			if (take_include(l, src, &s, line) < 0)
				return -1;
			line_start = false;
		} else {
			line_start = false;
			s = skip_token(s, &line);
		}
	}
	return 0;
}

/* An @include'd name: variables expanded, relative to the including file. */
static int include_path(struct loader *l, const struct source *src,
			const struct include *inc, char *path, bool *optional)
{
	struct place at = { src->path, inc->line };
	const char *slash = strrchr(src->path, '/');
	char name[PATH_SIZE];
	size_t len, dir_len;
	int ret = expand(l->p, inc->name, name, sizeof(name));

	/* -2: optional, and naming an unset $HOME: skipped. */
	if (ret == -2 && is_optional(inc->name))
		return ret;
	if (ret < 0)
		return fail(l->p, &at, "@include: %s", l->p->err);
	len = strlen(name);
	*optional = len > 0 && name[len - 1] == '?';
	if (*optional)
		name[len - 1] = '\0';
	dir_len = slash && !is_absolute(name) ? slash + 1 - src->path : 0;
	if (put(l->p, path, PATH_SIZE, "%.*s%s", (int)dir_len, src->path,
		name) < 0)
		return fail(l->p, &at, "@include: %s", l->p->err);
	return 0;
}

static int load_includes(struct loader *l, const struct source *src)
{
	for (size_t i = 0; i < src->nincludes; i++) {
		struct place at = { src->path, src->includes[i].line };
		char path[PATH_SIZE];
		bool optional = false;

		int ret = include_path(l, src, &src->includes[i], path,
				       &optional);

		if (ret == -2) {
			log_debug("%s:%u: @include: skipped (optional): %s",
				  src->path, src->includes[i].line,
				  l->p->err);
			continue;
		}
		if (ret < 0 || load_path(l, path, &at, optional) < 0)
			return -1;
	}
	return 0;
}

/* ---- Files ---- */

static int read_text(struct loader *l, int fd, const struct stat *st,
		     struct source *src, const struct place *at)
{
	size_t size = (size_t)st->st_size, done = 0;

	if (!S_ISREG(st->st_mode))
		return fail(l->p, at, "%s: not a regular file", src->path);
	if (st->st_size > MAX_FILE_SIZE)
		return fail(l->p, at, "%s: larger than %d bytes", src->path,
			    MAX_FILE_SIZE);
	src->text = xmalloc(size + 1);
	while (done < size) {
		ssize_t n = read(fd, src->text + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(l->p, at, "%s: %s", src->path,
				    n < 0 ? strerror(errno) : "file shrank");
		done += (size_t)n;
	}
	src->text[size] = '\0';
	if (memchr(src->text, '\0', size))
		return fail(l->p, at, "%s: contains a NUL byte", src->path);
	return 0;
}

/* Parse @src and apply it: includes, then profiles, then its settings. */
static int load_source(struct loader *l, struct source *src)
{
	config_t cfg;
	int ret = -1;

	if (take_includes(l, src) < 0)
		return -1;
	config_init(&cfg);
	if (!config_read_string(&cfg, src->text)) {
		struct place at = { src->path, config_error_line(&cfg) };
		const char *text = config_error_text(&cfg);

		fail(l->p, &at, "%s%s", text,
		     strstr(text, "mismatched element type") ?
			     " (a [...] array holds one type: write (80, "
			     "\"8000-8100\") or [\"80\", \"8000-8100\"])" :
			     "");
	} else if (load_includes(l, src) == 0 &&
		   apply_settings(l, src, &cfg, true) == 0 &&
		   apply_settings(l, src, &cfg, false) == 0) {
		ret = 0;
	}
	config_destroy(&cfg);
	return ret;
}

/* The file's slot in l->seen: -1 after an error (include loop). */
static long mark_seen(struct loader *l, const struct stat *st,
		      const char *path, const struct place *at, bool *done)
{
	for (size_t i = 0; i < l->nseen; i++) {
		if (l->seen[i].dev != st->st_dev ||
		    l->seen[i].ino != st->st_ino)
			continue;
		if (l->seen[i].loading)
			return fail(l->p, at,
				    "%s: include loop (it is already being "
				    "loaded)",
				    path);
		*done = true;
		return (long)i;
	}
	if (l->depth >= MAX_DEPTH)
		return fail(l->p, at, "%s: includes nested more than %d deep",
			    path, MAX_DEPTH);
	l->seen = xrealloc(l->seen, (l->nseen + 1) * sizeof(*l->seen));
	l->seen[l->nseen] = (struct seen_file){ st->st_dev, st->st_ino, true };
	*done = false;
	return (long)l->nseen++;
}

static int load_open_file(struct loader *l, int fd, struct source *src,
			  const struct place *at)
{
	struct stat st;
	bool done = false;
	long slot;
	int ret;

	if (fstat(fd, &st) < 0)
		return fail(l->p, at, "%s: %s", src->path, strerror(errno));
	slot = mark_seen(l, &st, src->path, at, &done);
	if (slot < 0)
		return -1;
	if (done) {
		log_debug("%s: already loaded", src->path);
		return 0;
	}
	if (read_text(l, fd, &st, src, at) < 0)
		return -1;
	l->depth++;
	ret = load_source(l, src);
	l->depth--;
	l->seen[slot].loading = false;
	return ret;
}

static int load_path(struct loader *l, const char *path,
		     const struct place *at, bool optional)
{
	struct source src = { .path = path };
	/* O_NONBLOCK: a FIFO must not hang the program; it is refused. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	int ret;

	if (fd < 0 && errno == ENOENT && optional) {
		log_debug("%s:%u: %s: missing, skipped (optional)", at->file,
			  at->line, path);
		return 0;
	}
	if (fd < 0)
		return fail(l->p, at, "%s: %s", path, strerror(errno));
	log_debug("loading %s", path);
	ret = load_open_file(l, fd, &src, at);
	close(fd);
	free(src.text);
	for (size_t i = 0; i < src.nincludes; i++)
		free(src.includes[i].name);
	free(src.includes);
	return ret;
}

int policy_file_load(struct policy *p, const char *file, const char *profile)
{
	struct loader l = { .p = p };
	int ret;

	if (file)
		ret = load_path(&l, file, NULL, false);
	else
		ret = load_profile_list(&l, profile ? profile : "");
	free(l.seen);
	return ret;
}
