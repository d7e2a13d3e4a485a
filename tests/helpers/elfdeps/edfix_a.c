// SPDX-License-Identifier: GPL-2.0-or-later
/* Fixture library A of the ELF dependency tests. */
int edfix_a(void);

int edfix_a(void)
{
	return 1;
}
