#include <spawn.h>

/// pipe2(O_CLOEXEC): a pipe no other program started meanwhile inherits.
int child_process_pipe(int fds[2]);

/// posix_spawn_file_actions_addchdir_np: the child starts in `directory`.
int child_process_add_chdir(posix_spawn_file_actions_t *actions, const char *directory);
