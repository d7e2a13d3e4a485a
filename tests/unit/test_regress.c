// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Regressions found by the security work (fuzzing, sanitizers, static
 * analysis) that no other unit test reaches.
 */
#include "config.h"

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfdeps.h"
#include "tap.h"

static char image[1 << 22];

/* This test program, its PT_INTERP made relative ("lib64/ld-linux..."). */
static size_t relative_interp_copy(void)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, image, sizeof(image));
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;

	if (fd >= 0)
		close(fd);
	if (n <= (ssize_t)sizeof(*eh))
		return 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(image + eh->e_phoff +
							    i * eh->e_phentsize);
		char *interp = image + ph->p_offset;

		if (ph->p_type == PT_INTERP && interp[0] == '/') {
			memmove(interp, interp + 1, strlen(interp));
			return (size_t)n;
		}
	}
	return 0;
}

static int count(const char *path, void *arg)
{
	(void)path;
	++*(int *)arg;
	return 0;
}

/* Leave garbage where the resolver's locals will be, as a crash would. */
static void __attribute__((noinline)) dirty_stack(void)
{
	volatile char junk[8192];

	memset((char *)junk, 0x41, sizeof(junk));
}

/*
 * A relative interpreter from a deleted working directory: absolute()
 * failed without setting its result, and the caller freed that garbage.
 */
static void test_relative_interp_without_cwd(void)
{
	char prog[] = "/tmp/landshim-regress.XXXXXX";
	char dir[] = "/tmp/landshim-regress-cwd.XXXXXX";
	size_t size = relative_interp_copy();
	int fd = mkstemp(prog), found = 0, ret;
	char err[512] = "";

	ok(size > 0 && fd >= 0 && write(fd, image, size) == (ssize_t)size,
	   "a copy with a relative PT_INTERP");
	close(fd);
	ok(mkdtemp(dir) && chdir(dir) == 0 && rmdir(dir) == 0,
	   "the working directory is gone");
	dirty_stack();
	ret = elf_deps(prog, NULL, count, &found, err, sizeof(err));
	is_int(ret, -1, "relative interpreter without a cwd: an error");
	ok(strstr(err, "cannot get the current directory") != NULL,
	   "saying why");
	ok(chdir("/") == 0 && unlink(prog) == 0, "cleaned up");
}

int main(void)
{
	test_relative_interp_without_cwd();
	return done_testing();
}
