/*
 * The monitor (like conmon): parent and reaper of the container, holder of its stdout/stderr (or pty
 * master), writer of its log and exit record, forwarder of signals. It places the child in its cgroups
 * before releasing it, reports `started` once the user's program is exec'd (the child's CLOEXEC error
 * pipe closes without data) and stays until the container's output is drained after its exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

struct monitor {
  const struct config *cfg;
  pid_t pid;
  int sigfd, stdin_fd, master, exited, status;
  struct log_stream out, err;
};

static void make_stdio(struct monitor *m, struct child_stdio *cs) {
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC), po[2], pe[2];
  if (devnull < 0) fail(EXIT_MONITOR, "stdio", "open /dev/null");
  m->out = (struct log_stream){.fd = -1, .out_fd = m->cfg->attach ? 1 : -1, .name = "stdout", .len = 0};
  m->err = (struct log_stream){.fd = -1, .out_fd = m->cfg->attach ? 2 : -1, .name = "stderr", .len = 0};
  if (m->cfg->tty) {
    int slave;
    if (fault("tty") || open_pty(&m->master, &slave) < 0) fail(EXIT_MONITOR, "tty", "allocate a pty for container %s", m->cfg->id);
    struct winsize ws;
    if (m->cfg->attach && ioctl(0, TIOCGWINSZ, &ws) == 0) ioctl(m->master, TIOCSWINSZ, &ws);
    *cs = (struct child_stdio){slave, slave, slave, 1};
    m->out.fd = m->master;
    m->stdin_fd = m->cfg->attach ? 0 : -1;
    return;
  }
  if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) fail(EXIT_MONITOR, "stdio", "create output pipes");
  *cs = (struct child_stdio){m->cfg->stdin_inherit ? 0 : devnull, po[1], pe[1], 0};
  m->out.fd = po[0];
  m->err.fd = pe[0];
}

static void join_cgroups(struct monitor *m) {
  char pid[32];
  int len = snprintf(pid, sizeof(pid), "%d", m->pid);
  for (size_t i = 0; i < m->cfg->procs.len; i++) {
    const char *file = m->cfg->procs.items[i];
    int fd = open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || fault("cgroup") || write(fd, pid, (size_t)len) != len) {
      int err = errno;
      kill(m->pid, SIGKILL);
      waitpid(m->pid, NULL, 0);
      fail_errno(EXIT_CGROUP, "cgroup", err, "join cgroup %s with container %s", file, m->cfg->id);
    }
    close(fd);
  }
}

static void on_signal(struct monitor *m) {
  struct signalfd_siginfo si;
  while (read(m->sigfd, &si, sizeof(si)) == sizeof(si)) {
    if (si.ssi_signo != SIGCHLD) { kill(m->pid, (int)si.ssi_signo); continue; }
    int status;
    pid_t w;
    while ((w = waitpid(-1, &status, WNOHANG)) > 0)
      if (w == m->pid) { m->exited = 1; m->status = status; }
  }
}

static void pump_stdin(struct monitor *m) {
  char buf[4096];
  ssize_t r = read(m->stdin_fd, buf, sizeof(buf));
  if (r <= 0) { m->stdin_fd = -1; return; }
  if (write(m->master, buf, (size_t)r) < 0) m->stdin_fd = -1;
}

static void watch(struct monitor *m) {
  while (m->out.fd >= 0 || m->err.fd >= 0 || !m->exited) {
    struct pollfd p[4] = {{m->sigfd, POLLIN, 0}, {m->out.fd, POLLIN, 0}, {m->err.fd, POLLIN, 0}, {m->stdin_fd, POLLIN, 0}};
    int n = poll(p, 4, m->exited ? 500 : -1);
    if (n == 0) break;
    if (n < 0) continue;
    if (p[0].revents) on_signal(m);
    if (p[1].revents && !log_read(&m->out)) { log_flush(&m->out); close(m->out.fd); m->out.fd = -1; }
    if (p[2].revents && !log_read(&m->err)) { log_flush(&m->err); close(m->err.fd); m->err.fd = -1; }
    if (p[3].revents) pump_stdin(m);
  }
  log_flush(&m->out);
  log_flush(&m->err);
}

void run_monitor(const struct config *cfg) {
  struct monitor m = {.cfg = cfg, .stdin_fd = -1, .master = -1};
  struct child_stdio cs;
  int go[2], errp[2];
  char started_at[64], line[256];
  if (chdir("/") < 0) fail(EXIT_MONITOR, "monitor", "chdir /");
  log_open(cfg->log_path);
  make_stdio(&m, &cs);
  if ((m.sigfd = signal_fd_for_forwarding()) < 0) fail(EXIT_MONITOR, "monitor", "signalfd");
  if (pipe2(go, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) fail(EXIT_MONITOR, "monitor", "create sync pipes");
  int in_cgroup;
  m.pid = spawn_container(cfg, go[0], errp[1], &cs, &in_cgroup);
  close(go[0]);
  close(errp[1]);
  if (cs.out != cs.in) { close(cs.out); close(cs.err); } else close(cs.in);
  if (!in_cgroup) join_cgroups(&m);
  if (write(go[1], "g", 1) != 1) fail(EXIT_MONITOR, "monitor", "release container %s", cfg->id);
  close(go[1]);
  if (relay_child_error(errp[0])) {
    int status;
    waitpid(m.pid, &status, 0);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_MONITOR);
  }
  close(errp[0]);
  iso_now(started_at, sizeof(started_at));
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"started\",\"pid\":%d,\"monitor\":%d}\n", m.pid, getpid());
  emit(line);
  signal(SIGPIPE, SIG_IGN);
  if (!cfg->sync_keep) { close(sync_fd); sync_fd = -1; }
  int devnull = open("/dev/null", O_RDWR);
  if (!cfg->attach && devnull >= 0) { dup2(devnull, 0); dup2(devnull, 1); dup2(devnull, 2); }
  watch(&m);
  write_exit_record(cfg, m.pid, m.status, started_at);
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"exited\",\"code\":%d,\"signal\":%d,\"oomKilled\":%s}\n",
           exit_status_code(m.status), WIFSIGNALED(m.status) ? WTERMSIG(m.status) : 0, oom_killed(cfg) ? "true" : "false");
  emit(line);
  _exit(0);
}
