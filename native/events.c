/*
 * Events on the sync fd and the failure contract: fail() writes one `error` JSON line (step, errno,
 * message) to error_fd and exits with the step's class code. In the container child error_fd is the
 * error pipe the monitor relays; elsewhere it is the sync fd itself. fault() is BERTH_FAULT injection.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helper.h"

int sync_fd = -1;
int error_fd = -1;

static void write_line(int fd, const char *line) {
  size_t len = strlen(line), off = 0;
  while (off < len && fd >= 0) {
    ssize_t w = write(fd, line + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return;
    off += (size_t)w;
  }
}

void emit(const char *json) {
  write_line(sync_fd, json);
}

size_t json_escape(char *out, size_t cap, const char *in, size_t len) {
  size_t o = 0;
  for (size_t i = 0; i < len && o + 7 < cap; i++) {
    unsigned char c = (unsigned char)in[i];
    if (c == '"' || c == '\\') { out[o++] = '\\'; out[o++] = (char)c; }
    else if (c == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
    else if (c == '\r') { out[o++] = '\\'; out[o++] = 'r'; }
    else if (c == '\t') { out[o++] = '\\'; out[o++] = 't'; }
    else if (c < 0x20 || c == 0x7f) o += (size_t)snprintf(out + o, cap - o, "\\u%04x", c);
    else out[o++] = (char)c;
  }
  out[o] = '\0';
  return o;
}

void emit_error(const char *step, int err, const char *message) {
  char esc[2048], line[2400];
  json_escape(esc, sizeof(esc), message, strlen(message));
  snprintf(line, sizeof(line), "{\"v\":1,\"event\":\"error\",\"step\":\"%s\",\"errno\":%d,\"message\":\"%s\"}\n",
           step, err, esc);
  write_line(error_fd >= 0 ? error_fd : sync_fd, line);
}

static __attribute__((noreturn)) void vfail(int code, const char *step, int err, const char *fmt, va_list ap) {
  char msg[1024];
  int n = vsnprintf(msg, sizeof(msg), fmt, ap);
  if (err != 0 && n >= 0 && (size_t)n < sizeof(msg))
    snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s", strerror(err));
  emit_error(step, err, msg);
  _exit(code);
}

void fail(int code, const char *step, const char *fmt, ...) {
  int err = errno;
  va_list ap;
  va_start(ap, fmt);
  vfail(code, step, err, fmt, ap);
}

void fail_errno(int code, const char *step, int err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(code, step, err, fmt, ap);
}

int fault(const char *step) {
  const char *want = getenv("BERTH_FAULT");
  if (want == NULL || strcmp(want, step) != 0) return 0;
  errno = EIO;
  return 1;
}

void iso_now(char *out, size_t cap) {
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  size_t n = strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, cap - n, ".%09ldZ", ts.tv_nsec);
}

int relay_child_error(int errfd) {
  char buf[4096];
  ssize_t total = 0, r;
  while ((r = read(errfd, buf + total, sizeof(buf) - 1 - (size_t)total)) != 0) {
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    total += r;
  }
  if (total > 0) { buf[total] = '\0'; emit(buf); }
  return total > 0;
}
