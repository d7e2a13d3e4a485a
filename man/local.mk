# Manual pages.
dist_man_MANS += man/landshim.1 man/landshim.conf.5 man/landshim-env.7
