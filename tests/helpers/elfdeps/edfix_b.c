// SPDX-License-Identifier: GPL-2.0-or-later
/* Fixture library B of the ELF dependency tests: it needs library A. */
int edfix_a(void);
int edfix_b(void);

int edfix_b(void)
{
	return edfix_a() + 1;
}
