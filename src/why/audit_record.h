/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One kernel audit record -> fields, for the records --why and --learn use:
 * Landlock's AUDIT_LANDLOCK_ACCESS (a denial) and AUDIT_LANDLOCK_DOMAIN
 * (a domain's creator, or its end), the SYSCALL record that names the
 * process of the same event, and AUDIT_SECCOMP (a call the seccomp filter
 * refused: the process, the system call, the action without its errno).
 *
 * Records are input like any other: audit_record_parse() is a pure function
 * over a buffer (no allocation, no global state), rejects what it cannot
 * read completely, and never reads past @len.
 */
#ifndef LANDSHIM_AUDIT_RECORD_H
#define LANDSHIM_AUDIT_RECORD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Record types (linux/audit.h; Debian 12's header predates Landlock's). */
#define AUDIT_REC_SYSCALL 1300
#define AUDIT_REC_EOE 1320
#define AUDIT_REC_TRUSTED_APP 1121 /* what our end-of-run marker uses */
#define AUDIT_REC_SECCOMP 1326 /* a filter's SECCOMP_FILTER_FLAG_LOG */
#define AUDIT_REC_LANDLOCK_ACCESS 1423
#define AUDIT_REC_LANDLOCK_DOMAIN 1424

/* Blockers that are not access rights (audit_record.blocked_other). */
enum audit_blocker {
	AUDIT_BLOCK_PTRACE = 1 << 0,	      /* "ptrace" */
	AUDIT_BLOCK_CHANGE_TOPOLOGY = 1 << 1, /* "fs.change_topology": mount */
	AUDIT_BLOCK_UNKNOWN = 1 << 2,	      /* a name this version lacks */
};

/* What an AUDIT_LANDLOCK_ACCESS record names as the denied object. */
enum audit_object {
	AUDIT_OBJ_NONE,
	AUDIT_OBJ_PATH,	    /* path= (decoded); "" if the kernel had none */
	AUDIT_OBJ_PORT,	    /* src= (bind) or dest= (connect), with the addr */
	AUDIT_OBJ_TASK,	    /* opid= and ocomm=: a signal or ptrace target */
	AUDIT_OBJ_ABSTRACT, /* an abstract unix socket: name without its NUL */
};

/* A decoded audit string: may hold any byte, NUL included; always
 * NUL-terminated after @len for convenience. */
struct audit_str {
	char s[PATH_MAX + 1];
	size_t len;
};

struct audit_record {
	int type;
	uint64_t serial; /* the event: records of one event share it */

	/* AUDIT_LANDLOCK_ACCESS and AUDIT_LANDLOCK_DOMAIN */
	uint64_t domain;

	/* AUDIT_LANDLOCK_ACCESS: LL_FS_*, LL_NET_*, LL_SCOPE_* bits */
	uint64_t blocked_fs, blocked_net, blocked_scope;
	unsigned blocked_other; /* enum audit_blocker */
	enum audit_object object;
	struct audit_str path;	/* AUDIT_OBJ_PATH, AUDIT_OBJ_ABSTRACT */
	bool has_inode;		/* ino= came, after the path */
	unsigned port;		/* AUDIT_OBJ_PORT */
	char addr[48];		/* AUDIT_OBJ_PORT: printable address */
	long opid;		/* AUDIT_OBJ_TASK */

	/* AUDIT_LANDLOCK_DOMAIN */
	bool allocated;	  /* status=allocated */
	bool deallocated; /* status=deallocated */
	long denials;	  /* deallocated: how many denials it had */

	/* AUDIT_LANDLOCK_DOMAIN (allocated) and AUDIT_SYSCALL: the process.
	 * AUDIT_OBJ_TASK puts the target's comm in @comm. */
	pid_t pid, ppid;
	struct audit_str exe;
	char comm[64];

	/* AUDIT_REC_SECCOMP (and SYSCALL): arch=, syscall=; code= the
	 * action (SECCOMP_RET_ERRNO...), without its data */
	uint32_t arch;
	long syscall;
	bool has_syscall;
	uint32_t code;

	/* AUDIT_REC_TRUSTED_APP: the text of msg='...' */
	char msg[128];
};

/*
 * Parse the text of one record of type @type (the netlink header's type;
 * the text is "audit(SECONDS.MILLIS:SERIAL): field=value ...").  Returns 0
 * and fills @r, or -1 when the record is malformed or truncated (@r is then
 * unspecified).  Types other than the ones above only get type and serial.
 */
int audit_record_parse(int type, const char *buf, size_t len,
		       struct audit_record *r);

/* The same for one line "TYPE audit(...): fields", TYPE in decimal: the
 * tests' recorded samples, and a single buffer for fuzzing. */
int audit_record_parse_line(const char *line, size_t len,
			    struct audit_record *r);

#endif
