/*
 * The monitor (like conmon): parent and reaper of the container, holder of its stdout/stderr (or of the
 * pty master the child sends it), writer of its log, started and exit records, forwarder of signals. It
 * places the child in its cgroups before releasing it (v2 fallback), records and reports `started` once
 * the user's program is exec'd (the child's CLOEXEC error pipe closes without data) and stays until the
 * container's output is drained after its exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

struct monitor {
  const struct config *cfg;
  pid_t pid;
  int sigfd, stdin_fd, master, console, exited, status;
  struct log_stream out, err;
};

static void make_stdio(struct monitor *m, struct child_stdio *cs) {
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC), po[2], pe[2];
  if (devnull < 0) fail(EXIT_MONITOR, "stdio", "open /dev/null");
  m->out = (struct log_stream){.fd = -1, .out_fd = m->cfg->attach ? 1 : -1, .name = "stdout", .len = 0};
  m->err = (struct log_stream){.fd = -1, .out_fd = m->cfg->attach ? 2 : -1, .name = "stderr", .len = 0};
  if (m->cfg->tty) {
    int sp[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0) fail(EXIT_MONITOR, "tty", "create the console socket of container %s", m->cfg->id);
    close(devnull);
    *cs = (struct child_stdio){-1, -1, -1, 1, sp[1]};
    m->console = sp[0];
    m->stdin_fd = m->cfg->attach ? 0 : -1;
    return;
  }
  if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) fail(EXIT_MONITOR, "stdio", "create output pipes");
  if (m->cfg->stdin_inherit) close(devnull);
  *cs = (struct child_stdio){m->cfg->stdin_inherit ? 0 : devnull, po[1], pe[1], 0, -1};
  m->out.fd = po[0];
  m->err.fd = pe[0];
}

static void close_child_ends(const struct child_stdio *cs) {
  if (cs->console >= 0) { close(cs->console); return; }
  close(cs->out);
  close(cs->err);
  if (cs->in != 0) close(cs->in);
}

/* The child's pty master becomes the container's output (and input with attach); a child that ended first sends none. */
static void take_console(struct monitor *m) {
  int master = receive_console(m->console);
  if (master >= 0) {
    size_console(master, m->cfg->attach, m->cfg->tty_rows, m->cfg->tty_cols);
    m->master = m->out.fd = master;
    if (write(m->console, "a", 1) != 1) { close(master); m->master = m->out.fd = -1; }
  }
  close(m->console);
  m->console = -1;
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

/*
 * Clones the child, places it in its cgroups, releases it and waits until it has exec'd (or relays its
 * error and exits). The go pipe exists only when the monitor must write the child's pid to cgroup.procs
 * files (v2 without CLONE_INTO_CGROUP); a v1 child joins its groups itself.
 */
static void start_child(struct monitor *m, struct child_stdio *cs) {
  int go[2] = {-1, -1}, errp[2], in_cgroup;
  int gated = m->cfg->procs.len > 0;
  if ((gated && pipe2(go, O_CLOEXEC) < 0) || pipe2(errp, O_CLOEXEC) < 0) fail(EXIT_MONITOR, "monitor", "create sync pipes");
  m->pid = spawn_container(m->cfg, go[0], errp[1], cs, &in_cgroup);
  close(errp[1]);
  close_child_ends(cs);
  if (gated) {
    close(go[0]);
    if (!in_cgroup) join_cgroups(m);
    if (write(go[1], "g", 1) != 1) fail(EXIT_MONITOR, "monitor", "release container %s", m->cfg->id);
    close(go[1]);
  }
  if (m->console >= 0) take_console(m);
  if (relay_child_error(errp[0])) {
    int status;
    waitpid(m->pid, &status, 0);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_MONITOR);
  }
  close(errp[0]);
}

static void on_signal(struct monitor *m) {
  struct signalfd_siginfo si;
  while (read(m->sigfd, &si, sizeof(si)) == sizeof(si)) {
    /* The attached caller's terminal was resized: the new size goes to the pty, whose kernel side signals the container. */
    if (si.ssi_signo == SIGWINCH && m->master >= 0 && m->cfg->attach) { size_console(m->master, 1, m->cfg->tty_rows, m->cfg->tty_cols); continue; }
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
  struct monitor m = {.cfg = cfg, .stdin_fd = -1, .master = -1, .console = -1};
  struct child_stdio cs;
  char started_at[64], line[256];
  if (chdir("/") < 0) fail(EXIT_MONITOR, "monitor", "chdir /");
  log_open(cfg->log_path);
  long oom_before = oom_kill_count(cfg);
  make_stdio(&m, &cs);
  if ((m.sigfd = signal_fd_for_forwarding()) < 0) fail(EXIT_MONITOR, "monitor", "signalfd");
  start_child(&m, &cs);
  iso_now(started_at, sizeof(started_at));
  if (write_started_record(cfg, m.pid, started_at) < 0) {
    int err = errno;
    kill(m.pid, SIGKILL);
    waitpid(m.pid, NULL, 0);
    fail_errno(EXIT_MONITOR, "started_record", err, "write the started record of container %s", cfg->id);
  }
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"started\",\"pid\":%d,\"monitor\":%d}\n", m.pid, getpid());
  emit(line);
  if (!cfg->sync_keep) { close(sync_fd); sync_fd = -1; }
  int devnull = open("/dev/null", O_RDWR);
  if (!cfg->attach && devnull >= 0) { dup2(devnull, 0); dup2(devnull, 1); dup2(devnull, 2); }
  watch(&m);
  int oom = oom_kill_count(cfg) > oom_before;
  write_exit_record(cfg, m.pid, m.status, oom, started_at);
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"exited\",\"code\":%d,\"signal\":%d,\"oomKilled\":%s}\n",
           exit_status_code(m.status), WIFSIGNALED(m.status) ? WTERMSIG(m.status) : 0, oom ? "true" : "false");
  emit(line);
  _exit(0);
}
