// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsnprintf() for the shim's messages: flags '-' and '0', a width and a
 * precision (digits or '*'), the length modifiers hh h l ll z t j, and the
 * conversions d i u x X o c s p %.  No floating point, no positional
 * arguments.  It returns the length the whole output would have, as C99
 * says, and always terminates the buffer when size > 0.
 */
#include "config.h"

#include "libc.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padding(struct out *o, char c, int n)
{
	while (n-- > 0)
		put_char(o, c);
}

struct spec {
	bool left, zero;
	int width, precision; /* precision < 0: none */
	int length;	      /* 'H' hh, 'h', 'l', 'L' ll, 'z', 't', 'j', 0 */
	char conv;
};

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t n;
	int pad;

	if (!s)
		s = "(null)";
	n = sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s);
	pad = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!sp->left)
		put_padding(o, ' ', pad);
	for (size_t i = 0; i < n; i++)
		put_char(o, s[i]);
	if (sp->left)
		put_padding(o, ' ', pad);
}

/* Digits of @v in @base, least significant first, into @digits. */
static int to_digits(uintmax_t v, unsigned base, bool upper, char *digits)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		digits[n++] = set[v % base];
		v /= base;
	} while (v);
	return n;
}

static void put_number(struct out *o, const struct spec *sp, uintmax_t v,
		       bool negative, unsigned base, const char *prefix)
{
	char digits[sizeof(uintmax_t) * 3 + 1];
	int n = 0, zeros = 0, len, pad;
	size_t plen = strlen(prefix) + (negative ? 1 : 0);

	if (!(sp->precision == 0 && v == 0))
		n = to_digits(v, base, sp->conv == 'X', digits);
	if (sp->precision > n)
		zeros = sp->precision - n;
	len = n + zeros + (int)plen;
	pad = sp->width > len ? sp->width - len : 0;
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		put_padding(o, ' ', pad);
	if (negative)
		put_char(o, '-');
	for (const char *p = prefix; *p; p++)
		put_char(o, *p);
	put_padding(o, '0', zeros);
	while (n--)
		put_char(o, digits[n]);
	if (sp->left)
		put_padding(o, ' ', pad);
}

static intmax_t signed_arg(va_list *ap, int length)
{
	switch (length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t unsigned_arg(va_list *ap, int length)
{
	switch (length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
	case 't':
		return va_arg(*ap, size_t);
	case 'j':
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

static const char *parse_int(const char *f, int *out, va_list *ap)
{
	if (*f == '*') {
		*out = va_arg(*ap, int);
		return f + 1;
	}
	*out = 0;
	while (*f >= '0' && *f <= '9' && *out < INT_MAX / 10)
		*out = *out * 10 + (*f++ - '0');
	return f;
}

static const char *parse_length(const char *f, int *length)
{
	*length = 0;
	if (f[0] == 'h' && f[1] == 'h')
		return *length = 'H', f + 2;
	if (f[0] == 'l' && f[1] == 'l')
		return *length = 'L', f + 2;
	if (*f && strchr("hlztj", *f))
		return *length = *f, f + 1;
	return f;
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->precision = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	f = parse_int(f, &sp->width, ap);
	if (sp->width < 0) {
		sp->left = true;
		sp->width = -sp->width;
	}
	if (*f == '.') {
		f = parse_int(f + 1, &sp->precision, ap);
		if (sp->precision < 0)
			sp->precision = -1;
	}
	f = parse_length(f, &sp->length);
	sp->conv = *f;
	return *f ? f + 1 : f;
}

static void convert(struct out *o, const struct spec *sp, va_list *ap)
{
	intmax_t s;
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i':
		s = signed_arg(ap, sp->length);
		put_number(o, sp, s < 0 ? -(uintmax_t)s : (uintmax_t)s, s < 0,
			   10, "");
		break;
	case 'u':
		put_number(o, sp, unsigned_arg(ap, sp->length), false, 10, "");
		break;
	case 'x':
	case 'X':
		put_number(o, sp, unsigned_arg(ap, sp->length), false, 16, "");
		break;
	case 'o':
		put_number(o, sp, unsigned_arg(ap, sp->length), false, 8, "");
		break;
	case 'p':
		put_number(o, sp, (uintptr_t)va_arg(*ap, void *), false, 16,
			   "0x");
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padding(o, ' ', sp->left ? 0 : sp->width - 1);
		put_char(o, c);
		put_padding(o, ' ', sp->left ? sp->width - 1 : 0);
		break;
	case 's':
		put_string(o, sp, va_arg(*ap, const char *));
		break;
	case '%':
		put_char(o, '%');
		break;
	default: /* not supported: shown, so that the message says so */
		put_char(o, '%');
		if (sp->conv)
			put_char(o, sp->conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		struct spec sp;

		if (*fmt != '%') {
			put_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		convert(&o, &sp, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? INT_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
