/*
 * `exec` mode: a new process inside a running container. The helper joins the container's cgroups, then
 * its namespaces (cgroup first, mnt last, which also makes the container's root ours), forks so the
 * child lands in the pid namespace, applies the same process policy (user, caps, rlimits, no_new_privs)
 * and execs. Stdio is the caller's, or a pty from the container's own devpts. Exits with the status.
 * With `lifeline` the process leads its own process group (a tty exec's setsid does that too), and EOF
 * on fd 5 SIGKILLs that group: an aborted caller, or one that died, leaves nothing running.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

static void join_container(const struct config *cfg) {
  int fds[8];
  size_t n = cfg->join_ns.len < 8 ? cfg->join_ns.len : 8;
  char path[128], pid[32];
  for (size_t i = 0; i < n; i++) {
    snprintf(path, sizeof(path), "/proc/%d/ns/%s", cfg->join_pid, cfg->join_ns.items[i]);
    if ((fds[i] = open(path, O_RDONLY | O_CLOEXEC)) < 0) fail(EXIT_NAMESPACE, "setns", "open %s of container %s", path, cfg->id);
  }
  int len = snprintf(pid, sizeof(pid), "%d", getpid());
  for (size_t i = 0; i < cfg->procs.len; i++) {
    int fd = open(cfg->procs.items[i], O_WRONLY | O_CLOEXEC);
    if (fd < 0 || fault("cgroup") || write(fd, pid, (size_t)len) != len) fail(EXIT_CGROUP, "cgroup", "join cgroup %s", cfg->procs.items[i]);
    close(fd);
  }
  join_own_cgroups(cfg);
  for (size_t i = 0; i < n; i++) {
    if (fault("setns") || setns(fds[i], 0) < 0) fail(EXIT_NAMESPACE, "setns", "join %s namespace of container %s", cfg->join_ns.items[i], cfg->id);
    close(fds[i]);
  }
}

/* Whether the caller cut the lifeline: EOF (it closed its end, or died) or a read error. */
static int lifeline_cut(int fd) {
  char buf[64];
  ssize_t r = read(fd, buf, sizeof(buf));
  return r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN);
}

static int wait_child(int sigfd, pid_t child, int master, int lifeline) {
  int stdin_open = master >= 0;
  for (;;) {
    struct pollfd p[4] = {{sigfd, POLLIN, 0}, {master, POLLIN, 0}, {stdin_open ? 0 : -1, POLLIN, 0}, {lifeline, POLLIN, 0}};
    if (poll(p, 4, -1) < 0) continue;
    char buf[4096];
    if (p[1].revents) {
      ssize_t r = read(master, buf, sizeof(buf));
      if (r > 0 && write(1, buf, (size_t)r) < 0) master = -1;
      if (r <= 0) master = -1;
    }
    if (p[2].revents) {
      ssize_t r = read(0, buf, sizeof(buf));
      if (r <= 0 || master < 0 || write(master, buf, (size_t)r) < 0) stdin_open = 0;
    }
    if (p[3].revents && lifeline_cut(lifeline)) {
      kill(-child, SIGKILL); /* the whole group: a shell's children go with it */
      lifeline = -1;
    }
    struct signalfd_siginfo si;
    while (p[0].revents && read(sigfd, &si, sizeof(si)) == sizeof(si)) {
      if (si.ssi_signo != SIGCHLD) { kill(child, (int)si.ssi_signo); continue; }
      int status;
      if (waitpid(child, &status, WNOHANG) == child) return status;
    }
  }
}

void run_exec(const struct config *cfg) {
  int errp[2], master = -1, slave = -1;
  char line[256];
  if (cfg->join_pid <= 0) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "exec needs a join_pid record");
  join_container(cfg);
  if (cfg->tty && open_pty(&master, &slave) < 0) fail(EXIT_MONITOR, "tty", "allocate a pty in container %s", cfg->id);
  if (cfg->tty) size_console(master, 1, cfg->tty_rows, cfg->tty_cols);
  int sigfd = signal_fd_for_forwarding();
  if (sigfd < 0 || pipe2(errp, O_CLOEXEC) < 0) fail(EXIT_MONITOR, "exec", "set up exec pipes");
  pid_t child = fork();
  if (child < 0) fail(EXIT_NAMESPACE, "exec", "fork into container %s", cfg->id);
  if (child == 0) {
    error_fd = errp[1];
    sync_fd = -1;
    if (cfg->tty) setup_stdio(&(struct child_stdio){slave, slave, slave, 1, -1});
    else if (cfg->lifeline && setpgid(0, 0) < 0) fail(EXIT_MONITOR, "lifeline", "own process group in container %s", cfg->id);
    setup_process(cfg);
    exec_program(cfg);
  }
  close(errp[1]);
  if (slave >= 0) close(slave);
  if (relay_child_error(errp[0])) {
    int status;
    waitpid(child, &status, 0);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_MONITOR);
  }
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"started\",\"pid\":%d}\n", child);
  emit(line);
  int status = wait_child(sigfd, child, master, cfg->lifeline ? LIFELINE_FD : -1);
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"exited\",\"code\":%d,\"signal\":%d,\"oomKilled\":false}\n",
           exit_status_code(status), WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  emit(line);
  _exit(exit_status_code(status));
}
