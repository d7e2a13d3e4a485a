# Manual pages.
dist_man_MANS += man/landshim.conf.5
