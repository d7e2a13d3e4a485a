// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ELF dependency resolver behind --ldd and the launcher's self-apply
 * path: it reads a program's headers and looks for its interpreter and each
 * DT_NEEDED library the way glibc's ld.so does, without running anything.
 *
 * Every file is hostile input.  All reads go through source_read(), which
 * checks offset and length against the file size and uses pread() (a file
 * truncated under us gives an error, never SIGBUS); strings must end inside
 * their table; the dependency walk is iterative and its work is bounded.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfdeps.h"
#include "ldcache.h"
#include "log.h"

/*
 * Bounds on what a hostile file tree can make one call do.  The work
 * budget counts name comparisons, and PROBE_COST for each file opened:
 * about 260000 candidate paths, a second or so of failed opens, where a
 * large real program needs a few thousand.
 */
#define MAX_OBJECTS    1024  /* objects in one dependency tree */
#define MAX_NEEDED     1024  /* DT_NEEDED entries of one object */
#define MAX_DYNAMIC    65536 /* entries of one PT_DYNAMIC segment */
#define MAX_CACHE_SIZE (64 << 20)
#define WORK_BUDGET    (1UL << 24)
#define PROBE_COST     64UL

#define NO_LOADER SIZE_MAX

const char *elf_ld_so_cache = "/etc/ld.so.cache";

static int set_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A one-line message in err, whatever bytes the files put in it; -1. */
static int set_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	for (; errlen > 0 && *err; err++)
		if ((unsigned char)*err < ' ' || *err == 0x7f)
			*err = '?';
	return -1;
}
/* Visibly -1 for the static analyzers, which do not follow variadic calls. */
#define set_error(...) ({ set_error(__VA_ARGS__); -1; })

/*
 * The first bytes of a file, read once: its header, program headers and
 * interpreter path are usually there, and each one costs a system call
 * otherwise (the launcher and the shim's audit form read a few files at
 * every start).
 */
#define HEAD_SIZE 2048

struct head {
	unsigned char buf[HEAD_SIZE];
	size_t len;
	bool loaded;
};

/* A file (fd) or a memory image (mem) being parsed. */
struct source {
	const char *name;
	int fd;
	const unsigned char *mem;
	uint64_t size;
	struct head *head; /* NULL: read each time */
};

static int read_fd(int fd, uint64_t off, unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copy len bytes at off into buf; -1 unless they are all inside the file. */
static int source_read(const struct source *src, uint64_t off, void *buf,
		       size_t len)
{
	struct head *h = src->head;

	if (off > src->size || len > src->size - off)
		return -1;
	if (len == 0)
		return 0;
	if (src->fd < 0) {
		memcpy(buf, src->mem + off, len);
		return 0;
	}
	if (h && off + len <= HEAD_SIZE) {
		if (!h->loaded) {
			h->len = src->size < HEAD_SIZE ? (size_t)src->size :
							 HEAD_SIZE;
			if (read_fd(src->fd, 0, h->buf, h->len) < 0)
				return -1;
			h->loaded = true;
		}
		memcpy(buf, h->buf + off, len);
		return 0;
	}
	return read_fd(src->fd, off, buf, len);
}

/* Where the fields we read sit in the 32- and 64-bit structures. */
struct elf_layout {
	size_t ehdr_size, word;
	size_t type_at, machine_at, phoff_at, phentsize_at, phnum_at;
	size_t phdr_size, p_type_at, p_offset_at, p_vaddr_at, p_filesz_at;
	size_t dyn_size, d_tag_at, d_val_at;
};

#define ELF_LAYOUT(bits)                                                       \
	{                                                                      \
		.ehdr_size = sizeof(Elf##bits##_Ehdr),                         \
		.word = sizeof(Elf##bits##_Addr),                              \
		.type_at = offsetof(Elf##bits##_Ehdr, e_type),                 \
		.machine_at = offsetof(Elf##bits##_Ehdr, e_machine),           \
		.phoff_at = offsetof(Elf##bits##_Ehdr, e_phoff),               \
		.phentsize_at = offsetof(Elf##bits##_Ehdr, e_phentsize),       \
		.phnum_at = offsetof(Elf##bits##_Ehdr, e_phnum),               \
		.phdr_size = sizeof(Elf##bits##_Phdr),                         \
		.p_type_at = offsetof(Elf##bits##_Phdr, p_type),               \
		.p_offset_at = offsetof(Elf##bits##_Phdr, p_offset),           \
		.p_vaddr_at = offsetof(Elf##bits##_Phdr, p_vaddr),             \
		.p_filesz_at = offsetof(Elf##bits##_Phdr, p_filesz),           \
		.dyn_size = sizeof(Elf##bits##_Dyn),                           \
		.d_tag_at = offsetof(Elf##bits##_Dyn, d_tag),                  \
		.d_val_at = offsetof(Elf##bits##_Dyn, d_un),                   \
	}

static const struct elf_layout layout32 = ELF_LAYOUT(32);
static const struct elf_layout layout64 = ELF_LAYOUT(64);

/* What one ELF file says about loading it. */
struct elf_file {
	struct elf_info info;
	const struct elf_layout *layout;
	bool big_endian;
	uint16_t type;
	uint64_t phoff;
	size_t phentsize, phnum;
	unsigned char *phdrs; /* the raw program header table */
	char *interp;
	char *soname;
	char *rpath; /* NULL when there is a DT_RUNPATH: ld.so ignores it */
	char *runpath;
	char **needed;
	size_t n_needed;
	bool nodeflib; /* DF_1_NODEFLIB: no cache, no default directories */
};

static void elf_file_free(struct elf_file *ef)
{
	free(ef->phdrs);
	free(ef->interp);
	free(ef->soname);
	free(ef->rpath);
	free(ef->runpath);
	for (size_t i = 0; i < ef->n_needed; i++)
		free(ef->needed[i]);
	free(ef->needed);
	memset(ef, 0, sizeof(*ef));
}

static uint64_t get_uint(const struct elf_file *ef, const unsigned char *p,
			 size_t width)
{
	uint64_t v = 0;

	for (size_t i = 0; i < width; i++)
		v = v << 8 | p[ef->big_endian ? i : width - 1 - i];
	return v;
}

/* A word-sized field (address, offset, size) of a program header. */
static uint64_t phdr_word(const struct elf_file *ef, size_t i, size_t at)
{
	const unsigned char *ph = ef->phdrs + i * ef->layout->phdr_size;

	return get_uint(ef, ph + at, ef->layout->word);
}

static uint32_t phdr_type(const struct elf_file *ef, size_t i)
{
	const unsigned char *ph = ef->phdrs + i * ef->layout->phdr_size;

	return (uint32_t)get_uint(ef, ph + ef->layout->p_type_at, 4);
}

/* Index of the first program header of that type (as the kernel and
 * ld.so use the first), or -1. */
static ssize_t find_segment(const struct elf_file *ef, uint32_t type)
{
	for (size_t i = 0; i < ef->phnum; i++)
		if (phdr_type(ef, i) == type)
			return (ssize_t)i;
	return -1;
}

/* A NUL-terminated string of at most PATH_MAX bytes at off, with avail
 * bytes left in its table. */
static int read_string(const struct source *src, uint64_t off, uint64_t avail,
		       const char *what, char **out, char *err, size_t errlen)
{
	char buf[PATH_MAX];
	size_t len = avail < sizeof(buf) ? (size_t)avail : sizeof(buf);

	if (len == 0 || source_read(src, off, buf, len) != 0)
		return set_error(err, errlen, "%s: %s out of bounds", src->name,
				 what);
	if (!memchr(buf, '\0', len))
		return set_error(err, errlen,
				 "%s: %s too long or not terminated", src->name,
				 what);
	*out = xstrdup(buf);
	return 0;
}

static int parse_header(const struct source *src, struct elf_file *ef,
			char *err, size_t errlen)
{
	unsigned char ehdr[sizeof(Elf64_Ehdr)];
	const struct elf_layout *l;

	if (source_read(src, 0, ehdr, SELFMAG) != 0 ||
	    memcmp(ehdr, ELFMAG, SELFMAG) != 0)
		return 0; /* not ELF: a script, data, ... */
	ef->info.is_elf = true;
	if (source_read(src, 0, ehdr, EI_NIDENT) != 0)
		return set_error(err, errlen, "%s: truncated ELF header",
				 src->name);
	if (ehdr[EI_CLASS] != ELFCLASS32 && ehdr[EI_CLASS] != ELFCLASS64)
		return set_error(err, errlen, "%s: unknown ELF class %u",
				 src->name, ehdr[EI_CLASS]);
	if (ehdr[EI_DATA] != ELFDATA2LSB && ehdr[EI_DATA] != ELFDATA2MSB)
		return set_error(err, errlen, "%s: unknown ELF byte order %u",
				 src->name, ehdr[EI_DATA]);
	if (ehdr[EI_VERSION] != EV_CURRENT)
		return set_error(err, errlen, "%s: unknown ELF version %u",
				 src->name, ehdr[EI_VERSION]);
	l = ehdr[EI_CLASS] == ELFCLASS64 ? &layout64 : &layout32;
	if (source_read(src, 0, ehdr, l->ehdr_size) != 0)
		return set_error(err, errlen, "%s: truncated ELF header",
				 src->name);
	ef->layout = l;
	ef->big_endian = ehdr[EI_DATA] == ELFDATA2MSB;
	ef->info.elf_class = ehdr[EI_CLASS];
	ef->info.machine = (uint16_t)get_uint(ef, ehdr + l->machine_at, 2);
	ef->type = (uint16_t)get_uint(ef, ehdr + l->type_at, 2);
	ef->phoff = get_uint(ef, ehdr + l->phoff_at, l->word);
	ef->phentsize = (size_t)get_uint(ef, ehdr + l->phentsize_at, 2);
	ef->phnum = (size_t)get_uint(ef, ehdr + l->phnum_at, 2);
	return 0;
}

static int read_program_headers(const struct source *src, struct elf_file *ef,
				char *err, size_t errlen)
{
	size_t size;

	if (ef->phnum == 0)
		return 0;
	if (ef->phnum == PN_XNUM)
		return set_error(err, errlen, "%s: too many program headers",
				 src->name);
	if (ef->phentsize != ef->layout->phdr_size)
		return set_error(err, errlen, "%s: bad program header size %zu",
				 src->name, ef->phentsize);
	size = ef->phnum * ef->layout->phdr_size;
	ef->phdrs = xmalloc(size);
	if (source_read(src, ef->phoff, ef->phdrs, size) != 0)
		return set_error(err, errlen,
				 "%s: program headers out of bounds",
				 src->name);
	return 0;
}

static int read_interp(const struct source *src, struct elf_file *ef, char *err,
		       size_t errlen)
{
	ssize_t i = find_segment(ef, PT_INTERP);
	int ret;

	ef->info.is_static = i < 0;
	if (i < 0)
		return 0;
	ret =
	    read_string(src, phdr_word(ef, (size_t)i, ef->layout->p_offset_at),
			phdr_word(ef, (size_t)i, ef->layout->p_filesz_at),
			"interpreter path", &ef->interp, err, errlen);
	if (!ret && !ef->interp[0])
		ret = set_error(err, errlen, "%s: empty interpreter path",
				src->name);
	return ret;
}

/* File offset of [vaddr, vaddr + size) if a PT_LOAD maps it from the file. */
static int vaddr_to_offset(const struct elf_file *ef, uint64_t vaddr,
			   uint64_t size, uint64_t *off)
{
	const struct elf_layout *l = ef->layout;

	for (size_t i = 0; i < ef->phnum; i++) {
		uint64_t start = phdr_word(ef, i, l->p_vaddr_at);
		uint64_t filesz = phdr_word(ef, i, l->p_filesz_at);
		uint64_t base = phdr_word(ef, i, l->p_offset_at);
		uint64_t delta = vaddr - start;

		if (phdr_type(ef, i) != PT_LOAD || vaddr < start ||
		    delta > filesz || size > filesz - delta ||
		    base > UINT64_MAX - delta)
			continue;
		*off = base + delta;
		return 0;
	}
	return -1;
}

/* The value of a dynamic entry, if the segment has one. */
struct dyn_value {
	bool present;
	uint64_t val;
};

/* The string table references of a dynamic segment. */
struct dyn_refs {
	struct dyn_value strtab, strsz, soname, rpath, runpath;
	uint64_t needed[MAX_NEEDED];
	size_t n_needed;
};

static int collect_dyn_entry(const struct source *src, struct dyn_refs *d,
			     struct elf_file *ef, uint64_t tag, uint64_t val,
			     char *err, size_t errlen)
{
	switch (tag) {
	case DT_NEEDED:
		if (d->n_needed == MAX_NEEDED)
			return set_error(err, errlen,
					 "%s: more than %d DT_NEEDED entries",
					 src->name, MAX_NEEDED);
		d->needed[d->n_needed++] = val;
		break;
	case DT_STRTAB:
		d->strtab = (struct dyn_value){true, val};
		break;
	case DT_STRSZ:
		d->strsz = (struct dyn_value){true, val};
		break;
	case DT_SONAME:
		d->soname = (struct dyn_value){true, val};
		break;
	case DT_RPATH:
		d->rpath = (struct dyn_value){true, val};
		break;
	case DT_RUNPATH:
		d->runpath = (struct dyn_value){true, val};
		break;
	case DT_FLAGS_1:
		ef->nodeflib = (val & DF_1_NODEFLIB) != 0;
		break;
	}
	return 0;
}

/* Read the entries of PT_DYNAMIC up to DT_NULL into d. */
static int read_dyn_entries(const struct source *src, struct elf_file *ef,
			    size_t seg, struct dyn_refs *d, char *err,
			    size_t errlen)
{
	const struct elf_layout *l = ef->layout;
	uint64_t count = phdr_word(ef, seg, l->p_filesz_at) / l->dyn_size;
	unsigned char *buf;
	int ret = 0;

	if (count > MAX_DYNAMIC)
		return set_error(err, errlen, "%s: dynamic segment too large",
				 src->name);
	buf = xmalloc(count * l->dyn_size);
	if (source_read(src, phdr_word(ef, seg, l->p_offset_at), buf,
			count * l->dyn_size) != 0)
		ret = set_error(err, errlen,
				"%s: dynamic segment out of bounds", src->name);
	for (uint64_t i = 0; ret == 0 && i < count; i++) {
		const unsigned char *e = buf + i * l->dyn_size;
		uint64_t tag = get_uint(ef, e + l->d_tag_at, l->word);

		if (tag == DT_NULL)
			break;
		ret = collect_dyn_entry(src, d, ef, tag,
					get_uint(ef, e + l->d_val_at, l->word),
					err, errlen);
	}
	free(buf);
	return ret;
}

/* The string at offset off of the dynamic string table (at file offset
 * table). */
static int read_dyn_string(const struct source *src, const struct dyn_refs *d,
			   uint64_t table, uint64_t off, const char *what,
			   char **out, char *err, size_t errlen)
{
	if (off >= d->strsz.val)
		return set_error(err, errlen, "%s: %s out of bounds", src->name,
				 what);
	return read_string(src, table + off, d->strsz.val - off, what, out, err,
			   errlen);
}

/* The same for an entry the segment may lack. */
static int read_optional_string(const struct source *src,
				const struct dyn_refs *d, uint64_t table,
				const struct dyn_value *v, const char *what,
				char **out, char *err, size_t errlen)
{
	if (!v->present)
		return 0;
	return read_dyn_string(src, d, table, v->val, what, out, err, errlen);
}

static int read_dyn_strings(const struct source *src, struct elf_file *ef,
			    const struct dyn_refs *d, char *err, size_t errlen)
{
	uint64_t table;
	int ret;

	if (d->n_needed == 0 && !d->soname.present && !d->rpath.present &&
	    !d->runpath.present)
		return 0;
	if (!d->strtab.present || !d->strsz.present ||
	    vaddr_to_offset(ef, d->strtab.val, d->strsz.val, &table) != 0)
		return set_error(err, errlen,
				 "%s: dynamic string table out of bounds",
				 src->name);
	ef->needed = xcalloc(d->n_needed, sizeof(*ef->needed));
	ef->n_needed = d->n_needed;
	for (size_t i = 0; i < d->n_needed; i++) {
		ret = read_dyn_string(src, d, table, d->needed[i], "DT_NEEDED",
				      &ef->needed[i], err, errlen);
		if (!ret && !ef->needed[i][0])
			ret = set_error(err, errlen, "%s: empty DT_NEEDED",
					src->name);
		if (ret)
			return ret;
	}
	ret = read_optional_string(src, d, table, &d->soname, "DT_SONAME",
				   &ef->soname, err, errlen);
	if (!ret)
		ret = read_optional_string(src, d, table, &d->runpath,
					   "DT_RUNPATH", &ef->runpath, err,
					   errlen);
	if (!ret && !d->runpath.present)
		ret = read_optional_string(src, d, table, &d->rpath, "DT_RPATH",
					   &ef->rpath, err, errlen);
	return ret;
}

static int read_dynamic(const struct source *src, struct elf_file *ef,
			char *err, size_t errlen)
{
	ssize_t seg = find_segment(ef, PT_DYNAMIC);
	struct dyn_refs *d;
	int ret;

	if (seg < 0)
		return 0;
	d = xcalloc(1, sizeof(*d));
	ret = read_dyn_entries(src, ef, (size_t)seg, d, err, errlen);
	if (!ret)
		ret = read_dyn_strings(src, ef, d, err, errlen);
	free(d);
	return ret;
}

/* Parse the ELF file in src; with_dynamic also reads PT_DYNAMIC.  A file
 * that is not ELF is not an error (ef->info.is_elf stays false). */
static int parse_elf(const struct source *src, bool with_dynamic,
		     struct elf_file *ef, char *err, size_t errlen)
{
	int ret;

	memset(ef, 0, sizeof(*ef));
	ret = parse_header(src, ef, err, errlen);
	if (ret || !ef->info.is_elf)
		return ret;
	ret = read_program_headers(src, ef, err, errlen);
	if (!ret)
		ret = read_interp(src, ef, err, errlen);
	if (!ret && with_dynamic)
		ret = read_dynamic(src, ef, err, errlen);
	return ret;
}

int elf_parse_image(const void *image, size_t size, const char *name,
		    struct elf_info *info, char *err, size_t errlen)
{
	struct source src = {name, -1, image, size, NULL};
	struct elf_file ef;
	int ret = parse_elf(&src, true, &ef, err, errlen);

	*info = ef.info;
	elf_file_free(&ef);
	return ret;
}

/* Open path read-only if it is a regular file: the fd, -1 (errno) if it
 * cannot be opened, -2 if it is not a regular file. */
static int open_regular(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return -2;
	}
	return fd;
}

/* Parse the regular file open as @fd, named @path in messages. */
static int parse_open_file(int fd, const char *path, bool with_dynamic,
			   struct elf_file *ef, struct stat *st, char *err,
			   size_t errlen)
{
	memset(ef, 0, sizeof(*ef));
	if (fstat(fd, st) != 0)
		return set_error(err, errlen, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st->st_mode))
		return set_error(err, errlen, "%s: not a regular file", path);
	return parse_elf(&(struct source){path, fd, NULL, (uint64_t)st->st_size,
					  &(struct head){ .loaded = false }},
			 with_dynamic, ef, err, errlen);
}

/* Open and parse the file a caller names: any failure is an error. */
static int parse_named_file(const char *path, bool with_dynamic,
			    struct elf_file *ef, struct stat *st, char *err,
			    size_t errlen)
{
	int fd = open_regular(path, st);
	int ret;

	memset(ef, 0, sizeof(*ef));
	if (fd == -1)
		return set_error(err, errlen, "%s: %s", path, strerror(errno));
	if (fd == -2)
		return set_error(err, errlen, "%s: not a regular file", path);
	ret = parse_open_file(fd, path, with_dynamic, ef, st, err, errlen);
	close(fd);
	return ret;
}

int elf_inspect(const char *path, struct elf_info *info, char *err,
		size_t errlen)
{
	struct elf_file ef;
	struct stat st;
	int ret = parse_named_file(path, false, &ef, &st, err, errlen);

	*info = ef.info;
	elf_file_free(&ef);
	return ret;
}

int elf_inspect_fd(int fd, const char *path, struct elf_info *info,
		   char **interp, bool *search_path, char *err, size_t errlen)
{
	struct elf_file ef;
	struct stat st;
	int ret = parse_open_file(fd, path, true, &ef, &st, err, errlen);

	*info = ef.info;
	*interp = ret == 0 && ef.interp ? xstrdup(ef.interp) : NULL;
	*search_path = ret == 0 && (ef.rpath || ef.runpath);
	elf_file_free(&ef);
	return ret;
}

/*
 * What ld.so does differently per architecture: the value of $LIB and
 * $PLATFORM (Debian's multiarch layout) and the hwcap subdirectories it
 * tries, in this order, before each search directory (glibc 2.36 on
 * x86_64; glibc-hwcaps/x86-64-v* are only tried when the CPU supports
 * them, which we do not check: every variant present is reported).
 */
struct arch {
	uint16_t machine;
	uint8_t elf_class;
	const char *lib;
	const char *platform;
	const char *const *subdirs;
};

static const char *const x86_64_subdirs[] = {"glibc-hwcaps/x86-64-v4/",
					     "glibc-hwcaps/x86-64-v3/",
					     "glibc-hwcaps/x86-64-v2/",
					     "tls/x86_64/x86_64/",
					     "tls/x86_64/",
					     "tls/",
					     "x86_64/x86_64/",
					     "x86_64/",
					     "",
					     NULL};
static const char *const no_subdirs[] = {"", NULL};

static const struct arch arches[] = {
    {EM_X86_64, ELFCLASS64, "lib/x86_64-linux-gnu", "x86_64", x86_64_subdirs},
    {EM_386, ELFCLASS32, "lib/i386-linux-gnu", "i686", no_subdirs},
    {EM_AARCH64, ELFCLASS64, "lib/aarch64-linux-gnu", "aarch64", no_subdirs},
};

static const struct arch unknown_arch = {0, 0, NULL, NULL, no_subdirs};

static const struct arch *find_arch(const struct elf_info *info)
{
	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (arches[i].machine == info->machine &&
		    arches[i].elf_class == info->elf_class)
			return &arches[i];
	return &unknown_arch;
}

/* One loaded object of the dependency tree; objs[0] is the program. */
struct object {
	char *path;	 /* absolute, as found */
	char *origin;	 /* the value of $ORIGIN in its search paths */
	char *loaded_as; /* the DT_NEEDED name or PT_INTERP that found it */
	struct elf_file elf;
	dev_t dev;
	ino_t ino;
	size_t loader;	/* index of the object that needed it first */
	bool skip_deps; /* the interpreter: ld.so loads nothing for it */
};

struct resolver {
	const char *llp;
	const struct arch *arch;
	char default_dirs[128];
	char *cwd;
	unsigned char *cache;
	size_t cache_size;
	bool cache_loaded;
	struct object *objs;
	size_t n, cap;
	unsigned long budget;
	int (*fn)(const char *path, void *arg);
	int (*fn_fd)(const char *path, int fd, void *arg);
	void *arg;
	char *err;
	size_t errlen;
	int prog_fd; /* the program, already open; -1: open its path */
};

enum found { NOT_FOUND, OTHER_ARCH, FOUND };

static int charge(struct resolver *r, unsigned long cost)
{
	if (r->budget < cost)
		return set_error(r->err, r->errlen,
				 "%s: dependency tree too large",
				 r->objs[0].path);
	r->budget -= cost;
	return 0;
}

static char *path_join(const char *dir, const char *name)
{
	size_t dlen = strlen(dir), nlen = strlen(name);
	bool slash = dlen > 0 && dir[dlen - 1] != '/';
	char *p = xmalloc(dlen + slash + nlen + 1);

	memcpy(p, dir, dlen);
	if (slash)
		p[dlen] = '/';
	memcpy(p + dlen + slash, name, nlen + 1);
	return p;
}

static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash || slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* path made absolute against the current directory, in *out. */
static int absolute(struct resolver *r, const char *path, char **out)
{
	*out = NULL; /* callers free it, error or not */
	if (path[0] == '/') {
		*out = xstrdup(path);
		return 0;
	}
	if (!r->cwd) {
		r->cwd = getcwd(NULL, 0);
		if (!r->cwd)
			return set_error(
			    r->err, r->errlen,
			    "%s: cannot get the current directory: %s", path,
			    strerror(errno));
	}
	*out = path_join(r->cwd, path);
	return 0;
}

static size_t add_object(struct resolver *r, char *path, const char *name,
			 struct elf_file *ef, const struct stat *st,
			 size_t loader)
{
	struct object *o;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->objs = xrealloc(r->objs, r->cap * sizeof(*r->objs));
	}
	o = &r->objs[r->n];
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->origin = parent_dir(path);
	o->loaded_as = name ? xstrdup(name) : NULL;
	o->elf = *ef;
	memset(ef, 0, sizeof(*ef));
	o->dev = st->st_dev;
	o->ino = st->st_ino;
	o->loader = loader;
	return r->n++;
}

static bool is_loaded_file(const struct resolver *r, const struct stat *st)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->objs[i].dev == st->st_dev &&
		    r->objs[i].ino == st->st_ino)
			return true;
	return false;
}

/* ld.so's name match: a name it loaded, a DT_SONAME, or a library path. */
static bool is_loaded_name(const struct resolver *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct object *o = &r->objs[i];

		if ((o->loaded_as && strcmp(o->loaded_as, name) == 0) ||
		    (o->elf.soname && strcmp(o->elf.soname, name) == 0) ||
		    (i > 0 && strcmp(o->path, name) == 0))
			return true;
	}
	return false;
}

static bool same_arch(const struct elf_file *a, const struct elf_file *b)
{
	return a->info.elf_class == b->info.elf_class &&
	       a->big_endian == b->big_endian &&
	       a->info.machine == b->info.machine;
}

/* Parse a candidate opened as src: OTHER_ARCH, or FOUND and *is_new (with
 * ef filled) when it is not loaded yet. */
static int check_candidate(struct resolver *r, const struct source *src,
			   const struct stat *st, struct elf_file *ef,
			   enum found *res, bool *is_new)
{
	int ret = parse_header(src, ef, r->err, r->errlen);

	if (ret)
		return ret;
	if (!ef->info.is_elf)
		return set_error(r->err, r->errlen, "%s: not an ELF file",
				 src->name);
	if (!same_arch(ef, &r->objs[0].elf)) {
		*res = OTHER_ARCH;
		return 0;
	}
	*res = FOUND;
	if (is_loaded_file(r, st))
		return 0;
	*is_new = true;
	ret = read_program_headers(src, ef, r->err, r->errlen);
	return ret ? ret : read_dynamic(src, ef, r->err, r->errlen);
}

/*
 * Try one candidate path for name, needed by objs[loader], as ld.so does:
 * a file that cannot be opened or is for another class or machine is
 * skipped; anything else wrong with it is an error.  A new object is
 * added and reported to fn.
 */
static int probe(struct resolver *r, const char *path, size_t loader,
		 const char *name, enum found *res)
{
	struct head head = { .loaded = false };
	struct source src = {path, -1, NULL, 0, &head};
	struct elf_file ef;
	struct stat st;
	bool is_new = false;
	int ret;

	*res = NOT_FOUND;
	ret = charge(r, PROBE_COST);
	if (ret)
		return ret;
	src.fd = open_regular(path, &st);
	if (src.fd < 0)
		return 0;
	src.size = (uint64_t)st.st_size;
	memset(&ef, 0, sizeof(ef));
	ret = check_candidate(r, &src, &st, &ef, res, &is_new);
	if (ret || !is_new) {
		close(src.fd);
		elf_file_free(&ef);
		return ret;
	}
	add_object(r, xstrdup(path), name, &ef, &st, loader);
	/* The file just checked, not whatever the path names next. */
	ret = r->fn_fd ? r->fn_fd(path, src.fd, r->arg) : r->fn(path, r->arg);
	close(src.fd);
	return ret;
}

/* Length of the dynamic string token name (or {name}) at s, or 0. */
static size_t match_dst(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name);

	if (len >= n + 2 && s[0] == '{' && memcmp(s + 1, name, n) == 0 &&
	    s[n + 1] == '}')
		return n + 2;
	if (len >= n && memcmp(s, name, n) == 0 && (len == n || s[n] == '/'))
		return n;
	return 0;
}

/* The value of the token after a '$' at s, its length in *skip (0: not
 * a token). */
static const char *dst_value(const struct resolver *r, const char *s,
			     size_t len, size_t owner, size_t *skip)
{
	*skip = match_dst(s, len, "ORIGIN");
	if (*skip)
		return r->objs[owner].origin;
	*skip = match_dst(s, len, "LIB");
	if (*skip)
		return r->arch->lib;
	*skip = match_dst(s, len, "PLATFORM");
	return *skip ? r->arch->platform : NULL;
}

/* s[0..len) with $ORIGIN (of objs[owner]), $LIB and $PLATFORM expanded;
 * NULL when ld.so would drop it (a token without a value, too long). */
static char *expand_dsts(const struct resolver *r, const char *s, size_t len,
			 size_t owner)
{
	char out[PATH_MAX];
	size_t o = 0, i = 0;

	while (i < len) {
		size_t skip = 0, vlen;
		const char *value = NULL;

		if (s[i] == '$')
			value =
			    dst_value(r, s + i + 1, len - i - 1, owner, &skip);
		if (skip == 0) {
			if (o + 1 >= sizeof(out))
				return NULL;
			out[o++] = s[i++];
			continue;
		}
		if (!value || (vlen = strlen(value)) >= sizeof(out) - o)
			return NULL;
		memcpy(out + o, value, vlen);
		o += vlen;
		i += 1 + skip;
	}
	out[o] = '\0';
	return xstrdup(out);
}

/* Every hwcap variant of name in dir, then dir/name itself; *found if any
 * was a usable file. */
static int search_dir(struct resolver *r, const char *dir, const char *name,
		      size_t loader, bool *found)
{
	for (const char *const *sub = r->arch->subdirs; *sub; sub++) {
		char *subdir = path_join(dir, *sub);
		char *path = path_join(subdir, name);
		enum found res;
		int ret = probe(r, path, loader, name, &res);

		free(subdir);
		free(path);
		if (ret)
			return ret;
		*found |= res == FOUND;
	}
	return 0;
}

/* Search the directories of a search path list (DSTs expanded for
 * objs[owner]) until one has name. */
static int search_list(struct resolver *r, const char *list, const char *seps,
		       size_t owner, const char *name, size_t loader,
		       bool *found)
{
	for (const char *p = list;; p++) {
		size_t len = strcspn(p, seps);
		char *expanded = expand_dsts(r, p, len, owner);
		char *dir = NULL;
		int ret = 0;

		if (expanded)
			ret = absolute(r, expanded, &dir);
		if (!ret && dir)
			ret = search_dir(r, dir, name, loader, found);
		free(expanded);
		free(dir);
		if (ret || *found)
			return ret;
		p += len;
		if (*p == '\0')
			return 0;
	}
}

/* fn of ld_cache_lookup: the resolver's state for one name. */
struct cache_search {
	struct resolver *r;
	const char *name;
	size_t loader;
	bool found;
	int ret;
};

static int probe_cached(const char *path, void *arg)
{
	struct cache_search *cs = arg;
	char *abs = NULL;
	enum found res = NOT_FOUND;

	cs->ret = absolute(cs->r, path, &abs);
	if (!cs->ret)
		cs->ret = probe(cs->r, abs, cs->loader, cs->name, &res);
	free(abs);
	cs->found |= res == FOUND;
	return cs->ret ? 1 : 0;
}

/* Read the cache once; a missing, oversized or malformed one is not used,
 * as ld.so does. */
static void load_cache(struct resolver *r)
{
	struct source src = {elf_ld_so_cache, -1, NULL, 0, NULL};
	struct stat st;

	r->cache_loaded = true;
	src.fd = open_regular(elf_ld_so_cache, &st);
	if (src.fd < 0)
		return;
	if (st.st_size > 0 && st.st_size <= MAX_CACHE_SIZE) {
		src.size = (uint64_t)st.st_size;
		r->cache_size = (size_t)st.st_size;
		r->cache = xmalloc(r->cache_size);
		if (source_read(&src, 0, r->cache, r->cache_size) != 0 ||
		    !ld_cache_valid(r->cache, r->cache_size)) {
			log_debug("%s: unreadable or malformed, not used",
				  elf_ld_so_cache);
			free(r->cache);
			r->cache = NULL;
		}
	}
	close(src.fd);
}

/* Every cache entry for name (all its hwcap variants). */
static int search_cache(struct resolver *r, const char *name, size_t loader,
			bool *found)
{
	struct cache_search cs = {r, name, loader, false, 0};

	if (!r->cache_loaded)
		load_cache(r);
	if (r->cache)
		ld_cache_lookup(r->cache, r->cache_size, name, probe_cached,
				&cs);
	*found = cs.found;
	return cs.ret;
}

/*
 * glibc's order for a name without a slash: the DT_RPATH of the loading
 * object and of each of its loaders up to the program (only if the
 * loading object has no DT_RUNPATH), LD_LIBRARY_PATH, the loading
 * object's DT_RUNPATH, then (unless DF_1_NODEFLIB) the cache and the
 * default directories.
 */
static int search_name(struct resolver *r, const char *name, size_t loader,
		       bool *found)
{
	int ret = 0;

	if (!r->objs[loader].elf.runpath)
		for (size_t l = loader; !ret && !*found && l != NO_LOADER;
		     l = r->objs[l].loader)
			if (r->objs[l].elf.rpath)
				ret = search_list(r, r->objs[l].elf.rpath, ":",
						  l, name, loader, found);
	if (!ret && !*found && r->llp)
		ret = search_list(r, r->llp, ":;", 0, name, loader, found);
	if (!ret && !*found && r->objs[loader].elf.runpath)
		ret = search_list(r, r->objs[loader].elf.runpath, ":", loader,
				  name, loader, found);
	if (r->objs[loader].elf.nodeflib)
		return ret;
	if (!ret && !*found)
		ret = search_cache(r, name, loader, found);
	if (!ret && !*found)
		ret = search_list(r, r->default_dirs, ":", 0, name, loader,
				  found);
	return ret;
}

/* A DT_NEEDED name with a slash is a path (DSTs expanded, relative to the
 * current directory), not searched. */
static int load_path_name(struct resolver *r, const char *name, size_t loader,
			  bool *found)
{
	char *expanded = expand_dsts(r, name, strlen(name), loader);
	char *path = NULL;
	enum found res = NOT_FOUND;
	int ret = 0;

	if (expanded)
		ret = absolute(r, expanded, &path);
	if (!ret && path)
		ret = probe(r, path, loader, name, &res);
	if (!ret && res == OTHER_ARCH)
		ret = set_error(r->err, r->errlen,
				"%s: wrong architecture (needed by %s)", name,
				r->objs[loader].path);
	*found = res == FOUND;
	free(expanded);
	free(path);
	return ret;
}

static int load_needed(struct resolver *r, const char *name, size_t loader)
{
	bool found = false;
	int ret = charge(r, r->n);

	if (ret || is_loaded_name(r, name))
		return ret;
	if (r->n >= MAX_OBJECTS)
		return set_error(r->err, r->errlen,
				 "%s: more than %d libraries", r->objs[0].path,
				 MAX_OBJECTS);
	if (strchr(name, '/'))
		ret = load_path_name(r, name, loader, &found);
	else
		ret = search_name(r, name, loader, &found);
	if (!ret && !found)
		ret =
		    set_error(r->err, r->errlen, "%s: not found (needed by %s)",
			      name, r->objs[loader].path);
	return ret;
}

static int load_program(struct resolver *r, const char *prog)
{
	struct elf_file ef;
	struct stat st;
	char *path, *real;
	size_t i;
	int ret = absolute(r, prog, &path);

	if (ret)
		return ret;
	ret = r->prog_fd >= 0 ?
		parse_open_file(r->prog_fd, path, true, &ef, &st, r->err,
				r->errlen) :
		parse_named_file(path, true, &ef, &st, r->err, r->errlen);
	if (!ret && !ef.info.is_elf)
		ret = set_error(r->err, r->errlen, "%s: not an ELF file", path);
	if (!ret && ef.type != ET_EXEC && ef.type != ET_DYN)
		ret = set_error(r->err, r->errlen,
				"%s: not an executable ELF file", path);
	real = ret ? NULL : realpath(path, NULL);
	if (!ret && !real)
		ret = set_error(r->err, r->errlen, "%s: %s", path,
				strerror(errno));
	if (ret) {
		elf_file_free(&ef);
		free(path);
		return ret;
	}
	r->arch = find_arch(&ef.info);
	i = add_object(r, path, NULL, &ef, &st, NO_LOADER);
	/* ld.so takes the program's $ORIGIN from /proc/self/exe. */
	free(r->objs[i].origin);
	r->objs[i].origin = parent_dir(real);
	free(real);
	return 0;
}

/* The interpreter is mapped by the kernel, not searched. */
static int load_interp(struct resolver *r)
{
	const char *interp = r->objs[0].elf.interp;
	enum found res = NOT_FOUND;
	size_t first_new = r->n;
	char *path;
	int ret = absolute(r, interp, &path);

	if (!ret)
		ret = probe(r, path, NO_LOADER, interp, &res);
	if (!ret && r->n > first_new)
		r->objs[first_new].skip_deps = true;
	if (!ret && res != FOUND)
		ret = set_error(
		    r->err, r->errlen, "%s: %s (interpreter of %s)", path,
		    res == OTHER_ARCH ? "wrong architecture" : "not found",
		    r->objs[0].path);
	free(path);
	return ret;
}

static void set_default_dirs(struct resolver *r)
{
	const char *lib64 = r->objs[0].elf.info.elf_class == ELFCLASS64
				? "/lib64:/usr/lib64:"
				: "";

	if (r->arch->lib)
		snprintf(r->default_dirs, sizeof(r->default_dirs),
			 "/%s:/usr/%s:%s/lib:/usr/lib", r->arch->lib,
			 r->arch->lib, lib64);
	else
		snprintf(r->default_dirs, sizeof(r->default_dirs),
			 "%s/lib:/usr/lib", lib64);
}

/* Breadth first, as ld.so loads: each object's DT_NEEDED in order. */
static int resolve(struct resolver *r, const char *prog)
{
	int ret = load_program(r, prog);

	if (ret || !r->objs[0].elf.interp)
		return ret;
	set_default_dirs(r);
	ret = load_interp(r);
	for (size_t i = 0; !ret && i < r->n; i++) {
		if (r->objs[i].skip_deps)
			continue;
		for (size_t j = 0; !ret && j < r->objs[i].elf.n_needed; j++)
			ret = load_needed(r, r->objs[i].elf.needed[j], i);
	}
	return ret;
}

static int resolve_all(struct resolver *r, const char *prog);

int elf_deps(const char *prog, const char *ld_library_path,
	     int (*fn)(const char *path, void *arg), void *arg, char *err,
	     size_t errlen)
{
	struct resolver r = {
	    .prog_fd = -1,
	    /* ld.so ignores an empty LD_LIBRARY_PATH */
	    .llp = ld_library_path && *ld_library_path ? ld_library_path : NULL,
	    .fn = fn,
	    .arg = arg,
	    .err = err,
	    .errlen = errlen,
	};

	return resolve_all(&r, prog);
}

int elf_deps_fd(int fd, const char *prog, const char *ld_library_path,
		int (*fn)(const char *path, int fd, void *arg), void *arg,
		char *err, size_t errlen)
{
	struct resolver r = {
	    .prog_fd = fd,
	    .llp = ld_library_path && *ld_library_path ? ld_library_path : NULL,
	    .fn_fd = fn,
	    .arg = arg,
	    .err = err,
	    .errlen = errlen,
	};

	return resolve_all(&r, prog);
}

/* @r has the caller's fields; the rest starts here. */
static int resolve_all(struct resolver *r, const char *prog)
{
	int ret;

	r->arch = &unknown_arch;
	r->budget = WORK_BUDGET;
	ret = resolve(r, prog);
	for (size_t i = 0; i < r->n; i++) {
		free(r->objs[i].path);
		free(r->objs[i].origin);
		free(r->objs[i].loaded_as);
		elf_file_free(&r->objs[i].elf);
	}
	free(r->objs);
	free(r->cache);
	free(r->cwd);
	return ret;
}
