// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target: the ELF parser of the dependency resolver. */
#include "config.h"

#include <stdint.h>

#include "elfdeps.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_info info;
	char err[512];

	elf_parse_image(data, size, "fuzz", &info, err, sizeof(err));
	return 0;
}
