# bash completion, installed where bash-completion loads it on demand
# (configure: --with-bash-completion-dir).
dist_bashcompletion_DATA = completion/landshim
