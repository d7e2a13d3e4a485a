# Config files: the example and the shipped profiles (installed under
# $(sysconfdir)/landshim), and the tests of the config file parser.
landshimconfdir = $(sysconfdir)/landshim
dist_landshimconf_DATA = conf/landshim.conf.example
profilesdir = $(sysconfdir)/landshim/profiles
dist_profiles_DATA = \
	conf/profiles/base.conf \
	conf/profiles/shell.conf \
	conf/profiles/build.conf \
	conf/profiles/network-files.conf \
	conf/profiles/network-client.conf \
	conf/profiles/python.conf \
	conf/profiles/node.conf \
	conf/profiles/java.conf \
	conf/profiles/git.conf \
	conf/profiles/agent.conf \
	conf/profiles/secrets.conf

check_PROGRAMS += tests/unit/test_policy_file
tests_unit_test_policy_file_SOURCES = tests/unit/test_policy_file.c \
	tests/unit/tap.h
tests_unit_test_policy_file_LDADD = src/core/libpolicyfile.la src/core/libcore.la
TESTS += tests/unit/test_policy_file tests/e2e/config.bats \
	tests/e2e/profiles.bats
