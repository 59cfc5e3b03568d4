/*
 * berth-helper entry point: reads the config from fd 3, then either detaches a monitor that creates and
 * watches one container (`run`; fork + setsid so it outlives the caller's session) or runs a process inside
 * a running container (`exec`). The helper is made non-dumpable first so a container can never open it
 * through /proc/<pid>/exe or ptrace it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "helper.h"

/* One fork: the monitor leaves the caller's session (setsid) and is re-parented when the helper exits. */
static void detach_monitor(const struct config *cfg) {
  pid_t pid = fault("detach") ? -1 : fork();
  if (pid < 0) fail(EXIT_MONITOR, "detach", "fork monitor of container %s", cfg->id);
  if (pid == 0) {
    setsid();
    run_monitor(cfg);
  }
  close(sync_fd);
}

int main(int argc, char **argv) {
  sync_fd = 4;
  if (fcntl(4, F_SETFD, FD_CLOEXEC) < 0) return EXIT_PROTOCOL;
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) fail(EXIT_MONITOR, "dumpable", "make helper non-dumpable");
  signal(SIGPIPE, SIG_IGN); /* a caller that died must not kill the monitor; exec_program restores it */
  if (argc != 2 || (strcmp(argv[1], "run") != 0 && strcmp(argv[1], "exec") != 0))
    fail_errno(EXIT_PROTOCOL, "usage", EINVAL, "usage: berth-helper run|exec 3<config 4>sync");
  struct config cfg;
  parse_config(3, &cfg);
  close(3);
  if (cfg.lifeline && (strcmp(argv[1], "exec") != 0 || fcntl(LIFELINE_FD, F_SETFD, FD_CLOEXEC) < 0))
    fail_errno(EXIT_PROTOCOL, "config", EBADF, "lifeline needs exec mode and fd %d open", LIFELINE_FD);
  if (strcmp(argv[1], "exec") == 0) run_exec(&cfg);
  detach_monitor(&cfg);
  return 0;
}
