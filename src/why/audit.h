/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel audit interface for --why and --learn (NETLINK_AUDIT):
 *
 *  - a reader on the multicast group AUDIT_NLGRP_READLOG, which receives a
 *    copy of every record without disturbing auditd (CAP_AUDIT_READ);
 *  - a session that switches auditing on for a run when it is off and
 *    restores it afterwards (CAP_AUDIT_CONTROL), coordinated between
 *    concurrent landshim runs so that none switches it off under another;
 *  - a marker record that tells the reader every record written before it
 *    has arrived.
 */
#ifndef LANDSHIM_AUDIT_H
#define LANDSHIM_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct audit_reader {
	int fd;
	bool overrun; /* the socket overflowed: records were dropped */
};

struct audit_session {
	const char *who;  /* "--why", "--learn": for messages */
	int state_fd;	  /* /run/landshim-audit, -1 if unavailable */
	bool switched_on; /* without a state file: we switched it on */
	uint32_t lost;	  /* the kernel's lost-record count at the start */
	bool active;	  /* started, not ended yet */
	bool quiet;	  /* no messages: in a signal handler */
};

/*
 * Open the reader and the session.  Returns 0, or -1 with errno (EPERM for
 * a missing CAP_AUDIT_READ or CAP_AUDIT_CONTROL, another errno where the
 * kernel offers no audit interface) having changed nothing.  Signals that
 * would end the process must be blocked by the caller until audit_end().
 * A state left on by a killed run is said, and repaired at the end.
 */
int audit_start(struct audit_reader *r, struct audit_session *s,
		const char *who);

/* Exit 125 with the one line saying why audit_start() failed with @err. */
__attribute__((noreturn)) void audit_refuse(const char *who, int err);

/* Restore the audit state (unless another run still needs it), warn about
 * lost records, close the reader. */
void audit_end(struct audit_reader *r, struct audit_session *s);

/* The restore alone, for a fatal signal's handler: system calls only. */
void audit_end_from_handler(struct audit_session *s);

typedef void (*audit_record_fn)(void *arg, int type, const char *text,
				size_t len);

/*
 * Hand every record waiting on the reader to @fn; never blocks.  Returns 0,
 * or -1 with errno on a socket error.
 */
int audit_reader_read(struct audit_reader *r, audit_record_fn fn, void *arg);

/* The kernel's audit switch (CAP_AUDIT_CONTROL): 0 off, 1 on, 2 locked
 * on; -1 with errno. */
int audit_enabled(void);
int audit_set_enabled(uint32_t enabled);

/* Write a record carrying @text (AUDIT_TRUSTED_APP, CAP_AUDIT_WRITE): once
 * the reader sees it, every record written before it has been read. */
int audit_send_marker(const char *text);

#endif
