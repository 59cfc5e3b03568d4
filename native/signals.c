/*
 * Signal plumbing shared by the monitor, init mode and exec: the forwardable signals are blocked and read
 * from a signalfd (so a process never runs a handler between fork and exec), and unblocked again in the
 * child right before it execs the user's program.
 */
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

static sigset_t forwarded(void) {
  sigset_t set;
  sigfillset(&set);
  sigdelset(&set, SIGKILL);
  sigdelset(&set, SIGSTOP);
  sigdelset(&set, SIGSEGV);
  sigdelset(&set, SIGBUS);
  sigdelset(&set, SIGILL);
  sigdelset(&set, SIGFPE);
  sigdelset(&set, SIGPIPE); /* only ever our own write to a gone caller: ignored (main), never forwarded */
  return set;
}

int signal_fd_for_forwarding(void) {
  sigset_t set = forwarded();
  if (sigprocmask(SIG_BLOCK, &set, NULL) < 0) return -1;
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

void unblock_signals(void) {
  sigset_t set;
  sigemptyset(&set);
  sigprocmask(SIG_SETMASK, &set, NULL);
  signal(SIGPIPE, SIG_DFL);
}

int exit_status_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 255;
}
