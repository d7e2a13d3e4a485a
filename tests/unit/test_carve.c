// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Path resolution (path.c) and carving (carve.c) on a temporary tree: the
 * set of rules a policy turns into, rule by rule.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "carve.h"
#include "log.h"
#include "path.h"
#include "policy.h"
#include "spelling.h"
#include "tap.h"

#define RW_DIR (ll_fs_rights(LL_SET_RW, 1))
#define RW_FILE (ll_fs_rights(LL_SET_RW, 0))
#define RO_DIR (ll_fs_rights(LL_SET_RO, 1))
#define RO_FILE (ll_fs_rights(LL_SET_RO, 0))

static char top[256];

/* What carve_rule() emitted, as "PATH=RIGHTS" lines, sorted. */
static char rules[64][PATH_MAX + 32];
static size_t nrules;
/* Called on the first emit: a change of the tree during the walk. */
static void (*during_walk)(void);

static int record(void *arg, int fd, const char *path, uint64_t rights)
{
	struct stat st;

	(void)arg;
	if (during_walk) {
		void (*fn)(void) = during_walk;

		during_walk = NULL;
		fn();
	}
	if (fstat(fd, &st) < 0 || nrules == 64)
		return -1;
	snprintf(rules[nrules++], sizeof(rules[0]), "%s=%#llx",
		 path + strlen(top), (unsigned long long)rights);
	return 0;
}

static int compare(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void mk(const char *rel, bool dir)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	if (dir) {
		if (mkdir(path, 0755) < 0)
			die_with_error("mkdir %s", path);
		return;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die_with_error("create %s", path);
	close(fd);
}

static void ln(const char *target, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	if (symlink(target, path) < 0)
		die_with_error("symlink %s", path);
}

static char *at(const char *rel)
{
	static char buf[4][PATH_MAX];
	static int next;
	char *s = buf[next++ % 4];

	snprintf(s, PATH_MAX, "%s%s%s", top, *rel ? "/" : "", rel);
	return s;
}

static void fresh_tree(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf %s/h", top);
	if (system(cmd) != 0)
		die("cannot clean %s", top);
	mk("h", true);
	mk("h/.ssh", true);
	mk("h/.ssh/id", false);
	mk("h/.ssh/sub", true);
	mk("h/.bashrc", false);
	mk("h/proj", true);
	mk("h/proj/f", false);
	mk("h/.config", true);
	mk("h/.config/gh", true);
	mk("h/.config/gh/hosts", false);
	mk("h/.config/app", true);
	mk("h/.config/fish", false);
	mk("h/file", false);
	ln("/etc", "h/etc-link");
}

/*
 * Carve the rule @rule (@set) with @carvings ("deny:REL", "ro:REL",
 * NULL-terminated) and return what carve_rule() did; the rules are in
 * rules[], sorted.
 */
static int carve(unsigned set, const char *rule, const char *const *carvings)
{
	struct policy p;
	struct carve c;
	bool is_dir;
	int fd, ret;

	nrules = 0;
	policy_init(&p);
	if (policy_add_path(&p, set, at(rule), "rule") < 0)
		die("%s", p.err);
	for (const char *const *s = carvings; *s; s++) {
		bool deny = strncmp(*s, "deny:", 5) == 0;
		const char *rel = strchr(*s, ':') + 1;

		if (policy_add_path(&p, deny ? LL_SET_DENY : LL_SET_READ_ONLY,
				    rel[0] == '/' ? rel : at(rel), *s) < 0)
			die("%s", p.err);
	}
	if (carve_open(&p, &c) < 0) {
		printf("# %s\n", p.err);
		policy_free(&p);
		return -2;
	}
	fd = policy_open_path(&p, 0, &is_dir);
	if (fd < 0)
		die("%s", p.err);
	ret = carve_rule(&c, &p, 0, fd, is_dir,
			 ll_fs_rights(set, is_dir) & ll_fs_supported(9),
			 record, NULL);
	if (ret < 0)
		printf("# %s\n", p.err);
	close(fd);
	carve_close(&c);
	policy_free(&p);
	qsort(rules, nrules, sizeof(rules[0]), compare);
	return ret;
}

/* Is "REL=RIGHTS" among the rules? */
static bool has(const char *rel, uint64_t rights)
{
	char want[PATH_MAX + 32];

	snprintf(want, sizeof(want), "/%s=%#llx", rel,
		 (unsigned long long)rights);
	for (size_t i = 0; i < nrules; i++)
		if (strcmp(rules[i], want) == 0)
			return true;
	return false;
}

/* Is there a rule on REL, or beneath it? */
static bool any_beneath(const char *rel)
{
	size_t n = strlen(rel);

	for (size_t i = 0; i < nrules; i++)
		if (strncmp(rules[i] + 1, rel, n) == 0 &&
		    (rules[i][n + 1] == '=' || rules[i][n + 1] == '/'))
			return true;
	return false;
}

static void test_resolve(void)
{
	struct resolved_path r;
	struct stat st;

	mk("r", true);
	mk("r/dir", true);
	mk("r/file", false);
	ln("dir", "r/rel");
	ln(at("r/dir"), "r/abs");
	ln("../r/dir/../dir", "r/dotted");
	ln("loop2", "r/loop1");
	ln("loop1", "r/loop2");
	ln("nowhere/x", "r/dangling");

	is_int(path_resolve(at("r/dir"), &r), 0, "resolve a directory");
	is_str(r.path, at("r/dir"), "its path");
	ok(r.exists, "it exists");
	ok(stat(at("r/dir"), &st) == 0 &&
		   path_level_is(&r.levels[r.nlevels - 1], st.st_dev,
				 st.st_ino),
	   "the last level is its object");
	ok(stat("/", &st) == 0 &&
		   path_level_is(&r.levels[0], st.st_dev, st.st_ino) &&
		   r.levels[0].len == 1,
	   "the first level is /");
	is_int(path_resolve(at("r/rel"), &r), 0, "relative link");
	is_str(r.path, at("r/dir"), "relative link resolved");
	is_int(path_resolve(at("r/abs/"), &r), 0, "absolute link");
	is_str(r.path, at("r/dir"), "absolute link resolved");
	is_int(path_resolve(at("r/dotted"), &r), 0, "link with ..");
	is_str(r.path, at("r/dir"), "link with .. resolved");
	is_int(path_resolve(at("r/./dir/../rel/."), &r), 0, ". and ..");
	is_str(r.path, at("r/dir"), ". and .. applied");
	is_int(path_resolve(at("r/dir/a/b"), &r), 0, "missing tail");
	is_str(r.path, at("r/dir/a/b"), "missing tail kept");
	ok(!r.exists, "missing tail does not exist");
	is_str(r.path + 0, at("r/dir/a/b"), "");
	is_int(r.levels[r.nlevels - 1].len, strlen(at("r/dir")),
	       "levels end at the deepest existing directory");
	is_int(path_resolve(at("r/dir/a/../../file"), &r), 0,
	       ".. out of the missing part");
	is_str(r.path, at("r/file"), "back in the existing part");
	ok(r.exists, "and it exists");
	is_int(path_resolve(at("r/dangling"), &r), 0, "dangling link");
	is_str(r.path, at("r/nowhere/x"), "where its target would be");
	ok(!r.exists, "dangling link does not exist");
	errno = 0;
	is_int(path_resolve(at("r/loop1"), &r), -1, "link loop");
	is_int(errno, ELOOP, "ELOOP");
	errno = 0;
	is_int(path_resolve(at("r/file/x"), &r), -1, "beneath a file");
	is_int(errno, ENOTDIR, "ENOTDIR");
	if (chdir(at("r")) == 0) {
		is_int(path_resolve("rel/../file", &r), 0, "relative path");
		is_str(r.path, at("r/file"), "relative to the cwd");
		if (chdir("/") < 0)
			die_with_error("chdir /");
	}
	is_int(path_resolve("/..", &r), 0, "/..");
	is_str(r.path, "/", "/.. is /");
}

static void test_no_carving(void)
{
	const char *const none[] = { NULL };
	const char *const outside[] = { "deny:r/dir", NULL };
	const char *const same[] = { "deny:h/.ssh", NULL };
	const char *const ro_ro[] = { "ro:h/.bashrc", "ro:h/.config", NULL };

	is_int(carve(LL_SET_RW, "h", none), 0, "no carving: rule as given");
	ok(nrules == 1 && has("h", RW_DIR), "one rule, all its rights");
	is_int(carve(LL_SET_RW, "h", outside), 0,
	       "carving beneath no rule costs nothing");
	ok(nrules == 1 && has("h", RW_DIR), "the rule as given");
	is_int(carve(LL_SET_RW, "h/.ssh", same), 0,
	       "a rule on the carved path itself applies");
	ok(nrules == 1 && has("h/.ssh", RW_DIR), "as given");
	is_int(carve(LL_SET_RW, "h/.ssh/sub", same), 0,
	       "a rule inside a carved path applies");
	ok(nrules == 1 && has("h/.ssh/sub", RW_DIR), "as given");
	is_int(carve(LL_SET_RO, "h", ro_ro), 0,
	       "read-only inside a read-only rule costs nothing");
	ok(nrules == 1 && has("h", RO_DIR), "the rule as given");
}

static void test_deny(void)
{
	const char *const ssh[] = { "deny:h/.ssh", NULL };
	const char *const file[] = { "deny:h/file", NULL };

	is_int(carve(LL_SET_RW, "h", ssh), 1, "deny a directory");
	ok(has("h", LL_FS_READ_DIR), "the rule's directory: listing only");
	ok(has("h/proj", RW_DIR), "a directory beside: the rule's rights");
	ok(has("h/.config", RW_DIR), "another one");
	ok(has("h/.bashrc", RW_FILE), "a file beside: the file rights");
	ok(!any_beneath("h/.ssh"), "nothing on or beneath the denied path");
	ok(!any_beneath("h/etc-link"), "a symbolic link gets no rule");
	is_int(nrules, 5, "five rules");
	is_int(carve(LL_SET_RO, "h", file), 1, "deny a file in a ro rule");
	ok(has("h", LL_FS_READ_DIR) && has("h/proj", RO_DIR) &&
		   !any_beneath("h/file"),
	   "the file gets nothing, the rest ro");
}

static void test_read_only(void)
{
	const char *const rc[] = { "ro:h/.bashrc", NULL };
	const char *const cfg[] = { "ro:h/.config", NULL };

	is_int(carve(LL_SET_RWX, "h", rc), 1, "read-only file in rwx");
	ok(has("h/.bashrc", LL_FS_READ_FILE | LL_FS_EXECUTE),
	   "it keeps read and execute");
	ok(has("h/file", ll_fs_rights(LL_SET_RWX, 0)), "the file beside rwx");
	is_int(carve(LL_SET_RW, "h", cfg), 1, "read-only directory in rw");
	ok(has("h/.config", LL_FS_READ_FILE | LL_FS_READ_DIR),
	   "it keeps read (no execute was granted)");
	ok(!any_beneath("h/.config/gh"), "nothing more beneath it");
}

static void test_nested(void)
{
	const char *const deny_in_ro[] = { "ro:h/.config", "deny:h/.config/gh",
					   NULL };
	const char *const ro_in_deny[] = { "deny:h/.config",
					   "ro:h/.config/gh", NULL };
	const char *const two[] = { "deny:h/.ssh", "deny:h/.config/gh",
				    "ro:h/.bashrc", NULL };

	is_int(carve(LL_SET_RW, "h", deny_in_ro), 2, "deny inside read-only");
	ok(has("h", LL_FS_READ_DIR) && has("h/.config", LL_FS_READ_DIR),
	   "both directories on the way: listing only");
	ok(has("h/.config/app", RO_DIR) && has("h/.config/fish", RO_FILE),
	   "beside the deny, inside the read-only: read");
	ok(!any_beneath("h/.config/gh"), "the deny: nothing");
	ok(has("h/proj", RW_DIR), "outside both: the rule's rights");
	is_int(carve(LL_SET_RW, "h", ro_in_deny), 2, "read-only inside deny");
	ok(!any_beneath("h/.config"), "the deny wins: nothing beneath it");
	is_int(carve(LL_SET_RW, "h", two), 3, "three carvings, one walk");
	ok(has("h/.bashrc", LL_FS_READ_FILE) && !any_beneath("h/.ssh") &&
		   !any_beneath("h/.config/gh") &&
		   has("h/.config/app", RW_DIR) &&
		   has("h/.config", LL_FS_READ_DIR),
	   "each carved as alone");
}

static void test_links(void)
{
	const char *const via_link[] = { "deny:hl/.ssh", NULL };
	const char *const hard[] = { "deny:h/file", NULL };
	char target[PATH_MAX];

	ln("h", "hl");
	is_int(carve(LL_SET_RW, "hl", via_link), 1,
	       "rule and carving through a symbolic link");
	ok(!any_beneath("hl/.ssh") && has("hl/proj", RW_DIR),
	   "carved as the real directory");
	snprintf(target, sizeof(target), "%s", at("h/file2"));
	if (link(at("h/file"), target) < 0)
		die_with_error("link");
	is_int(carve(LL_SET_RW, "h", hard), 1, "deny a file with two names");
	ok(!any_beneath("h/file") && !any_beneath("h/file2"),
	   "both names beside each other: nothing");
	ok(has("h/proj", RW_DIR), "beside them, as the rule");
	unlink(target);
	unlink(at("hl"));
}

static void test_missing(void)
{
	const char *const gone[] = { "deny:h/.aws?", NULL };
	const char *const deep[] = { "deny:h/.local/share/keyrings?", NULL };
	const char *const needed[] = { "deny:h/.aws", NULL };
	const char *const beneath_file[] = { "deny:h/file/x?", NULL };

	is_int(carve(LL_SET_RW, "h", gone), 1, "a missing deny in rw");
	ok(has("h", LL_FS_READ_DIR) && has("h/proj", RW_DIR) &&
		   has("h/.ssh", RW_DIR),
	   "its directory keeps listing only: it cannot be created");
	is_int(carve(LL_SET_RW, "h", deep), 1, "missing two levels deep");
	ok(has("h", LL_FS_READ_DIR), "the deepest existing one is the way");
	is_int(carve(LL_SET_RO, "h", gone), 0,
	       "a missing deny in ro costs nothing (nothing can be created)");
	ok(nrules == 1 && has("h", RO_DIR), "the rule as given");
	is_int(carve(LL_SET_RW, "h", needed), -2,
	       "a missing deny without ? is an error");
	is_int(carve(LL_SET_RW, "h", beneath_file), 0,
	       "beneath a file, optional: skipped");
}

static char moved_from[PATH_MAX], moved_to[PATH_MAX];

static void move_it(void)
{
	if (rename(moved_from, moved_to) < 0)
		die_with_error("rename");
}

static void remove_it(void)
{
	if (unlink(moved_from) < 0)
		die_with_error("unlink");
}

static void test_races(void)
{
	const char *const ssh[] = { "deny:h/.ssh", NULL };
	const char *const aws[] = { "deny:h/.aws?", NULL };

	snprintf(moved_from, sizeof(moved_from), "%s", at("h/.ssh"));
	snprintf(moved_to, sizeof(moved_to), "%s", at("h/proj/.ssh"));
	during_walk = move_it;
	is_int(carve(LL_SET_RW, "h", ssh), -1,
	       "the carved path moved away during the walk: an error");
	fresh_tree();
	snprintf(moved_to, sizeof(moved_to), "%s", at("h/zz-renamed"));
	during_walk = move_it;
	ok(carve(LL_SET_RW, "h", ssh) == -1 && !any_beneath("h/zz-renamed"),
	   "renamed beside itself: never a rule, and an error");
	fresh_tree();
	snprintf(moved_from, sizeof(moved_from), "%s", at("h/file"));
	during_walk = remove_it;
	is_int(carve(LL_SET_RW, "h", ssh), 1,
	       "an entry vanishing during the walk is no error");
	ok(!any_beneath("h/file"), "and gets no rule");
	fresh_tree();
	snprintf(moved_from, sizeof(moved_from), "%s", at("h/proj"));
	snprintf(moved_to, sizeof(moved_to), "%s", at("h/.aws"));
	during_walk = move_it;
	is_int(carve(LL_SET_RW, "h", aws), -1,
	       "a missing carved path created during the walk: an error");
	fresh_tree();
}

static const char *nearest(const char *word, const char *const *names)
{
	static char buf[256];
	struct suggest s;

	suggest_init(&s, word);
	for (; *names; names++)
		suggest_consider(&s, *names);
	return suggest_format(&s, "--", buf, sizeof(buf));
}

static void test_suggest(void)
{
	const char *const options[] = { "ro", "rox", "rw", "rwx", "deny",
					"read-only", "profile", NULL };
	const char *const profiles[] = { "base", "build", "shell", "node",
					 NULL };

	is_str(nearest("rwo", options), "did you mean --ro or --rw?",
	       "--rwo: --ro or --rw");
	is_str(nearest("bulid", profiles), "did you mean --build?",
	       "bulid: a swap of two letters is one step");
	is_str(nearest("read-onyl", options), "did you mean --read-only?",
	       "read-onyl");
	is_str(nearest("zzz", options), "", "nothing near: no suggestion");
}

int main(void)
{
	char tmpl[] = "/tmp/landshim-carve.XXXXXX";
	char cmd[64];

	if (!mkdtemp(tmpl))
		die_with_error("mkdtemp");
	/* The tree's path as the kernel names it (TMPDIR may be a link). */
	{
		char *real = realpath(tmpl, NULL);

		if (!real || strlen(real) >= sizeof(top))
			die_with_error("realpath");
		memcpy(top, real, strlen(real) + 1);
		free(real);
	}
	test_suggest();
	test_resolve();
	fresh_tree();
	test_no_carving();
	test_deny();
	test_read_only();
	test_nested();
	test_links();
	test_missing();
	test_races();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpl);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
