/*
 * The monitor's record of a started container, `started.json` in the state dir: the pids and start times
 * (clock ticks since boot, against pid reuse) of the container's PID 1 and of the monitor, written before
 * the `started` event so the container is known even when its starter dies before it reads that event.
 * Written to a temp file and renamed; not fsync'd: the state dir is run-time state, gone after a reboot.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

/* Field 22 of /proc/<pid>/stat, or 0 when unreadable. */
static unsigned long long start_time(pid_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof(path), "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  char *p = strrchr(buf, ')');
  unsigned long long t = 0;
  for (int field = 2; p != NULL && field < 22; field++) p = strchr(p + 1, ' ');
  if (p != NULL && sscanf(p + 1, "%llu", &t) != 1) t = 0;
  return t;
}

int write_started_record(const struct config *cfg, pid_t pid, const char *started_at) {
  if (cfg->state_dir == NULL) return 0;
  char tmp[4096], final[4096], body[512];
  snprintf(tmp, sizeof(tmp), "%s/started.json.tmp", cfg->state_dir);
  snprintf(final, sizeof(final), "%s/started.json", cfg->state_dir);
  int len = snprintf(body, sizeof(body),
                     "{\"v\":1,\"pid\":%d,\"pidStart\":%llu,\"monitorPid\":%d,\"monitorStart\":%llu,\"startedAt\":\"%s\"}\n",
                     pid, start_time(pid), getpid(), start_time(getpid()), started_at);
  int fd = fault("started_record") ? -1 : open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  ssize_t w = write(fd, body, (size_t)len);
  int err = errno;
  close(fd);
  if (w == len && rename(tmp, final) == 0) return 0;
  unlink(tmp);
  errno = w == len ? errno : (w < 0 ? err : EIO);
  return -1;
}
