/*
 * Creates the container process: clone() into new namespaces, then, in the child, wait on the go pipe
 * (when there is one) until the monitor has written its pid into every cgroup.procs file, join the
 * `cgroup_tasks` groups itself (v1), so the cgroups hold it before any user instruction; join a given
 * netns, unshare the cgroup namespace (rooted at its own group), set the hostname, build the rootfs,
 * (with a tty) take a pty from the container's devpts as stdio, set up the process and exec. Every
 * failure reports its step and errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

void setup_stdio(const struct child_stdio *stdio) {
  if (stdio->tty) {
    if (setsid() < 0 || ioctl(stdio->in, TIOCSCTTY, 0) < 0) fail(EXIT_MONITOR, "tty", "make pty the controlling terminal");
  }
  if (dup2(stdio->in, 0) < 0 || dup2(stdio->out, 1) < 0 || dup2(stdio->err, 2) < 0)
    fail(EXIT_MONITOR, "stdio", "set up container stdio");
}

static void join_netns(const struct config *cfg) {
  int fd = open(cfg->netns_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fault("netns")) fail(EXIT_NAMESPACE, "netns", "open network namespace %s", cfg->netns_path);
  if (setns(fd, CLONE_NEWNET) < 0) fail(EXIT_NAMESPACE, "netns", "join network namespace %s", cfg->netns_path);
  close(fd);
}

static __attribute__((noreturn)) void child_main(const struct config *cfg, int go_fd, const struct child_stdio *stdio) {
  if (go_fd >= 0) {
    char go;
    ssize_t r;
    while ((r = read(go_fd, &go, 1)) < 0 && errno == EINTR) {}
    if (r != 1) _exit(EXIT_CGROUP);
    close(go_fd);
  }
  join_own_cgroups(cfg);
  umask(0);
  if (stdio->console < 0) setup_stdio(stdio);
  if (cfg->netns_path != NULL) join_netns(cfg);
  if (cfg->cgroup_ns && (fault("cgroupns") || unshare(CLONE_NEWCGROUP) < 0))
    fail(EXIT_NAMESPACE, "cgroupns", "unshare cgroup namespace of container %s", cfg->id);
  if (cfg->hostname != NULL && (fault("hostname") || sethostname(cfg->hostname, strlen(cfg->hostname)) < 0))
    fail(EXIT_PROCESS, "hostname", "set hostname %s", cfg->hostname);
  setup_rootfs(cfg);
  umask(022);
  if (stdio->console >= 0) open_console(cfg, stdio->console);
  setup_process(cfg);
  if (cfg->init) run_init(cfg, error_fd);
  exec_program(cfg);
}

/* v2: creates the child directly inside its cgroup (no migration, no RCU wait); -1 when unavailable. */
static pid_t clone_into_cgroup(const struct config *cfg) {
  if (cfg->cgroup_dir == NULL) return -1;
  int fd = open(cfg->cgroup_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct clone_args args;
  memset(&args, 0, sizeof(args));
  args.flags = (uint64_t)(unsigned)cfg->ns_flags | CLONE_INTO_CGROUP;
  args.exit_signal = SIGCHLD;
  args.cgroup = (uint64_t)fd;
  pid_t pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
  int err = errno;
  if (pid != 0) close(fd);
  errno = err;
  return pid;
}

pid_t spawn_container(const struct config *cfg, int go_fd, int err_fd, const struct child_stdio *stdio, int *in_cgroup) {
  pid_t pid = fault("clone") ? -1 : clone_into_cgroup(cfg);
  *in_cgroup = pid >= 0;
  if (pid < 0 && !fault("clone")) pid = (pid_t)syscall(SYS_clone, (unsigned long)cfg->ns_flags | SIGCHLD, NULL, NULL, NULL, NULL);
  if (pid < 0) fail(EXIT_NAMESPACE, "clone", "clone container %s into new namespaces", cfg->id);
  if (pid > 0) return pid;
  error_fd = err_fd;
  close(sync_fd);
  sync_fd = -1;
  child_main(cfg, go_fd, stdio);
}
