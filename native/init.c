/*
 * Init mode (`init` record): the container's PID 1 stays the helper, forks the user's program, forwards
 * every signal it receives to it, reaps every zombie re-parented to it, and exits with the program's
 * status (128 + signal when killed). It runs with the container's user and capabilities, non-dumpable.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

/* PID 1 never execs, so it drops every fd it inherited from the monitor but the error pipe. */
static void close_inherited(int err_fd) {
  if (err_fd > 3) syscall(SYS_close_range, 3U, (unsigned)err_fd - 1, 0U);
  syscall(SYS_close_range, (unsigned)err_fd + 1, ~0U, 0U);
}

void run_init(const struct config *cfg, int err_fd) {
  close_inherited(err_fd);
  int sigfd = signal_fd_for_forwarding();
  if (sigfd < 0) fail(EXIT_MONITOR, "init", "signalfd in init of container %s", cfg->id);
  pid_t child = fault("init") ? -1 : fork();
  if (child < 0) fail(EXIT_MONITOR, "init", "fork the program of container %s", cfg->id);
  if (child == 0) exec_program(cfg);
  close(err_fd);
  error_fd = -1;
  for (;;) {
    struct signalfd_siginfo si;
    ssize_t r = read(sigfd, &si, sizeof(si));
    if (r < 0 && (errno == EINTR || errno == EAGAIN)) {
      struct pollfd p = {sigfd, POLLIN, 0};
      poll(&p, 1, -1);
      continue;
    }
    if (r != sizeof(si)) _exit(EXIT_MONITOR);
    if (si.ssi_signo != SIGCHLD) { kill(child, (int)si.ssi_signo); continue; }
    int status;
    pid_t w;
    while ((w = waitpid(-1, &status, WNOHANG)) > 0)
      if (w == child) _exit(exit_status_code(status));
  }
}
