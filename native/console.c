/*
 * The container's console for `tty`: allocated by the container child itself, after pivot_root, from the
 * container's own devpts instance, so the slave is a /dev/pts/N that exists inside the container (as
 * crun's --console-socket does). The child passes the master to the monitor over a unix socket with
 * SCM_RIGHTS and waits for the monitor's one-byte ack (sent once the window size is set), then makes the
 * slave its controlling terminal and stdio. Neither side keeps the other's end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "helper.h"

static void send_fd(int sock, int fd) {
  char byte = 'm';
  struct iovec iov = {&byte, 1};
  union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } ctl;
  memset(&ctl, 0, sizeof(ctl));
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf)};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof(int));
  ssize_t w;
  while ((w = sendmsg(sock, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR) {}
  if (w != 1) fail(EXIT_MONITOR, "tty", "send the pty master to the monitor");
}

void open_console(const struct config *cfg, int sock) {
  int master = fault("tty") ? -1 : open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || unlockpt(master) < 0) fail(EXIT_MONITOR, "tty", "open /dev/pts/ptmx of container %s", cfg->id);
  int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
  if (slave < 0) fail(EXIT_MONITOR, "tty", "open the pty slave of container %s", cfg->id);
  send_fd(sock, master);
  close(master);
  char ack;
  ssize_t r;
  while ((r = read(sock, &ack, 1)) < 0 && errno == EINTR) {}
  if (r != 1) fail_errno(EXIT_MONITOR, "tty", EPIPE, "wait for the monitor to take the pty of container %s", cfg->id);
  close(sock);
  setup_stdio(&(struct child_stdio){slave, slave, slave, 1, -1});
  if (slave > 2) close(slave);
}

int open_pty(int *master, int *slave) {
  *master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (*master < 0) return -1;
  char name[128];
  if (grantpt(*master) < 0 || unlockpt(*master) < 0 || ptsname_r(*master, name, sizeof(name)) != 0 ||
      (*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
    int err = errno;
    close(*master);
    errno = err;
    return -1;
  }
  return 0;
}

int receive_console(int sock) {
  char byte;
  struct iovec iov = {&byte, 1};
  union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } ctl;
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf)};
  ssize_t r;
  while ((r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {}
  if (r != 1) return -1;
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int))) return -1;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof(int));
  return fd;
}

void size_console(int master, int attach, unsigned short rows, unsigned short cols) {
  struct winsize ws;
  if (!(attach && ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)) {
    memset(&ws, 0, sizeof(ws));
    ws.ws_row = rows;
    ws.ws_col = cols;
  }
  ioctl(master, TIOCSWINSZ, &ws);
}
