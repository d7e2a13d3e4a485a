/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF dependency resolver: what a dynamically linked program needs to load
 * (its interpreter and shared libraries), found by reading the ELF files the
 * way ld.so searches for them.  Nothing is ever executed.  Every file is
 * treated as hostile input.
 */
#ifndef LANDSHIM_ELFDEPS_H
#define LANDSHIM_ELFDEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf_info {
	bool is_elf;
	bool is_static;	   /* no PT_INTERP */
	uint8_t elf_class; /* ELFCLASS32 or ELFCLASS64, 0 if not ELF */
	uint16_t machine;  /* e_machine, 0 if not ELF */
};

/*
 * Inspect the file at path.  A readable file that is not ELF (a script) is
 * not an error: it returns 0 with is_elf false.  Returns -1 with a one-line
 * message naming the file in err when it cannot be read or is a malformed
 * ELF file.
 */
int elf_inspect(const char *path, struct elf_info *info, char *err,
		size_t errlen);

/*
 * elf_inspect() of the file open as @fd (named @path in err), its dynamic
 * section included: *@interp is its PT_INTERP (allocated, NULL if none),
 * *@search_path whether it names directories of its own (DT_RUNPATH or
 * DT_RPATH).  A file that is not ELF returns 0 with info->is_elf false.
 */
int elf_inspect_fd(int fd, const char *path, struct elf_info *info,
		   char **interp, bool *search_path, char *err, size_t errlen);

/*
 * Calls fn for the interpreter and every shared library prog needs,
 * recursively, each exactly once, as absolute paths; returns 0, or -1 with a
 * one-line message in err (or fn's nonzero return).  A static program has no
 * dependency: fn is never called.  A file that is not ELF is an error.
 * ld_library_path may be NULL (unset).
 */
int elf_deps(const char *prog, const char *ld_library_path,
	     int (*fn)(const char *path, void *arg), void *arg, char *err,
	     size_t errlen);

/*
 * The same for the program open as @fd (read through it, never reopened),
 * @prog naming it (its directory is $ORIGIN), and @fn gets each file open
 * as it was checked (@fd is closed after the call: duplicate it to keep
 * it), so that a rule added for it is on that file and nothing a path
 * names later.
 */
int elf_deps_fd(int fd, const char *prog, const char *ld_library_path,
		int (*fn)(const char *path, int fd, void *arg), void *arg,
		char *err, size_t errlen);

/* The ld.so cache elf_deps reads: "/etc/ld.so.cache"; tests use their own. */
extern const char *elf_ld_so_cache;

/*
 * Parse a whole ELF image held in memory (headers, PT_INTERP, PT_DYNAMIC,
 * DT_NEEDED, DT_RUNPATH/DT_RPATH), as elf_deps does for each file; name is
 * only used in err.  Returns 0 or -1 with err.  Meant for fuzzing: it reads
 * nothing else and allocates nothing that outlives the call.
 */
int elf_parse_image(const void *image, size_t size, const char *name,
		    struct elf_info *info, char *err, size_t errlen);

#include "ldcache.h"

#endif
