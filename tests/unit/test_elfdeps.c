// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ELF dependency resolver: real programs, the fixtures of
 * tests/helpers/elfdeps (RUNPATH, RPATH, LD_LIBRARY_PATH, static),
 * synthetic ELF files and ld.so caches for the corner cases, and truncated
 * or corrupted files that must give an error, never a crash.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "elfdeps.h"
#include "log.h"
#include "tap.h"

#define FIXTURES     ABS_TOP_BUILDDIR "/tests/helpers/elfdeps"
#define FIXTURE_LIBS FIXTURES "/.libs"

static char tmp[] = "/tmp/test-elfdeps.XXXXXX";
static char err[1024];

/* What elf_deps reported, in order. */
struct deps {
	char *path[64];
	struct stat st[64];
	size_t n;
	int duplicates; /* the same file reported twice */
	int relative;	/* a path that is not absolute */
};

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int collect(const char *path, void *arg)
{
	struct deps *d = arg;
	struct stat st;

	if (stat(path, &st) != 0)
		die_with_error("%s: reported, but", path);
	for (size_t i = 0; i < d->n; i++)
		d->duplicates += d->st[i].st_dev == st.st_dev &&
				 d->st[i].st_ino == st.st_ino;
	d->relative += path[0] != '/';
	if (d->n < sizeof(d->path) / sizeof(d->path[0])) {
		d->st[d->n] = st;
		d->path[d->n++] = xstrdup(path);
	}
	return 0;
}

static void deps_free(struct deps *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->path[i]);
	memset(d, 0, sizeof(*d));
}

static int deps_of(const char *prog, const char *llp, struct deps *d)
{
	deps_free(d);
	err[0] = '\0';
	return elf_deps(prog, llp, collect, d, err, sizeof(err));
}

/* The reported file that is the same file as path, or NULL. */
static const char *find_file(const struct deps *d, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (same_file(d->path[i], path))
			return d->path[i];
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool has_base(const struct deps *d, const char *name)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(base_name(d->path[i]), name) == 0)
			return true;
	return false;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* An error is one non-empty line. */
static bool one_line(const char *s)
{
	return s[0] != '\0' && !strchr(s, '\n');
}

/* name under the temporary directory (in one of a few static buffers). */
static const char *tmp_path(const char *name)
{
	static char paths[4][PATH_MAX];
	static unsigned int next;
	char *p = paths[next++ % 4];

	if (snprintf(p, PATH_MAX, "%s/%s", tmp, name) >= PATH_MAX)
		die("%s: name too long", name);
	return p;
}

static unsigned char *read_file(const char *path, size_t *size)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0)
		die_with_error("%s", path);
	*size = (size_t)st.st_size;
	buf = xmalloc(*size);
	if (read(fd, buf, *size) != (ssize_t)*size)
		die_with_error("%s: short read", path);
	close(fd);
	return buf;
}

/* Create name under the temporary directory (and its parents). */
static char *write_tmp(const char *name, const void *buf, size_t size,
		       mode_t mode)
{
	char *path = xstrdup(tmp_path(name));
	int fd;

	for (char *s = strchr(path + strlen(tmp) + 1, '/'); s;
	     s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			die_with_error("%s", path);
		*s = '/';
	}
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0 || write(fd, buf, size) != (ssize_t)size || close(fd))
		die_with_error("%s", path);
	return path;
}

static char *copy_to_tmp(const char *from, const char *name)
{
	size_t size;
	unsigned char *buf = read_file(from, &size);
	char *path = write_tmp(name, buf, size, 0755);

	free(buf);
	return path;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The interpreter and ELF identity of this test program. */
static char host_interp[PATH_MAX];
static struct elf_info host;

static void learn_host(void)
{
	struct deps d = {0};

	if (elf_inspect("/proc/self/exe", &host, err, sizeof(err)) != 0 ||
	    deps_of("/proc/self/exe", NULL, &d) != 0 || d.n == 0)
		die("cannot inspect the test program: %s", err);
	snprintf(host_interp, sizeof(host_interp), "%s", d.path[0]);
	deps_free(&d);
}

/*
 * A synthetic 64-bit ELF file of the host's byte order: one PT_LOAD mapping
 * the whole file at address 0, PT_INTERP if interp, PT_DYNAMIC with the
 * given entries.  Enough for the resolver, which reads nothing else.
 */
struct syn {
	uint16_t machine; /* 0: the host's */
	const char *interp;
	const char *soname, *rpath, *runpath;
	const char *const *needed; /* NULL-terminated */
	uint64_t flags_1;
};

struct strtab {
	char buf[65536];
	size_t len;
};

static uint64_t strtab_add(struct strtab *t, const char *s)
{
	uint64_t off = t->len;

	memcpy(t->buf + t->len, s, strlen(s) + 1);
	t->len += strlen(s) + 1;
	return off;
}

static void dyn_add(Elf64_Dyn *dyn, size_t *n, int64_t tag, uint64_t val)
{
	dyn[*n].d_tag = tag;
	dyn[*n].d_un.d_val = val;
	(*n)++;
}

static size_t syn_dynamic(const struct syn *s, struct strtab *t, Elf64_Dyn *dyn)
{
	size_t n = 0;

	t->len = 1; /* offset 0 is the empty string */
	for (size_t i = 0; s->needed && s->needed[i]; i++)
		dyn_add(dyn, &n, DT_NEEDED, strtab_add(t, s->needed[i]));
	if (s->soname)
		dyn_add(dyn, &n, DT_SONAME, strtab_add(t, s->soname));
	if (s->rpath)
		dyn_add(dyn, &n, DT_RPATH, strtab_add(t, s->rpath));
	if (s->runpath)
		dyn_add(dyn, &n, DT_RUNPATH, strtab_add(t, s->runpath));
	if (s->flags_1)
		dyn_add(dyn, &n, DT_FLAGS_1, s->flags_1);
	dyn_add(dyn, &n, DT_STRTAB, 0); /* set once placed */
	dyn_add(dyn, &n, DT_STRSZ, t->len);
	dyn_add(dyn, &n, DT_NULL, 0);
	return n;
}

/* Build s into a new buffer of *size bytes. */
static unsigned char *syn_build(const struct syn *s, size_t *size)
{
	static Elf64_Dyn dyn[2048];
	static struct strtab t;
	size_t ndyn = syn_dynamic(s, &t, dyn), nph = s->interp ? 3 : 2;
	size_t interp_at = sizeof(Elf64_Ehdr) + nph * sizeof(Elf64_Phdr);
	size_t interp_len = s->interp ? strlen(s->interp) + 1 : 0;
	size_t dyn_at = (interp_at + interp_len + 7) & ~(size_t)7;
	size_t str_at = dyn_at + ndyn * sizeof(Elf64_Dyn);
	unsigned char *img;
	Elf64_Ehdr eh = {
	    .e_type = ET_DYN,
	    .e_machine = s->machine ? s->machine : host.machine,
	    .e_version = EV_CURRENT,
	    .e_phoff = sizeof(Elf64_Ehdr),
	    .e_ehsize = sizeof(Elf64_Ehdr),
	    .e_phentsize = sizeof(Elf64_Phdr),
	    .e_phnum = (Elf64_Half)nph,
	};
	Elf64_Phdr ph[3] = {
	    {.p_type = PT_LOAD, .p_filesz = str_at + t.len},
	    {.p_type = PT_DYNAMIC,
	     .p_offset = dyn_at,
	     .p_vaddr = dyn_at,
	     .p_filesz = ndyn * sizeof(Elf64_Dyn)},
	    {.p_type = PT_INTERP,
	     .p_offset = interp_at,
	     .p_vaddr = interp_at,
	     .p_filesz = interp_len},
	};

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				  ? ELFDATA2LSB
				  : ELFDATA2MSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	dyn[ndyn - 3].d_un.d_val = str_at;
	*size = str_at + t.len;
	img = xcalloc(1, *size);
	memcpy(img, &eh, sizeof(eh));
	memcpy(img + eh.e_phoff, ph, nph * sizeof(Elf64_Phdr));
	if (s->interp)
		memcpy(img + interp_at, s->interp, interp_len);
	memcpy(img + dyn_at, dyn, ndyn * sizeof(Elf64_Dyn));
	memcpy(img + str_at, t.buf, t.len);
	return img;
}

static char *syn_write(const char *name, const struct syn *s)
{
	size_t size;
	unsigned char *img = syn_build(s, &size);
	char *path = write_tmp(name, img, size, 0755);

	free(img);
	return path;
}

/* A synthetic program: the host's interpreter, needing what s says. */
static char *syn_program(const char *name, struct syn s)
{
	s.interp = host_interp;
	return syn_write(name, &s);
}

/* A 32-bit ELF header alone: another class for the resolver. */
static void write_elf32_stub(const char *name)
{
	Elf32_Ehdr eh = {
	    .e_type = ET_DYN,
	    .e_machine = EM_386,
	    .e_version = EV_CURRENT,
	    .e_ehsize = sizeof(Elf32_Ehdr),
	    .e_phentsize = sizeof(Elf32_Phdr),
	};

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	free(write_tmp(name, &eh, sizeof(eh), 0644));
}

static void test_true(void)
{
	struct elf_info info;
	struct deps d = {0};

	is_int(elf_inspect("/usr/bin/true", &info, err, sizeof(err)), 0,
	       "inspect /usr/bin/true");
	ok(info.is_elf && !info.is_static, "/usr/bin/true: dynamic ELF");
	is_int(deps_of("/usr/bin/true", NULL, &d), 0, "deps of /usr/bin/true");
	is_int(d.n, 2, "/usr/bin/true needs the interpreter and libc");
	ok(d.n > 0 && starts_with(base_name(d.path[0]), "ld-linux"),
	   "the interpreter comes first");
	ok(has_base(&d, "libc.so.6"), "libc.so.6 found");
	is_int(d.relative, 0, "all paths absolute");
	is_int(d.duplicates, 0, "each file once");
	deps_free(&d);
}

static void test_static(void)
{
	struct elf_info info;
	struct deps d = {0};

	is_int(elf_inspect(FIXTURES "/edfix-static", &info, err, sizeof(err)),
	       0, "inspect the static fixture");
	ok(info.is_elf && info.is_static, "static fixture: static ELF");
	is_int(deps_of(FIXTURES "/edfix-static", NULL, &d), 0,
	       "deps of a static program");
	is_int(d.n, 0, "a static program needs nothing");
	deps_free(&d);
}

static void test_runpath_origin(void)
{
	struct deps d = {0};
	char *prog, *lib, *llp_lib;
	const char *found;

	is_int(deps_of(FIXTURES "/edfix-runpath", NULL, &d), 0,
	       "RUNPATH $ORIGIN fixture resolves");
	found = find_file(&d, FIXTURE_LIBS "/libedfix_a.so");
	is_str(found, FIXTURES "/.libs/libedfix_a.so",
	       "found through $ORIGIN/.libs");

	/* Moved elsewhere, $ORIGIN follows it. */
	prog = copy_to_tmp(FIXTURES "/edfix-runpath", "origin/bin/prog");
	lib = copy_to_tmp(FIXTURE_LIBS "/libedfix_a.so",
			  "origin/bin/.libs/libedfix_a.so");
	is_int(deps_of(prog, NULL, &d), 0, "copied RUNPATH program resolves");
	ok(find_file(&d, lib), "the library next to the copy is used");
	ok(!find_file(&d, FIXTURE_LIBS "/libedfix_a.so"),
	   "not the build tree's");

	/* Started through a symlink, $ORIGIN is the real file's directory. */
	if (symlink(prog, tmp_path("origin/link")) != 0)
		die_with_error("symlink");
	is_int(deps_of(tmp_path("origin/link"), NULL, &d), 0,
	       "RUNPATH program through a symlink resolves");
	ok(find_file(&d, lib), "$ORIGIN is the symlink target's directory");

	/* LD_LIBRARY_PATH comes before DT_RUNPATH. */
	llp_lib = copy_to_tmp(FIXTURE_LIBS "/libedfix_a.so",
			      "origin/llp/libedfix_a.so");
	is_int(deps_of(prog, tmp_path("origin/llp"), &d), 0,
	       "RUNPATH program with LD_LIBRARY_PATH resolves");
	ok(find_file(&d, llp_lib) && !find_file(&d, lib),
	   "LD_LIBRARY_PATH wins over RUNPATH");
	deps_free(&d);
	free(prog);
	free(lib);
	free(llp_lib);
}

static void test_rpath(void)
{
	static const char *const want[] = {"libedfix_b.so", "libc.so.6",
					   "libedfix_a.so"};
	struct deps d = {0};
	char *llp_lib;

	is_int(deps_of(FIXTURES "/edfix-rpath", NULL, &d), 0,
	       "RPATH ${ORIGIN} fixture resolves");
	is_int(d.n, 4, "interpreter, B, libc, A");
	for (size_t i = 0; i < 3 && i + 1 < d.n; i++)
		is_str(base_name(d.path[i + 1]), want[i],
		       "breadth first, in DT_NEEDED order");
	ok(find_file(&d, FIXTURE_LIBS "/libedfix_a.so"),
	   "A, needed by B, found through the program's RPATH");
	is_int(d.duplicates, 0,
	       "each file once (libc needs ld-linux: its soname)");

	llp_lib = copy_to_tmp(FIXTURE_LIBS "/libedfix_a.so",
			      "rpath/llp/libedfix_a.so");
	is_int(deps_of(FIXTURES "/edfix-rpath", tmp_path("rpath/llp"), &d), 0,
	       "RPATH program with LD_LIBRARY_PATH resolves");
	ok(find_file(&d, FIXTURE_LIBS "/libedfix_a.so") &&
	       !find_file(&d, llp_lib),
	   "RPATH wins over LD_LIBRARY_PATH");
	deps_free(&d);
	free(llp_lib);
}

static void test_runpath_chain(void)
{
	struct deps d = {0};

	is_int(deps_of(FIXTURES "/edfix-runpath-chain", NULL, &d), -1,
	       "RUNPATH does not serve the libraries' needs");
	is_str(err,
	       "libedfix_a.so: not found (needed by " FIXTURE_LIBS
	       "/libedfix_b.so)",
	       "the error names the library and who needs it");
	is_int(deps_of(FIXTURES "/edfix-runpath-chain", FIXTURE_LIBS, &d), 0,
	       "found with LD_LIBRARY_PATH");
	deps_free(&d);
}

static void test_ld_library_path(void)
{
	const char *prog = FIXTURES "/edfix-plain";
	struct deps d = {0};
	char *llp = NULL;

	is_int(deps_of(prog, NULL, &d), -1, "no LD_LIBRARY_PATH: not found");
	is_str(err,
	       "libedfix_a.so: not found (needed by " FIXTURES "/edfix-plain)",
	       "the error names the missing library");
	is_int(deps_of(prog, "", &d), -1, "empty LD_LIBRARY_PATH: ignored");
	is_int(deps_of(prog, "/nonexistent:" FIXTURE_LIBS, &d), 0,
	       "found through LD_LIBRARY_PATH");
	ok(find_file(&d, FIXTURE_LIBS "/libedfix_a.so"), "the right file");
	is_int(deps_of(prog, "/nonexistent;" FIXTURE_LIBS, &d), 0,
	       "';' separates LD_LIBRARY_PATH too");

	/* Incompatible libraries found first are skipped, as ld.so does. */
	write_elf32_stub("llp/elf32/libedfix_a.so");
	free(syn_write("llp/arm/libedfix_a.so",
		       &(struct syn){.machine = host.machine == EM_AARCH64
						    ? EM_X86_64
						    : EM_AARCH64}));
	if (asprintf(&llp, "%s/llp/elf32:%s/llp/arm:%s", tmp, tmp,
		     FIXTURE_LIBS) < 0)
		die("out of memory");
	is_int(deps_of(prog, llp, &d), 0, "other class and machine skipped");
	ok(find_file(&d, FIXTURE_LIBS "/libedfix_a.so"),
	   "the compatible library is used");
	free(llp);

	/* A non-ELF file found first is an error (ld.so fails on it). */
	free(write_tmp("llp/text/libedfix_a.so", "#!/bin/sh\n", 10, 0644));
	if (asprintf(&llp, "%s/llp/text:%s", tmp, FIXTURE_LIBS) < 0)
		die("out of memory");
	is_int(deps_of(prog, llp, &d), -1, "a non-ELF library is an error");
	ok(strstr(err, "/llp/text/libedfix_a.so: not an ELF file"),
	   "the error names that file");
	free(llp);
	deps_free(&d);
}

static void test_not_elf(void)
{
	struct elf_info info;
	struct deps d = {0};
	char *script = write_tmp("script.sh", "#!/bin/sh\necho hi\n", 18, 0755);
	char *want;

	is_int(elf_inspect(script, &info, err, sizeof(err)), 0,
	       "inspect a script");
	ok(!info.is_elf && !info.is_static, "a script is not ELF");
	is_int(deps_of(script, NULL, &d), -1, "deps of a script: error");
	if (asprintf(&want, "%s: not an ELF file", script) < 0)
		die("out of memory");
	is_str(err, want, "the error says so, naming the file");
	free(want);

	is_int(deps_of("/nonexistent/prog", NULL, &d), -1,
	       "deps of a missing file: error");
	is_str(err, "/nonexistent/prog: No such file or directory",
	       "the error names the file");
	is_int(elf_inspect(tmp, &info, err, sizeof(err)), -1,
	       "inspect a directory: error");
	ok(strstr(err, "not a regular file"), "it says why");
	free(script);
	deps_free(&d);
}

/* A copy of the RPATH fixture tree (program and both libraries) under dir. */
static char *copy_rpath_tree(const char *dir)
{
	char name[256];

	snprintf(name, sizeof(name), "%s/.libs/libedfix_a.so", dir);
	free(copy_to_tmp(FIXTURE_LIBS "/libedfix_a.so", name));
	snprintf(name, sizeof(name), "%s/.libs/libedfix_b.so", dir);
	free(copy_to_tmp(FIXTURE_LIBS "/libedfix_b.so", name));
	snprintf(name, sizeof(name), "%s/prog", dir);
	return copy_to_tmp(FIXTURES "/edfix-rpath", name);
}

/* Either the full answer (want entries) or one error line naming a file
 * of the tree. */
static bool sane_result(int rc, const struct deps *d, size_t want,
			const char *dir)
{
	if (rc == 0)
		return d->n == want && d->duplicates == 0;
	return rc == -1 && one_line(err) && strstr(err, dir);
}

static void truncate_and_check(const char *dir, const char *victim, size_t want)
{
	size_t size, bad = 0, errors = 0;
	unsigned char *orig = read_file(tmp_path(victim), &size);
	struct deps d = {0};
	char *prog = xstrdup(tmp_path("trunc/prog"));

	for (size_t len = 0; len < size; len += len < 1024 ? 7 : 211) {
		int rc;

		free(write_tmp(victim, orig, len, 0755));
		rc = deps_of(prog, NULL, &d);
		errors += rc != 0;
		if (!sane_result(rc, &d, want, dir) && bad++ == 0)
			printf("# cut at %zu: rc %d, %s\n", len, rc, err);
	}
	free(write_tmp(victim, orig, size, 0755));
	is_int(bad, 0, "truncated copies: full answer or one-line error");
	ok(errors > 0, "and the cut headers gave errors");
	deps_free(&d);
	free(orig);
	free(prog);
}

static void test_truncated(void)
{
	size_t size, bad = 0;
	unsigned char *img = read_file(FIXTURES "/edfix-rpath", &size);
	struct elf_info info;
	struct deps d = {0};
	char *prog;

	for (size_t len = 0; len <= size; len++) {
		int rc =
		    elf_parse_image(img, len, "img", &info, err, sizeof(err));
		bool want_error = len >= SELFMAG && len < sizeof(Elf64_Ehdr);

		if (rc == 0 ? want_error || info.is_elf != (len >= SELFMAG)
			    : rc != -1 || !starts_with(err, "img: ") ||
				  !one_line(err))
			bad++;
	}
	is_int(bad, 0, "every prefix of an ELF image parses or fails cleanly");
	free(img);

	prog = copy_rpath_tree("trunc");
	is_int(deps_of(prog, NULL, &d), 0, "the copied tree resolves");
	is_int(d.n, 4, "to four files");
	truncate_and_check(tmp, "trunc/prog", d.n);
	truncate_and_check(tmp, "trunc/.libs/libedfix_b.so", d.n);
	deps_free(&d);
	free(prog);
}

static uint32_t rnd_state = 2463534242U;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* Flip 1 to 4 bytes, half the time in the headers. */
static void flip_bytes(unsigned char *buf, size_t size)
{
	for (uint32_t n = rnd() % 4 + 1; n > 0; n--) {
		size_t at = rnd() % 2 ? rnd() % 512 : rnd() % size;

		buf[at % size] ^= (unsigned char)(rnd() % 255 + 1);
	}
}

static void test_flipped(void)
{
	size_t size, bad = 0, errors = 0;
	unsigned char *orig = read_file(FIXTURES "/edfix-rpath", &size);
	unsigned char *buf = xmalloc(size);
	struct elf_info info;
	struct deps d = {0};
	char *prog = copy_rpath_tree("flip");

	for (int i = 0; i < 20000; i++) {
		int rc;

		memcpy(buf, orig, size);
		flip_bytes(buf, size);
		rc = elf_parse_image(buf, size, "img", &info, err, sizeof(err));
		if (rc != 0 &&
		    (rc != -1 || !starts_with(err, "img: ") || !one_line(err)))
			bad++;
	}
	is_int(bad, 0, "corrupted images parse or fail cleanly");

	for (int i = 0; i < 400; i++) {
		int rc;

		memcpy(buf, orig, size);
		flip_bytes(buf, size);
		free(write_tmp("flip/prog", buf, size, 0755));
		rc = deps_of(prog, NULL, &d);
		errors += rc != 0;
		if (rc != 0 && (rc != -1 || !one_line(err)))
			bad++;
	}
	is_int(bad, 0, "corrupted programs resolve or fail with one line");
	ok(errors > 0, "and some of them failed");
	deps_free(&d);
	free(orig);
	free(buf);
	free(prog);
}

static void test_synthetic_parse(void)
{
	static const char *const needed[] = {"libx.so.1", "liby.so.2", NULL};
	static const char *const empty[] = {"", NULL};
	static const char *many[1026];
	struct elf_info info;
	Elf64_Dyn *dyn;
	size_t size;
	unsigned char *img;

	img = syn_build(&(struct syn){.interp = "/lib/ld.so",
				      .needed = needed,
				      .runpath = "$ORIGIN"},
			&size);
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), 0,
	       "synthetic image parses");
	ok(info.is_elf && !info.is_static, "dynamic");
	img[size - 1] = 'x'; /* the last string, DT_RUNPATH, unterminated */
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "unterminated string table entry");
	is_str(err, "syn: DT_RUNPATH too long or not terminated",
	       "named in the error");
	free(img);

	/* No program headers or interpreter: the dynamic entries follow
	 * PT_LOAD and PT_DYNAMIC; the first is DT_NEEDED. */
	img = syn_build(&(struct syn){.needed = needed}, &size);
	dyn = (Elf64_Dyn *)(void *)(img + sizeof(Elf64_Ehdr) +
				    2 * sizeof(Elf64_Phdr));
	dyn->d_un.d_val = UINT64_MAX;
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "DT_NEEDED string offset UINT64_MAX");
	is_str(err, "syn: DT_NEEDED out of bounds", "named in the error");
	free(img);

	img = syn_build(&(struct syn){.needed = empty}, &size);
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "empty DT_NEEDED");
	is_str(err, "syn: empty DT_NEEDED", "named in the error");
	free(img);

	for (size_t i = 0; i < 1025; i++)
		many[i] = "libm.so.6";
	img = syn_build(&(struct syn){.needed = many}, &size);
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "1025 DT_NEEDED entries");
	is_str(err, "syn: more than 1024 DT_NEEDED entries", "is too many");
	free(img);

	img = syn_build(&(struct syn){.needed = needed}, &size);
	img[EI_VERSION] = 0;
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "unknown ELF version");
	is_str(err, "syn: unknown ELF version 0", "named in the error");
	img[EI_VERSION] = EV_CURRENT;
	img[EI_CLASS] = 3;
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "unknown ELF class");
	img[EI_CLASS] = ELFCLASS64;
	((Elf64_Ehdr *)(void *)img)->e_phentsize = 20;
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "bad e_phentsize");
	((Elf64_Ehdr *)(void *)img)->e_phentsize = sizeof(Elf64_Phdr);
	((Elf64_Ehdr *)(void *)img)->e_phoff = UINT64_MAX - 8;
	is_int(elf_parse_image(img, size, "syn", &info, err, sizeof(err)), -1,
	       "program headers past the end (offset overflow)");
	is_str(err, "syn: program headers out of bounds", "named as such");
	free(img);
}

/* DT_NEEDED names with a slash are paths, not searched. */
static void test_needed_paths(void)
{
	static const char *const slash[] = {"$ORIGIN/sub/libslash.so",
					    "rel/librel.so", NULL};
	struct deps d = {0};
	char cwd[PATH_MAX], *prog;

	prog = syn_program("syn/slash/prog", (struct syn){.needed = slash});
	free(syn_write("syn/slash/sub/libslash.so", &(struct syn){0}));
	free(syn_write("syn/slash/rel/librel.so", &(struct syn){0}));
	if (!getcwd(cwd, sizeof(cwd)) || chdir(tmp_path("syn/slash")) != 0)
		die_with_error("chdir");
	is_int(deps_of(prog, NULL, &d), 0,
	       "DT_NEEDED paths: $ORIGIN and relative to the cwd");
	ok(find_file(&d, tmp_path("syn/slash/sub/libslash.so")) &&
	       find_file(&d, tmp_path("syn/slash/rel/librel.so")),
	   "both found");
	is_int(d.relative, 0, "reported as absolute paths");
	if (chdir(cwd) != 0)
		die_with_error("chdir");
	free(prog);
	deps_free(&d);
}

static void test_loaded_once(void)
{
	static const char *const soname[] = {"libsyn1.so", "libsyn-soname.so",
					     NULL};
	static const char *const cycle[] = {"libcyc1.so", NULL};
	static const char *const cyc1[] = {"libcyc2.so", NULL};
	static const char *const cyc2[] = {"libcyc1.so", "libc.so.6", NULL};
	struct deps d = {0};
	char *prog;

	prog =
	    syn_program("syn/soname/prog",
			(struct syn){.needed = soname, .runpath = "$ORIGIN"});
	free(syn_write("syn/soname/libsyn1.so",
		       &(struct syn){.soname = "libsyn-soname.so"}));
	is_int(deps_of(prog, NULL, &d), 0,
	       "a name matching a loaded DT_SONAME is not searched");
	is_int(d.n, 2, "interpreter and libsyn1.so");
	free(prog);

	prog = syn_program("syn/cycle/prog",
			   (struct syn){.needed = cycle, .runpath = "$ORIGIN"});
	free(syn_write("syn/cycle/libcyc1.so",
		       &(struct syn){.needed = cyc1, .runpath = "$ORIGIN"}));
	free(syn_write("syn/cycle/libcyc2.so",
		       &(struct syn){.needed = cyc2, .runpath = "$ORIGIN"}));
	is_int(deps_of(prog, NULL, &d), 0, "a dependency cycle resolves");
	is_int(d.n, 4, "interpreter, libcyc1, libcyc2, libc: once each");
	free(prog);
	deps_free(&d);
}

static void test_rpath_rules(void)
{
	static const char *const libr[] = {"libr.so", NULL};
	static const char *const libq[] = {"libq.so", NULL};
	struct deps d = {0};
	char *prog;

	/* A loader with DT_RUNPATH cuts the RPATH chain of its loaders. */
	prog = syn_program("syn/cut/prog",
			   (struct syn){.needed = libr, .rpath = "$ORIGIN/x"});
	free(syn_write("syn/cut/x/libr.so",
		       &(struct syn){.needed = libq, .runpath = "/none"}));
	free(syn_write("syn/cut/x/libq.so", &(struct syn){0}));
	is_int(deps_of(prog, NULL, &d), -1,
	       "RPATH chain not searched for a RUNPATH loader");
	ok(starts_with(err, "libq.so: not found (needed by "), "libq missing");
	free(prog);

	/* An object with both ignores its DT_RPATH, also for its loadees. */
	prog =
	    syn_program("syn/both/prog", (struct syn){.needed = libr,
						      .rpath = "$ORIGIN/y",
						      .runpath = "$ORIGIN/z"});
	free(syn_write("syn/both/z/libr.so", &(struct syn){.needed = libq}));
	free(syn_write("syn/both/y/libq.so", &(struct syn){0}));
	is_int(deps_of(prog, NULL, &d), -1, "DT_RPATH ignored with DT_RUNPATH");
	ok(starts_with(err, "libq.so: not found (needed by "), "libq missing");
	free(prog);
	deps_free(&d);
}

/* Names from a file cannot break the one-line error. */
static void test_error_one_line(void)
{
	static const char *const odd[] = {"lib\nlandshim: fake\033[2J.so",
					  NULL};
	struct deps d = {0};
	char *prog = syn_program("syn/odd/prog", (struct syn){.needed = odd});

	is_int(deps_of(prog, NULL, &d), -1, "a library name with controls");
	ok(one_line(err) && !strchr(err, '\033'), "error on one clean line");
	ok(starts_with(err, "lib?landshim: fake?[2J.so: not found"),
	   "control characters shown as '?'");
	free(prog);
	deps_free(&d);
}

static void test_nodeflib(void)
{
	static const char *const libc[] = {"libc.so.6", NULL};
	struct deps d = {0};
	char *prog;

	prog =
	    syn_program("syn/nodeflib/prog",
			(struct syn){.needed = libc, .flags_1 = DF_1_NODEFLIB});
	is_int(deps_of(prog, NULL, &d), -1,
	       "DF_1_NODEFLIB: no cache, no default directories");
	ok(starts_with(err, "libc.so.6: not found"), "libc not found");
	free(prog);
	deps_free(&d);
}

static void test_lib_platform(void)
{
	static const char *const dsts[] = {"libsynl.so", "libsynp.so", NULL};
	struct deps d = {0};
	struct utsname u;
	char lib[PATH_MAX], *prog;

	uname(&u);
	prog = syn_program("syn/dst/prog",
			   (struct syn){.needed = dsts,
					.runpath = "${ORIGIN}/$LIB:"
						   "$ORIGIN/p/${PLATFORM}"});
	snprintf(lib, sizeof(lib), "syn/dst/lib/%s-linux-gnu/libsynl.so",
		 u.machine);
	free(syn_write(lib, &(struct syn){0}));
	snprintf(lib, sizeof(lib), "syn/dst/p/%s/libsynp.so", u.machine);
	free(syn_write(lib, &(struct syn){0}));
	is_int(deps_of(prog, NULL, &d), 0, "$LIB and $PLATFORM expanded");
	ok(has_base(&d, "libsynl.so") && has_base(&d, "libsynp.so"),
	   "both found");
	free(prog);
	deps_free(&d);
}

#ifdef __x86_64__
static void test_hwcaps(void)
{
	static const char *const needed[] = {"libhw.so", NULL};
	struct deps d = {0};
	char *prog = syn_program("hw/prog", (struct syn){.needed = needed});
	char *variant, *plain;

	variant = syn_write("hw/lib/glibc-hwcaps/x86-64-v3/libhw.so",
			    &(struct syn){0});
	plain = syn_write("hw/lib/libhw.so", &(struct syn){0});
	is_int(deps_of(prog, tmp_path("hw/lib"), &d), 0,
	       "library with a glibc-hwcaps variant");
	ok(find_file(&d, variant) && find_file(&d, plain),
	   "both variants reported: ld.so picks one by CPU");
	deps_free(&d);
	free(prog);
	free(variant);
	free(plain);
}
#endif

static void test_too_many_objects(void)
{
	static const char *next[2];
	char name[64], needed[64];
	struct deps d = {0};
	char *prog;

	/* A chain lib0 -> lib1 -> ... longer than the resolver accepts. */
	for (int i = 0; i <= 1030; i++) {
		snprintf(name, sizeof(name), "chain/lib%d.so", i);
		snprintf(needed, sizeof(needed), "lib%d.so", i + 1);
		next[0] = needed;
		free(syn_write(
		    name, &(struct syn){.needed = next, .runpath = "$ORIGIN"}));
	}
	next[0] = "lib0.so";
	prog = syn_program("chain/prog",
			   (struct syn){.needed = next, .runpath = "$ORIGIN"});
	is_int(deps_of(prog, NULL, &d), -1, "a 1030-library chain");
	ok(strstr(err, ": more than 1024 libraries"), "is refused");
	ok(starts_with(err, prog), "naming the program");
	free(prog);
	deps_free(&d);
}

/* Long search paths and many names: the bound on the work stops it. */
static void test_work_budget(void)
{
	static char runpath[4000], names[200][32];
	static const char *needed[201];
	struct deps d = {0};
	size_t len = 0;
	char *prog, *lib;

	lib = syn_write("budget/lib.so", &(struct syn){0});
	for (size_t i = 0; i < 200; i++) {
		snprintf(names[i], sizeof(names[i]), "budget/l%zu.so", i);
		if (symlink(lib, tmp_path(names[i])) != 0)
			die_with_error("symlink");
		needed[i] = names[i] + strlen("budget/");
	}
	while (len + 4 + sizeof("$ORIGIN") < sizeof(runpath))
		len += (size_t)sprintf(runpath + len, "/n:");
	strcpy(runpath + len, "$ORIGIN");
	prog = syn_program("budget/prog",
			   (struct syn){.needed = needed, .runpath = runpath});
	is_int(deps_of(prog, NULL, &d), -1,
	       "200 names behind 1300 missing directories each");
	is_str(err + strlen(prog), ": dependency tree too large",
	       "stop at the bound, naming the program");
	deps_free(&d);
	free(prog);
	free(lib);
}

/* A program for a machine ld.so has no $LIB for: the element is dropped. */
static void test_unknown_arch(void)
{
	static const char *const needed[] = {"libu.so", NULL};
	struct deps d = {0};
	char *interp, *prog;

	interp = syn_write("unknown/ld.so", &(struct syn){.machine = EM_RISCV});
	prog = syn_write("unknown/prog",
			 &(struct syn){.machine = EM_RISCV,
				       .interp = interp,
				       .needed = needed,
				       .runpath = "$ORIGIN/$LIB:$ORIGIN"});
	free(syn_write("unknown/lib/libu.so",
		       &(struct syn){.machine = EM_RISCV}));
	free(syn_write("unknown/libu.so", &(struct syn){.machine = EM_RISCV}));
	is_int(deps_of(prog, NULL, &d), 0, "program of an unknown machine");
	ok(find_file(&d, tmp_path("unknown/libu.so")),
	   "$LIB without a value: element dropped, next one used");
	is_int(d.n, 2, "its interpreter and library");
	deps_free(&d);
	free(interp);
	free(prog);
}

/*
 * A synthetic ld.so cache: optionally an old-format table (n zeroed
 * entries) first, then the new format with the given names and paths.
 */
static unsigned char *cache_build(const char *const *names,
				  const char *const *paths, size_t n,
				  bool old_prefix, size_t *size,
				  size_t *strings_at)
{
	size_t at = old_prefix ? (16 + 12 * n + 7) & ~(size_t)7 : 0;
	size_t entries = at + 48, strings = entries + 24 * n, len = 0;
	unsigned char *img;
	uint32_t u;

	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + strlen(paths[i]) + 2;
	*size = strings + len;
	*strings_at = strings;
	img = xcalloc(1, *size);
	if (old_prefix) {
		memcpy(img, "ld.so-1.7.0", 11);
		u = (uint32_t)n;
		memcpy(img + 12, &u, 4);
	}
	memcpy(img + at, "glibc-ld.so.cache1.1", 20);
	u = (uint32_t)n;
	memcpy(img + at + 20, &u, 4);
	img[at + 28] = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? 2 : 3;
	for (size_t i = 0, s = strings; i < n; i++) {
		unsigned char *e = img + entries + 24 * i;
		uint32_t flags = 0x303;

		memcpy(e, &flags, 4);
		u = (uint32_t)(s - at);
		memcpy(e + 4, &u, 4);
		s += (size_t)sprintf((char *)img + s, "%s", names[i]) + 1;
		u = (uint32_t)(s - at);
		memcpy(e + 8, &u, 4);
		s += (size_t)sprintf((char *)img + s, "%s", paths[i]) + 1;
	}
	return img;
}

static int count_path(const char *path, void *arg)
{
	struct deps *d = arg;

	if (d->n < sizeof(d->path) / sizeof(d->path[0]))
		d->path[d->n++] = xstrdup(path);
	return 0;
}

static void test_cache_format(void)
{
	static const char *const names[] = {"liba.so", "libb.so", "liba.so"};
	static const char *const paths[] = {"/x/liba.so", "/x/libb.so",
					    "/y/liba.so"};
	size_t size, strings, bad = 0;
	struct deps d = {0};
	unsigned char *img, *real;

	for (int old = 0; old <= 1; old++) {
		img = cache_build(names, paths, 3, old, &size, &strings);
		is_int(ld_cache_lookup(img, size, "liba.so", count_path, &d), 0,
		       old ? "old+new cache lookup" : "new cache lookup");
		ok(d.n == 2 && strcmp(d.path[0], "/x/liba.so") == 0 &&
		       strcmp(d.path[1], "/y/liba.so") == 0,
		   "every entry of the name, in order");
		deps_free(&d);
		for (size_t len = 0; len < size; len++)
			if (ld_cache_lookup(img, len, "liba.so", count_path,
					    &d) == 0 &&
			    len < strings)
				bad++;
		deps_free(&d);
		free(img);
	}
	is_int(bad, 0, "a cache cut in its header or entries is malformed");

	img = cache_build(names, paths, 3, false, &size, &strings);
	img[48 + 4] = 0xff; /* key offset of the first entry */
	img[48 + 7] = 0xff;
	is_int(ld_cache_lookup(img, size, "liba.so", count_path, &d), -1,
	       "string offset out of the image: malformed");
	is_int(d.n, 0, "and nothing reported before the check");
	free(img);
	img = cache_build(names, paths, 3, false, &size, &strings);
	img[28] ^= 1; /* the other byte order */
	is_int(ld_cache_lookup(img, size, "liba.so", count_path, &d), -1,
	       "cache of the other byte order: refused");
	free(img);

	real = read_file("/etc/ld.so.cache", &size);
	is_int(ld_cache_lookup(real, size, "libc.so.6", count_path, &d), 0,
	       "/etc/ld.so.cache lookup");
	ok(d.n >= 1 && strcmp(base_name(d.path[0]), "libc.so.6") == 0,
	   "libc.so.6 is in it");
	deps_free(&d);
	bad = 0;
	for (int i = 0; i < 3000; i++) {
		unsigned char *buf = xmalloc(size);
		int rc;

		memcpy(buf, real, size);
		flip_bytes(buf, size);
		rc = ld_cache_lookup(buf, rnd() % 4 ? size : rnd() % size,
				     "libc.so.6", count_path, &d);
		bad += rc != 0 && rc != -1;
		deps_free(&d);
		free(buf);
	}
	is_int(bad, 0, "corrupted caches: found or malformed");
	free(real);
}

static void test_cache_search(void)
{
	static const char *const names[] = {"libsync.so", "libsync.so"};
	static const char *const needed[] = {"libsync.so", NULL};
	const char *paths[2];
	struct deps d = {0};
	size_t size, strings;
	unsigned char *img;
	char *prog, *cache, *cached, *llp_lib;

	write_elf32_stub("cache/32/libsync.so");
	cached = syn_write("cache/lib/libsync.so", &(struct syn){0});
	paths[0] = xstrdup(tmp_path("cache/32/libsync.so"));
	paths[1] = cached;
	img = cache_build(names, paths, 2, true, &size, &strings);
	cache = write_tmp("cache/ld.so.cache", img, size, 0644);
	prog = syn_program("cache/prog", (struct syn){.needed = needed});

	elf_ld_so_cache = cache;
	is_int(deps_of(prog, NULL, &d), 0, "found through the cache");
	ok(find_file(&d, cached), "the compatible cache entry");
	llp_lib = syn_write("cache/llp/libsync.so", &(struct syn){0});
	is_int(deps_of(prog, tmp_path("cache/llp"), &d), 0,
	       "with LD_LIBRARY_PATH too");
	ok(find_file(&d, llp_lib) && !find_file(&d, cached),
	   "LD_LIBRARY_PATH comes before the cache");
	free(img);
	img = cache_build(names, paths, 2, false, &size, &strings);
	img[48 + 24 + 8] = 0xff; /* value offset of the second entry */
	img[48 + 24 + 11] = 0xff;
	free(write_tmp("cache/ld.so.cache", img, size, 0644));
	is_int(deps_of(prog, NULL, &d), -1, "a malformed cache is not used");
	ok(starts_with(err, "libsync.so: not found"), "so not found");
	elf_ld_so_cache = "/etc/ld.so.cache";

	deps_free(&d);
	free((char *)paths[0]);
	free(img);
	free(prog);
	free(cache);
	free(cached);
	free(llp_lib);
}

int main(void)
{
	if (!mkdtemp(tmp))
		die_with_error("mkdtemp");
	learn_host();
	test_true();
	test_static();
	test_runpath_origin();
	test_rpath();
	test_runpath_chain();
	test_ld_library_path();
	test_not_elf();
	test_truncated();
	test_flipped();
	test_synthetic_parse();
	test_needed_paths();
	test_loaded_once();
	test_rpath_rules();
	test_error_one_line();
	test_nodeflib();
	test_lib_platform();
#ifdef __x86_64__
	test_hwcaps();
#endif
	test_too_many_objects();
	test_work_budget();
	test_unknown_arch();
	test_cache_format();
	test_cache_search();
	nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}
