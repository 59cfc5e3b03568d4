/*
 * The monitor's record of how the container ended, `exit.json` in the state dir: written to a temp file
 * and renamed, so a reader sees either no record or a whole one (not fsync'd: the state dir is run-time
 * state under BERTH_RUN, which does not outlive a reboot). OOM kills are read from the
 * cgroup's `oom_kill` counter (v1 memory.oom_control, v2 memory.events); the counter lives as long as the
 * group, so a run was OOM-killed only when it grew during that run (a restarted container keeps its group).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

long oom_kill_count(const struct config *cfg) {
  if (cfg->oom_file == NULL) return 0;
  FILE *f = fopen(cfg->oom_file, "re");
  if (f == NULL) return 0;
  char line[256];
  long count = 0;
  while (fgets(line, sizeof(line), f) != NULL)
    if (strncmp(line, "oom_kill ", 9) == 0) count = atol(line + 9);
  fclose(f);
  return count;
}

void write_exit_record(const struct config *cfg, pid_t pid, int status, int oom, const char *started_at) {
  if (cfg->state_dir == NULL) return;
  char tmp[4096], final[4096], finished[64], body[512];
  snprintf(tmp, sizeof(tmp), "%s/exit.json.tmp", cfg->state_dir);
  snprintf(final, sizeof(final), "%s/exit.json", cfg->state_dir);
  iso_now(finished, sizeof(finished));
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  int len = snprintf(body, sizeof(body),
                     "{\"v\":1,\"pid\":%d,\"code\":%d,\"signal\":%d,\"oomKilled\":%s,\"startedAt\":\"%s\",\"finishedAt\":\"%s\"}\n",
                     pid, code, sig, oom ? "true" : "false", started_at, finished);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  ssize_t w = write(fd, body, (size_t)len);
  close(fd);
  if (w == len) rename(tmp, final);
  else unlink(tmp);
}
