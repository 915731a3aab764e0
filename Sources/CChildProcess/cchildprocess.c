// The GNU extensions below are hidden from Swift's view of the C library.
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include "cchildprocess.h"

int child_process_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int child_process_add_chdir(posix_spawn_file_actions_t *actions, const char *directory) {
    return posix_spawn_file_actions_addchdir_np(actions, directory);
}
