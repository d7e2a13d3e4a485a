// SPDX-License-Identifier: GPL-2.0-or-later
/* The one list of paths that hold secrets, for --learn. */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "secrets.h"

/* Credentials and keys of the system: these paths and all beneath them;
 * a trailing '*' makes an entry a name prefix. */
static const char *const system_secrets[] = {
	"/etc/shadow",
	"/etc/shadow-",
	"/etc/gshadow",
	"/etc/gshadow-",
	"/etc/security/opasswd",
	"/etc/sudoers",
	"/etc/sudoers.d",
	"/etc/ssh/ssh_host_*",
	"/etc/ssl/private",
	"/etc/krb5.keytab",
	"/etc/wireguard",
	"/etc/NetworkManager/system-connections",
	"/etc/letsencrypt",
	"/root",
};

/* A user's credentials, keys and browser profiles, wherever the home. */
static const char *const home_secrets[] = {
	"~/.ssh",
	"~/.gnupg",
	"~/.aws",
	"~/.azure",
	"~/.config/gcloud",
	"~/.kube",
	"~/.docker/config.json",
	"~/.netrc",
	"~/.pgpass",
	"~/.password-store",
	"~/.local/share/keyrings",
	"~/.git-credentials",
	"~/.vault-token",
	"~/.npmrc",
	"~/.pypirc",
	"~/.cargo/credentials.toml",
	"~/.config/gh",
	"~/.mozilla",
	"~/.config/google-chrome",
	"~/.config/chromium",
};

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Is @path @top or beneath it?  @len: how much of @top counts. */
static bool beneath(const char *path, const char *top, size_t len)
{
	if (len == 1 && top[0] == '/')
		return path[0] == '/';
	return strncmp(path, top, len) == 0 &&
	       (path[len] == '\0' || path[len] == '/');
}

static bool matches_system(const char *path, const char *secret)
{
	size_t len = strlen(secret);

	if (secret[len - 1] == '*')
		return strncmp(path, secret, len - 1) == 0;
	return beneath(path, secret, len);
}

/* Does "/<rel>" appear in @path as whole components? */
static bool has_components(const char *path, const char *rel)
{
	size_t len = strlen(rel);

	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/'))
		if (beneath(s + 1, rel, len))
			return true;
	return false;
}

/* Is a secret-holding home directory at @dir or beneath it? */
static bool holds_home(const char *dir)
{
	const char *home = getenv("HOME");
	struct passwd *pw;
	bool found = home && home[0] == '/' && beneath(home, dir, strlen(dir));

	setpwent();
	/* The superuser's and people's homes, not system accounts'. */
	while (!found && (pw = getpwent()))
		found = (pw->pw_uid == 0 ||
			 (pw->pw_uid >= 1000 && pw->pw_uid != 65534)) &&
			pw->pw_dir[0] == '/' && pw->pw_dir[1] != '\0' &&
			beneath(pw->pw_dir, dir, strlen(dir));
	endpwent();
	return found;
}

const char *secret_exposed_by(const char *path, bool is_dir)
{
	for (size_t i = 0; i < N(system_secrets); i++) {
		const char *s = system_secrets[i];

		if (matches_system(path, s) ||
		    (is_dir && beneath(s, path, strlen(path))))
			return s;
	}
	for (size_t i = 0; i < N(home_secrets); i++)
		if (has_components(path, home_secrets[i] + 2))
			return home_secrets[i];
	if (is_dir && holds_home(path))
		return "a home directory (~/.ssh, ~/.gnupg, ...)";
	return NULL;
}
