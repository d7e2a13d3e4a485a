// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --learn's FILE: a config file for --config and LANDSHIM_CONFIG.
 *
 * Where it may be: out of the sandbox's reach for writing (not beneath a
 * tree the command may write, now or once a round learns it), so that the
 * command cannot write or replace it.  It is written once, at the end,
 * created exclusively (or, when it existed and was extended, replaced by a
 * file made whole beside it, if it is still the file that was read).
 *
 * What it holds: the profiles the policy was built from, named as given
 * (profiles = ["build"];), not their rules; the other rules of the
 * starting policy and FILE's own, each with its comment; the learned ones,
 * each commented with the denial that taught it; $PWD, $HOME and $TMPDIR
 * written as variables; what is left to review, as comments.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "learn.h"
#include "log.h"
#include "policy_file.h"
#include "why.h"

/* ---- Where it is ---- */

static void read_text(struct learn_file *f)
{
	int fd = open(f->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t size = (size_t)f->st.st_size;
	ssize_t n;

	if (fd < 0)
		die_with_error("--learn: %s", f->name);
	f->text = xmalloc(size + 1);
	n = read(fd, f->text, size);
	close(fd);
	f->text[n > 0 ? n : 0] = '\0';
}

void learn_file_open(struct learn *ln)
{
	struct learn_file *f = &ln->file;
	const char *slash = strrchr(f->name, '/');
	char dir[PATH_MAX];
	const char *base = slash ? slash + 1 : f->name;

	snprintf(dir, sizeof(dir), "%.*s",
		 slash ? (int)(slash - f->name) + (slash == f->name) : 1,
		 slash ? f->name : ".");
	if (!base[0] || !strcmp(base, ".") || !strcmp(base, ".."))
		die("--learn: %s: expected a file name", f->name);
	if (!realpath(dir, f->dir) || access(f->dir, W_OK) < 0)
		die_with_error("--learn: %s: cannot write", f->name);
	if ((size_t)snprintf(f->path, sizeof(f->path), "%s/%s",
			     strcmp(f->dir, "/") ? f->dir : "",
			     base) >= sizeof(f->path))
		die("--learn: %s: name too long", f->name);
	if (lstat(f->path, &f->st) < 0) {
		if (errno != ENOENT)
			die_with_error("--learn: %s", f->name);
		return;
	}
	if (S_ISLNK(f->st.st_mode))
		die("--learn: %s: is a symbolic link: name the file itself",
		    f->name);
	if (!S_ISREG(f->st.st_mode))
		die("--learn: %s: not a regular file", f->name);
	f->existed = true;
	read_text(f);
	/* Extended, not replaced: its rules are the starting policy's. */
	if (policy_file_load(&ln->l->policy, f->path, NULL) < 0)
		die("%s (--learn extends the file it is given)",
		    ln->l->policy.err);
}

void learn_file_check_place(struct learn *ln)
{
	const struct learn_file *f = &ln->file;

	if (learn_may_write(ln, f->path))
		die("--learn: %s: the command could write there (beneath $PWD, "
		    "$TMPDIR or a tree the policy lets it write): name a file "
		    "elsewhere, e.g. ~/.config/landshim/profiles/NAME.conf",
		    f->name);
}

/* ---- Origins ---- */

/* "FILE:LINE": the file and the line, if @origin is a file's. */
static bool origin_file(const char *origin, char *file, unsigned *line)
{
	const char *colon = strrchr(origin, ':');
	char *end;
	unsigned long n;

	if (!colon || origin[0] != '/' || colon[1] < '0' || colon[1] > '9')
		return false;
	n = strtoul(colon + 1, &end, 10);
	if (*end)
		return false;
	snprintf(file, PATH_MAX, "%.*s", (int)(colon - origin), origin);
	*line = (unsigned)n;
	return true;
}

/* A list of distinct strings. */
struct names {
	char **v;
	size_t n;
};

static bool names_has(const struct names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return true;
	return false;
}

static void names_add(struct names *s, const char *name)
{
	if (names_has(s, name))
		return;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n++] = xstrdup(name);
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The files the paths of @p came from. */
static void origin_files(const struct policy *p, size_t npaths,
			 struct names *files)
{
	char file[PATH_MAX];
	unsigned line;

	for (size_t i = 0; i < npaths; i++)
		if (origin_file(p->paths[i].origin, file, &line))
			names_add(files, file);
}

/* ---- The profiles it was built from ---- */

struct profile {
	char *name;
	char *file;	    /* its own */
	struct names files; /* what loading it loads */
};

/* Is @file the profile of its name?  Then *@out holds what it loads. */
static bool as_profile(const char *file, struct profile *out)
{
	const char *base = strrchr(file, '/') + 1;
	size_t len = strlen(base);
	struct policy p;
	bool found;

	if (len <= 5 || strcmp(base + len - 5, ".conf") != 0)
		return false;
	out->name = xstrndup(base, len - 5);
	memset(&out->files, 0, sizeof(out->files));
	policy_init(&p);
	found = policy_file_load(&p, NULL, out->name) == 0;
	if (found)
		origin_files(&p, p.npaths, &out->files);
	policy_free(&p);
	if (found && names_has(&out->files, file)) {
		out->file = xstrdup(file);
		return true;
	}
	free(out->name);
	names_free(&out->files);
	return false;
}

struct profiles {
	struct profile *v;
	size_t n;
	struct names top;     /* the names to write, as given */
	struct names files;   /* every file they load */
	struct policy loaded; /* what they give, for ports and switches */
};

/* Named by another profile found: not one the user gave. */
static bool nested(const struct profiles *ps, size_t i)
{
	for (size_t j = 0; j < ps->n; j++)
		if (j != i && names_has(&ps->v[j].files, ps->v[i].file))
			return true;
	return false;
}

static void find_profiles(const struct learn *ln, struct profiles *ps)
{
	struct names files = { 0 };
	const struct policy *p = &ln->l->policy;

	memset(ps, 0, sizeof(*ps));
	policy_init(&ps->loaded);
	origin_files(p, ln->start_npaths, &files);
	for (size_t i = 0; i < files.n; i++) {
		struct profile pr;

		if (strcmp(files.v[i], ln->file.path) == 0 ||
		    !as_profile(files.v[i], &pr))
			continue;
		ps->v = xrealloc(ps->v, (ps->n + 1) * sizeof(*ps->v));
		ps->v[ps->n++] = pr;
	}
	for (size_t i = 0; i < ps->n; i++) {
		if (nested(ps, i))
			continue;
		names_add(&ps->top, ps->v[i].name);
		for (size_t j = 0; j < ps->v[i].files.n; j++)
			names_add(&ps->files, ps->v[i].files.v[j]);
		policy_file_load(&ps->loaded, NULL, ps->v[i].name);
	}
	names_free(&files);
}

static void free_profiles(struct profiles *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].name);
		free(ps->v[i].file);
		names_free(&ps->v[i].files);
	}
	free(ps->v);
	names_free(&ps->top);
	names_free(&ps->files);
	policy_free(&ps->loaded);
}

/* ---- Writing ---- */

/* A libconfig string's characters; '$' doubled, as variables expand. */
static void put_chars(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '$')
			fputs("$$", f);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\x%02x", ch);
		else
			fputc(ch, f);
	}
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	put_chars(f, s);
	fputc('"', f);
}

/* The variable a path is beneath, if any: the longest match. */
static const char *path_variable(const char *path, size_t *len)
{
	static const char *const names[] = { "PWD", "HOME", "TMPDIR" };
	const char *best = NULL;
	char value[PATH_MAX], real[PATH_MAX];

	*len = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		const char *v = strcmp(names[i], "PWD") == 0
				    ? getcwd(value, sizeof(value))
				    : getenv(names[i]);

		if (!v && strcmp(names[i], "TMPDIR") == 0)
			v = "/tmp";
		if (!v || v[0] != '/' || !strcmp(v, "/"))
			continue;
		for (int pass = 0; pass < 2; pass++) {
			const char *top = pass ? realpath(v, real) : v;
			size_t n = top ? strlen(top) : 0;

			if (top && n > *len && path_beneath(path, top)) {
				best = names[i];
				*len = n;
			}
		}
	}
	return best;
}

static void put_path(FILE *f, const char *path, bool optional)
{
	size_t len;
	const char *var = path_variable(path, &len);

	fputc('"', f);
	if (var)
		fprintf(f, "$%s", var);
	put_chars(f, path + len);
	if (optional)
		fputc('?', f);
	fputc('"', f);
}

/* A comment holds no newline: escaped like the report. */
static void put_comment(FILE *f, const char *text)
{
	char buf[1024];

	fprintf(f, "  # %s\n",
		denial_escape(text, strlen(text), buf, sizeof(buf)));
}

/* Line @line of @text, or NULL. */
static const char *line_of(const char *text, unsigned line)
{
	const char *s = text;

	for (unsigned n = 1; s && n < line; n++) {
		s = strchr(s, '\n');
		s = s ? s + 1 : NULL;
	}
	return s;
}

/* Does line @line start with @prefix, blanks aside? */
static bool line_starts(const char *text, unsigned line, const char *prefix)
{
	const char *s = line_of(text, line);

	if (!s)
		return false;
	s += strspn(s, " \t");
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The comment on line @line of @text, or NULL. */
static char *line_comment(const char *text, unsigned line)
{
	const char *s = line_of(text, line), *end, *hash;
	bool quoted = false;

	if (!s)
		return NULL;
	end = strchrnul(s, '\n');
	for (hash = s; hash < end; hash++) {
		if (*hash == '"' && (hash == s || hash[-1] != '\\'))
			quoted = !quoted;
		if (!quoted && *hash == '#')
			break;
	}
	if (hash >= end)
		return NULL;
	hash++;
	hash += strspn(hash, " \t");
	return xstrndup(hash, (size_t)(end - hash));
}

/* A rule's comment: its file's own, else where it came from. */
static char *comment_of(const struct learn *ln, const char *origin)
{
	char file[PATH_MAX];
	unsigned line;
	char *comment = NULL;

	if (origin_file(origin, file, &line) &&
	    strcmp(file, ln->file.path) == 0 && ln->file.text) {
		comment = line_comment(ln->file.text, line);
		/* libconfig may name the line after a list's last item. */
		if (!comment && line > 1 &&
		    line_starts(ln->file.text, line, "]"))
			comment = line_comment(ln->file.text, line - 1);
	}
	return comment ? comment : xstrdup(origin);
}

/* Does the file get this path?  Not a profile's, not launch_prepare's. */
static bool written_path(const struct learn *ln, const struct profiles *ps,
			 size_t i)
{
	const struct policy_path *pp = &ln->l->policy.paths[i];
	char file[PATH_MAX];
	unsigned line;

	if (i >= ln->start_npaths)
		return strncmp(pp->origin, "--learn round", 13) == 0;
	return !origin_file(pp->origin, file, &line) ||
	       !names_has(&ps->files, file);
}

static void put_paths(FILE *f, const struct learn *ln,
		      const struct profiles *ps)
{
	static const unsigned sets[] = { LL_SET_RO,   LL_SET_ROX,
					 LL_SET_RW,   LL_SET_RWX,
					 LL_SET_UNIX, LL_SET_DENY,
					 LL_SET_READ_ONLY };
	const struct policy *p = &ln->l->policy;

	for (size_t s = 0; s < sizeof(sets) / sizeof(*sets); s++) {
		size_t n = 0, last = 0;

		for (size_t i = 0; i < p->npaths; i++)
			if (p->paths[i].set == sets[s] &&
			    written_path(ln, ps, i)) {
				n++;
				last = i;
			}
		if (!n)
			continue;
		fprintf(f, "%s = [\n", rule_set_name(sets[s]));
		for (size_t i = 0; i < p->npaths; i++) {
			char *comment;

			if (p->paths[i].set != sets[s] ||
			    !written_path(ln, ps, i))
				continue;
			fputc('\t', f);
			put_path(f, p->paths[i].path, p->paths[i].optional);
			if (i != last)
				fputc(',', f);
			comment = comment_of(ln, p->paths[i].origin);
			put_comment(f, comment);
			free(comment);
		}
		fputs("];\n", f);
	}
}

/* One item of a port list, and its comment. */
struct port_item {
	unsigned port;
	const char *comment;
};

/* The ports of @spec ("80,443,8000-8100") not in @given, one by one. */
static size_t start_ports(const char *spec, const struct port_set *given,
			  struct port_item **items, size_t n)
{
	for (const char *s = spec; *s;) {
		char *end;
		unsigned long lo = strtoul(s, &end, 10), hi = lo;

		if (*end == '-')
			hi = strtoul(end + 1, &end, 10);
		for (unsigned long port = lo; port <= hi && port < 65536;
		     port++) {
			if (port_set_has(given, (unsigned)port))
				continue;
			*items = xrealloc(*items, (n + 1) * sizeof(**items));
			(*items)[n++] = (struct port_item){
			    (unsigned)port, "the starting policy" };
		}
		s = *end ? end + 1 : end;
	}
	return n;
}

static void put_ports(FILE *f, const struct learn *ln,
		      const struct profiles *ps, bool bind)
{
	struct port_item *items = NULL;
	size_t n = start_ports(bind ? ln->start_bind : ln->start_connect,
			       bind ? &ps->loaded.bind : &ps->loaded.connect,
			       &items, 0);

	for (size_t i = 0; i < ln->nports; i++) {
		if (ln->ports[i].bind != bind)
			continue;
		items = xrealloc(items, (n + 1) * sizeof(*items));
		items[n++] =
		    (struct port_item){ ln->ports[i].port, ln->ports[i].origin };
	}
	if (n)
		fprintf(f, "%s = [\n", bind ? "bind_tcp" : "connect_tcp");
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "\t\"%u\"%s", items[i].port, i + 1 < n ? "," : "");
		put_comment(f, items[i].comment);
	}
	if (n)
		fputs("];\n", f);
	free(items);
}

static void put_names(FILE *f, const char *key, unsigned bits,
		      const char *const *names, size_t nnames)
{
	bool first = true;

	if (!bits)
		return;
	fprintf(f, "%s = [", key);
	for (size_t i = 0; i < nnames; i++)
		if (bits & (1U << i)) {
			fprintf(f, "%s", first ? "" : ", ");
			put_string(f, names[i]);
			first = false;
		}
	fputs("];\n", f);
}

static void put_header(FILE *f, const struct learn *ln)
{
	char buf[PATH_MAX];

	fprintf(f, "# landshim --learn: %zu rule%s learned in %u run%s of\n#  ",
		ln->nlearned, ln->nlearned == 1 ? "" : "s", ln->round,
		ln->round == 1 ? "" : "s");
	for (char **a = ln->l->command; *a; a++)
		fprintf(f, " %s",
			denial_escape(*a, strlen(*a), buf, sizeof(buf)));
	fprintf(f, "\n# Its last run exited with status %d.\n",
		launch_exit_status(ln->status));
	fputs("# Each rule's comment says where it came from: an option, a "
	      "variable, a file\n# of the starting policy, or the denial "
	      "that taught it to --learn.\n# Use: landshim --config FILE -- "
	      "COMMAND, or LANDSHIM_CONFIG=FILE.\n\n",
	      f);
}

static void put_profiles(FILE *f, const struct profiles *ps)
{
	if (!ps->top.n)
		return;
	fputs("profiles = [", f);
	for (size_t i = 0; i < ps->top.n; i++) {
		fputs(i ? ", " : "", f);
		put_string(f, ps->top.v[i]);
	}
	fputs("];\n\n", f);
}

static void put_switches(FILE *f, const struct learn *ln,
			 const struct profiles *ps)
{
	static const char *const classes[] = { "filesystem", "network", "scope" };
	static const char *const flags[] = {
	    "disable-originating", "enable-subprocesses", "disable-subdomains" };
	const struct policy *p = &ln->l->policy, *given = &ps->loaded;

	put_names(f, "unrestricted", p->unrestricted & ~given->unrestricted,
		  classes, 3);
	put_names(f, "log_flags", ln->start_flags & ~given->restrict_flags,
		  flags, 3);
	if (ln->start_add_exec && !given->add_exec)
		fputs("add_exec = true;\n", f);
	if (ln->start_ldd && !given->ldd)
		fputs("ldd = true;\n", f);
	if (p->ignore_missing && !given->ignore_missing)
		fputs("ignore_missing = true;\n", f);
	if (p->strict && !given->strict)
		fputs("strict = true;\n", f);
	if (p->allow_unsandboxed && !given->allow_unsandboxed)
		fputs("allow_unsandboxed = true;\n", f);
}

static void put_reviews(FILE *f, const struct learn *ln)
{
	char buf[1024];

	if (!ln->nreviews)
		return;
	fputs("\n# Not learned: yours to decide (add by hand what you "
	      "trust):\n",
	      f);
	for (size_t i = 0; i < ln->nreviews; i++) {
		const struct review *r = &ln->reviews[i];

		fprintf(f, "#   %s",
			denial_escape(r->option, strlen(r->option), buf,
				      sizeof(buf)));
		fprintf(f, "  (%s: ",
			denial_escape(r->denial, strlen(r->denial), buf,
				      sizeof(buf)));
		fprintf(f, "%s)\n", r->why);
	}
}

static void put_config(FILE *f, const struct learn *ln)
{
	struct profiles ps;

	find_profiles(ln, &ps);
	put_header(f, ln);
	put_profiles(f, &ps);
	put_paths(f, ln, &ps);
	put_ports(f, ln, &ps, true);
	put_ports(f, ln, &ps, false);
	put_switches(f, ln, &ps);
	put_reviews(f, ln);
	free_profiles(&ps);
}

/* ---- Into place ---- */

/* Is FILE still the one that was read (or still absent)? */
static bool unchanged(const struct learn_file *f)
{
	struct stat st;

	if (lstat(f->path, &st) < 0)
		return !f->existed && errno == ENOENT;
	return f->existed && S_ISREG(st.st_mode) && st.st_dev == f->st.st_dev &&
	       st.st_ino == f->st.st_ino && st.st_size == f->st.st_size &&
	       st.st_mtim.tv_sec == f->st.st_mtim.tv_sec &&
	       st.st_mtim.tv_nsec == f->st.st_mtim.tv_nsec;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A new file: created exclusively, never through a link. */
static int create_new(const struct learn_file *f, const char *buf, size_t len)
{
	int fd =
	    open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		 0644);
	int ret;

	if (fd < 0)
		return -1;
	ret = write_all(fd, buf, len);
	if (close(fd) < 0 || ret < 0) {
		unlink(f->path);
		return -1;
	}
	return 0;
}

/* The file made whole, nameless, then named beside FILE, then moved over
 * it (rename replaces the name, never follows it). */
static int replace(const struct learn_file *f, const char *buf, size_t len)
{
	char tmp[PATH_MAX + 32], fdpath[64];
	int fd = open(f->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	int ret = -1;

	snprintf(tmp, sizeof(tmp), "%s.landshim-%d", f->path, (int)getpid());
	if (fd < 0) /* no O_TMPFILE here: an exclusive name instead */
		fd = open(tmp,
			  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			  0644);
	else if (write_all(fd, buf, len) == 0) {
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
		if (linkat(AT_FDCWD, fdpath, AT_FDCWD, tmp,
			   AT_SYMLINK_FOLLOW) == 0)
			ret = rename(tmp, f->path);
		close(fd);
		if (ret < 0)
			unlink(tmp);
		return ret;
	}
	if (fd < 0)
		return -1;
	if (write_all(fd, buf, len) == 0 && close(fd) == 0)
		ret = rename(tmp, f->path);
	else
		close(fd);
	if (ret < 0)
		unlink(tmp);
	return ret;
}

void learn_file_write(struct learn *ln)
{
	const struct learn_file *f = &ln->file;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int ret;

	if (!mem)
		die_with_error("--learn: %s", f->name);
	put_config(mem, ln);
	if (fclose(mem) != 0)
		die_with_error("--learn: %s", f->name);
	if (!unchanged(f)) {
		fwrite(buf, 1, len, stdout);
		fflush(stdout);
		die("--learn: %s: %s during the run: not replaced; what was "
		    "learned is on standard output",
		    f->name, f->existed ? "changed" : "created by another");
	}
	ret = f->existed ? replace(f, buf, len) : create_new(f, buf, len);
	if (ret < 0) {
		int err = errno;

		fwrite(buf, 1, len, stdout);
		fflush(stdout);
		errno = err;
		die_with_error("--learn: %s: cannot write (what was learned is "
			       "on standard output)",
			       f->name);
	}
	free(buf);
}
