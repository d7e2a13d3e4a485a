// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Audit record text -> struct audit_record.  The kernel writes
 * "audit(SECONDS.MILLIS:SERIAL): key=value key=value ...", where a value is
 * a bare token, a "quoted" string, or, for strings that hold a space, a
 * quote or a control byte, the string's bytes in hexadecimal.
 */
#include "config.h"

#include <string.h>

#include "audit_record.h"
#include "landlock.h"

struct cursor {
	const char *p, *end;
};

struct field {
	const char *key, *val;
	size_t key_len, val_len;
	char quote; /* '"', '\'' or 0 */
};

static bool skip_literal(struct cursor *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return false;
	c->p += n;
	return true;
}

/* Decimal digits, at least one, no overflow past @max. */
static bool take_decimal(struct cursor *c, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	const char *start = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		unsigned d = (unsigned)(*c->p - '0');

		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
		c->p++;
	}
	*out = v;
	return c->p > start;
}

/* "audit(1795423538.428:3): " */
static int parse_header(struct cursor *c, uint64_t *serial)
{
	uint64_t ignored;

	if (!skip_literal(c, "audit(") ||
	    !take_decimal(c, UINT64_MAX, &ignored) ||
	    !skip_literal(c, ".") ||
	    !take_decimal(c, UINT64_MAX, &ignored) ||
	    !skip_literal(c, ":") ||
	    !take_decimal(c, UINT64_MAX, serial) ||
	    !skip_literal(c, "):"))
		return -1;
	return 0;
}

static bool is_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* The next field: 1, 0 at the end, -1 when malformed. */
static int next_field(struct cursor *c, struct field *f)
{
	const char *stop;

	while (c->p < c->end && *c->p == ' ')
		c->p++;
	if (c->p == c->end)
		return 0;
	f->key = c->p;
	while (c->p < c->end && is_key_char(*c->p))
		c->p++;
	f->key_len = (size_t)(c->p - f->key);
	if (f->key_len == 0 || !skip_literal(c, "="))
		return -1;
	f->quote = '\0';
	if (c->p < c->end && (*c->p == '"' || *c->p == '\''))
		f->quote = *c->p;
	if (f->quote) {
		c->p++;
		stop = memchr(c->p, f->quote, (size_t)(c->end - c->p));
		if (!stop)
			return -1; /* truncated inside a string */
	} else {
		stop = memchr(c->p, ' ', (size_t)(c->end - c->p));
		if (!stop)
			stop = c->end;
	}
	f->val = c->p;
	f->val_len = (size_t)(stop - c->p);
	c->p = stop + (f->quote ? 1 : 0);
	return 1;
}

static bool token_is(const char *s, size_t len, const char *token)
{
	return len == strlen(token) && memcmp(s, token, len) == 0;
}

static bool key_is(const struct field *f, const char *key)
{
	return token_is(f->key, f->key_len, key);
}

static bool val_is(const struct field *f, const char *val)
{
	return token_is(f->val, f->val_len, val);
}

static int field_decimal(const struct field *f, uint64_t max, uint64_t *out)
{
	struct cursor c = { f->val, f->val + f->val_len };

	if (f->quote || !take_decimal(&c, max, out) || c.p != c.end)
		return -1;
	return 0;
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* domain=1a34c35c7: hexadecimal without a prefix, at most 64 bits. */
static int field_hex64(const struct field *f, uint64_t *out)
{
	uint64_t v = 0;

	if (f->quote || f->val_len == 0 || f->val_len > 16)
		return -1;
	for (size_t i = 0; i < f->val_len; i++) {
		int d = hex_digit(f->val[i]);

		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return 0;
}

/*
 * An untrusted string: "quoted", hexadecimal, or "(null)".  A value the
 * kernel could not produce ("<too_long>", "<no_memory>") is kept as text:
 * it is not an absolute path, so nothing will be learned from it.
 */
static int field_string(const struct field *f, char *out, size_t cap,
			size_t *out_len)
{
	bool hex = !f->quote && f->val_len % 2 == 0;
	size_t n = f->val_len;

	for (size_t i = 0; hex && i < n; i++)
		hex = hex_digit(f->val[i]) >= 0;
	if (hex)
		n /= 2;
	if (n >= cap)
		return -1;
	if (hex) {
		for (size_t i = 0; i < n; i++)
			out[i] = (char)(hex_digit(f->val[2 * i]) << 4 |
					hex_digit(f->val[2 * i + 1]));
	} else if (val_is(f, "(null)")) {
		n = 0;
	} else {
		memcpy(out, f->val, n);
	}
	out[n] = '\0';
	*out_len = n;
	return 0;
}

static int field_audit_str(const struct field *f, struct audit_str *s)
{
	return field_string(f, s->s, sizeof(s->s), &s->len);
}

/* comm= is at most 16 bytes in the kernel; longer is not a kernel's. */
static int field_comm(const struct field *f, char *comm, size_t cap)
{
	size_t len;

	if (field_string(f, comm, cap, &len) < 0)
		return -1;
	return memchr(comm, '\0', len) ? -1 : 0;
}

/* "fs.read_file" -> the LL_FS_READ_FILE bit in *bits, named as in
 * landlock.c (the kernel's names). */
static bool add_class_bit(const char *name, size_t len, const char *prefix,
			  const char *(*name_of)(uint64_t bit), uint64_t *bits)
{
	size_t plen = strlen(prefix);

	if (len <= plen || memcmp(name, prefix, plen) != 0)
		return false;
	for (unsigned b = 0; b < 64; b++) {
		const char *known = name_of(1ULL << b);

		if (strcmp(known, "unknown") != 0 &&
		    token_is(name + plen, len - plen, known)) {
			*bits |= 1ULL << b;
			return true;
		}
	}
	return false;
}

static void add_blocker(struct audit_record *r, const char *name, size_t len)
{
	if (token_is(name, len, "ptrace"))
		r->blocked_other |= AUDIT_BLOCK_PTRACE;
	else if (token_is(name, len, "fs.change_topology"))
		r->blocked_other |= AUDIT_BLOCK_CHANGE_TOPOLOGY;
	else if (!add_class_bit(name, len, "fs.", ll_fs_right_name,
				&r->blocked_fs) &&
		 !add_class_bit(name, len, "net.", ll_net_right_name,
				&r->blocked_net) &&
		 !add_class_bit(name, len, "scope.", ll_scope_name,
				&r->blocked_scope))
		r->blocked_other |= AUDIT_BLOCK_UNKNOWN;
}

static int parse_blockers(struct audit_record *r, const struct field *f)
{
	const char *s = f->val, *end = f->val + f->val_len;

	if (f->quote || f->val_len == 0)
		return -1;
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		size_t n = (size_t)((comma ? comma : end) - s);

		if (n == 0)
			return -1;
		add_blocker(r, s, n);
		s += n + (comma ? 1 : 0);
		if (comma && s == end)
			return -1;
	}
	return 0;
}

static int parse_port(struct audit_record *r, const struct field *f)
{
	uint64_t port;

	if (field_decimal(f, 65535, &port) < 0)
		return -1;
	r->port = (unsigned)port;
	r->object = AUDIT_OBJ_PORT;
	return 0;
}

static int parse_addr(struct audit_record *r, const struct field *f)
{
	if (f->quote || f->val_len == 0 || f->val_len >= sizeof(r->addr))
		return -1;
	memcpy(r->addr, f->val, f->val_len);
	r->addr[f->val_len] = '\0';
	return 0;
}

static int parse_pid(const struct field *f, long *out)
{
	uint64_t v;

	if (field_decimal(f, INT32_MAX, &v) < 0)
		return -1;
	*out = (long)v;
	return 0;
}

static int access_field(struct audit_record *r, const struct field *f)
{
	if (key_is(f, "domain"))
		return field_hex64(f, &r->domain);
	if (key_is(f, "blockers"))
		return parse_blockers(r, f);
	if (key_is(f, "path")) {
		r->object = AUDIT_OBJ_PATH;
		return field_audit_str(f, &r->path);
	}
	if (key_is(f, "ino")) {
		/* It follows the path: a record cut after the path lacks it. */
		r->has_inode = true;
		return 0;
	}
	if (key_is(f, "src") || key_is(f, "dest"))
		return parse_port(r, f);
	if (key_is(f, "saddr") || key_is(f, "daddr"))
		return parse_addr(r, f);
	if (key_is(f, "opid")) {
		r->object = AUDIT_OBJ_TASK;
		return parse_pid(f, &r->opid);
	}
	if (key_is(f, "ocomm"))
		return field_comm(f, r->comm, sizeof(r->comm));
	return 0;
}

static int process_field(struct audit_record *r, const struct field *f)
{
	long v;

	if (key_is(f, "pid") || key_is(f, "ppid")) {
		if (parse_pid(f, &v) < 0)
			return -1;
		*(key_is(f, "pid") ? &r->pid : &r->ppid) = (pid_t)v;
		return 0;
	}
	if (key_is(f, "exe"))
		return field_audit_str(f, &r->exe);
	if (key_is(f, "comm"))
		return field_comm(f, r->comm, sizeof(r->comm));
	return 0;
}

static int domain_field(struct audit_record *r, const struct field *f)
{
	uint64_t v;

	if (key_is(f, "domain"))
		return field_hex64(f, &r->domain);
	if (key_is(f, "status")) {
		r->allocated = val_is(f, "allocated");
		r->deallocated = val_is(f, "deallocated");
		return r->allocated || r->deallocated ? 0 : -1;
	}
	if (key_is(f, "denials")) {
		if (field_decimal(f, INT64_MAX, &v) < 0)
			return -1;
		r->denials = (long)v;
		return 0;
	}
	return process_field(r, f);
}

/* code=0x50000: hexadecimal with its prefix, 32 bits. */
static int field_code(const struct field *f, uint32_t *out)
{
	struct field digits = *f;
	uint64_t v;

	if (f->val_len < 3 || memcmp(f->val, "0x", 2) != 0)
		return -1;
	digits.val += 2;
	digits.val_len -= 2;
	if (digits.val_len > 8 || field_hex64(&digits, &v) < 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int seccomp_field(struct audit_record *r, const struct field *f)
{
	uint64_t v;

	if (key_is(f, "arch")) {
		if (f->val_len > 8 || field_hex64(f, &v) < 0)
			return -1;
		r->arch = (uint32_t)v;
		return 0;
	}
	if (key_is(f, "syscall")) {
		if (field_decimal(f, INT32_MAX, &v) < 0)
			return -1;
		r->syscall = (long)v;
		r->has_syscall = true;
		return 0;
	}
	if (key_is(f, "code"))
		return field_code(f, &r->code);
	return process_field(r, f);
}

static int marker_field(struct audit_record *r, const struct field *f)
{
	if (!key_is(f, "msg") || f->quote != '\'')
		return 0;
	if (f->val_len >= sizeof(r->msg))
		return -1;
	memcpy(r->msg, f->val, f->val_len);
	r->msg[f->val_len] = '\0';
	return 0;
}

/*
 * The user text of msg='...' may itself hold spaces and quotes: take
 * everything from the first " msg='" to the closing quote at the end.
 */
static int parse_marker(struct audit_record *r, struct cursor *c)
{
	const char *m = memmem(c->p, (size_t)(c->end - c->p), " msg='", 6);
	struct field f = { .key = "msg", .key_len = 3, .quote = '\'' };

	if (!m)
		return 0;
	f.val = m + 6;
	if (c->end == f.val || c->end[-1] != '\'')
		return -1;
	f.val_len = (size_t)(c->end - 1 - f.val);
	return marker_field(r, &f);
}

static int parse_fields(struct audit_record *r, struct cursor *c,
			int (*fn)(struct audit_record *, const struct field *))
{
	struct field f;
	int ret;

	while ((ret = next_field(c, &f)) > 0)
		if (fn(r, &f) < 0)
			return -1;
	return ret;
}

/* The fields a record of its type cannot do without. */
static int check_complete(const struct audit_record *r)
{
	switch (r->type) {
	case AUDIT_REC_LANDLOCK_ACCESS:
		if (!r->domain || !(r->blocked_fs || r->blocked_net ||
				    r->blocked_scope || r->blocked_other))
			return -1;
		/* A file system denial names its object, inode last. */
		return !r->blocked_fs || r->has_inode ? 0 : -1;
	case AUDIT_REC_LANDLOCK_DOMAIN:
		if (!r->domain)
			return -1;
		return (r->allocated ? r->pid > 0 : r->deallocated) ? 0 : -1;
	case AUDIT_REC_SYSCALL:
		return r->pid > 0 ? 0 : -1;
	case AUDIT_REC_SECCOMP:
		return r->pid > 0 && r->arch && r->has_syscall && r->code ? 0
									  : -1;
	default:
		return 0;
	}
}

/* An abstract unix socket's name starts with a NUL: drop it. */
static void find_abstract_socket(struct audit_record *r)
{
	if (r->type != AUDIT_REC_LANDLOCK_ACCESS ||
	    r->object != AUDIT_OBJ_PATH || r->path.len == 0 ||
	    r->path.s[0] != '\0')
		return;
	memmove(r->path.s, r->path.s + 1, r->path.len);
	r->path.len--;
	r->object = AUDIT_OBJ_ABSTRACT;
}

int audit_record_parse(int type, const char *buf, size_t len,
		       struct audit_record *r)
{
	struct cursor c = { buf, buf + len };
	int ret;

	memset(r, 0, sizeof(*r));
	r->type = type;
	/* The kernel may count a trailing NUL in the length. */
	while (c.end > c.p && c.end[-1] == '\0')
		c.end--;
	if (parse_header(&c, &r->serial) < 0)
		return -1;
	switch (type) {
	case AUDIT_REC_LANDLOCK_ACCESS:
		ret = parse_fields(r, &c, access_field);
		break;
	case AUDIT_REC_LANDLOCK_DOMAIN:
		ret = parse_fields(r, &c, domain_field);
		break;
	case AUDIT_REC_SYSCALL:
		ret = parse_fields(r, &c, process_field);
		break;
	case AUDIT_REC_SECCOMP:
		ret = parse_fields(r, &c, seccomp_field);
		break;
	case AUDIT_REC_TRUSTED_APP:
		ret = parse_marker(r, &c);
		break;
	default:
		return 0;
	}
	if (ret < 0 || check_complete(r) < 0)
		return -1;
	find_abstract_socket(r);
	return 0;
}

int audit_record_parse_line(const char *line, size_t len,
			    struct audit_record *r)
{
	struct cursor c = { line, line + len };
	uint64_t type;

	if (!take_decimal(&c, 65535, &type) || !skip_literal(&c, " "))
		return -1;
	return audit_record_parse((int)type, c.p, (size_t)(c.end - c.p), r);
}
