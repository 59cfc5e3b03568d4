/*
 * The container log: every line of stdout/stderr becomes one JSON line {"t","s","m"} appended to the log
 * file, with the monitor's receive time in UTC nanoseconds. A line longer than the buffer is split; a
 * partial last line is written at EOF. With `attach` the raw bytes are also copied to the caller.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

static int log_fd = -1;

void log_open(const char *path) {
  if (path == NULL) return;
  log_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (log_fd < 0 || fault("log")) fail(EXIT_MONITOR, "log", "open log file %s", path);
}

static void write_all(int fd, const char *p, size_t len) {
  while (len > 0 && fd >= 0) {
    ssize_t w = write(fd, p, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    len -= (size_t)w;
  }
}

static void write_record(const struct log_stream *s, const char *text, size_t len) {
  static char line[16384 * 6 + 256];
  char when[64];
  if (log_fd < 0) return;
  iso_now(when, sizeof(when));
  size_t n = 0;
  n += (size_t)snprintf(line, sizeof(line), "{\"t\":\"%s\",\"s\":\"%s\",\"m\":\"", when, s->name);
  n += json_escape(line + n, sizeof(line) - n - 4, text, len);
  memcpy(line + n, "\"}\n", 3);
  write_all(log_fd, line, n + 3);
}

static void emit_lines(struct log_stream *s) {
  size_t start = 0;
  for (size_t i = 0; i < s->len; i++) {
    if (s->buf[i] != '\n') continue;
    size_t end = i > start && s->buf[i - 1] == '\r' ? i - 1 : i;
    write_record(s, s->buf + start, end - start);
    start = i + 1;
  }
  if (start == 0 && s->len == sizeof(s->buf)) start = s->len, write_record(s, s->buf, s->len);
  memmove(s->buf, s->buf + start, s->len - start);
  s->len -= start;
}

int log_read(struct log_stream *s) {
  ssize_t r = read(s->fd, s->buf + s->len, sizeof(s->buf) - s->len);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (r <= 0) return 0;
  if (s->out_fd >= 0) write_all(s->out_fd, s->buf + s->len, (size_t)r);
  s->len += (size_t)r;
  emit_lines(s);
  return 1;
}

void log_flush(struct log_stream *s) {
  if (s->len > 0) write_record(s, s->buf, s->len);
  s->len = 0;
}
