# Packaging (issue 17): the packager's wrapper recipe (--print-env
# --library), --version, make install and uninstall into a DESTDIR, the
# systemd unit examples, the bash completion, the documentation of every
# variable and key.  The Debian package itself is built, installed and
# purged by .ci/deb.
TESTS += tests/e2e/packaging.bats tests/e2e/completion.bats
EXTRA_DIST += conf/systemd/landshim-launcher-example.service \
	conf/systemd/landshim-env-example.service \
	.ci/deb .ci/quickstart \
	debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/landshim.examples \
	debian/landshim.lintian-overrides
