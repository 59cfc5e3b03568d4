/*
 * Process setup after pivot_root, in this order: rlimits, user and groups (capabilities kept across the
 * uid change with PR_SET_KEEPCAPS), the capability sets (bounding trimmed to the kept list; permitted and
 * effective = kept; inheritable and ambient empty), no_new_privs, working directory; then exec with
 * every fd but stdio closed and the signal mask cleared.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

extern char **environ;

static void set_rlimits(const struct config *cfg) {
  for (size_t i = 0; i < cfg->rlimits_len; i++) {
    const struct rlimit_op *r = &cfg->rlimits[i];
    struct rlimit rl = {
      r->soft < 0 ? RLIM_INFINITY : (rlim_t)r->soft,
      r->hard < 0 ? RLIM_INFINITY : (rlim_t)r->hard,
    };
    if (fault("rlimit") || setrlimit((__rlimit_resource_t)r->resource, &rl) < 0)
      fail(EXIT_PROCESS, "rlimit", "set rlimit %d to %lld:%lld", r->resource, r->soft, r->hard);
  }
}

static size_t user_groups(const struct config *cfg, gid_t *groups, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < cfg->groups.len && n < cap; i++) {
    if (resolve_group(cfg->groups.items[i], &groups[n]) < 0)
      fail(EXIT_PROCESS, "user", "group %s not found in /etc/group of container %s", cfg->groups.items[i], cfg->id);
    n++;
  }
  return n;
}

static void set_user(const struct config *cfg) {
  uid_t uid = 0;
  gid_t gid = 0, groups[64];
  char name[256] = "";
  if (cfg->user != NULL && (fault("user") || resolve_user(cfg->user, &uid, &gid, name, sizeof(name)) < 0))
    fail(EXIT_PROCESS, "user", "user %s not found in /etc/passwd of container %s", cfg->user, cfg->id);
  if (cfg->user == NULL) snprintf(name, sizeof(name), "root");
  size_t n = user_groups(cfg, groups, 32);
  n += member_groups(name, groups + n, 64 - n);
  if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) fail(EXIT_PROCESS, "user", "keep capabilities");
  if (setgroups(n, groups) < 0) fail(EXIT_PROCESS, "user", "set supplementary groups");
  if (setresgid(gid, gid, gid) < 0) fail(EXIT_PROCESS, "user", "set gid %u", gid);
  if (setresuid(uid, uid, uid) < 0) fail(EXIT_PROCESS, "user", "set uid %u", uid);
  if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) fail(EXIT_PROCESS, "user", "reset keep capabilities");
}

static int last_cap(void) {
  FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
  int last = 40;
  if (f != NULL) {
    if (fscanf(f, "%d", &last) != 1) last = 40;
    fclose(f);
  }
  return last;
}

static void drop_bounding(const struct config *cfg, int last) {
  for (int c = 0; c <= last; c++) {
    if (cfg->caps & (1ULL << c)) continue;
    if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL) fail(EXIT_PROCESS, "capabilities", "drop capability %d from the bounding set", c);
  }
}

static void set_caps(const struct config *cfg) {
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof(data));
  data[0].effective = data[0].permitted = (uint32_t)cfg->caps;
  data[1].effective = data[1].permitted = (uint32_t)(cfg->caps >> 32);
  if (fault("capabilities") || syscall(SYS_capset, &hdr, data) < 0) fail(EXIT_PROCESS, "capabilities", "set capabilities");
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0) fail(EXIT_PROCESS, "capabilities", "clear ambient capabilities");
}

void setup_process(const struct config *cfg) {
  set_rlimits(cfg);
  drop_bounding(cfg, last_cap());
  if (cfg->block_namespaces) block_namespaces();
  set_user(cfg);
  set_caps(cfg);
  if (cfg->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) fail(EXIT_PROCESS, "no_new_privs", "set no_new_privs");
  const char *cwd = cfg->cwd != NULL ? cfg->cwd : "/";
  if (fault("cwd") || chdir(cwd) < 0) fail(EXIT_PROCESS, "cwd", "change to working directory %s", cwd);
}

void exec_program(const struct config *cfg) {
  if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) < 0) fail(EXIT_PROCESS, "close_fds", "close inherited fds");
  unblock_signals();
  static char *empty[] = {NULL};
  int injected = fault("exec");
  environ = cfg->env.items != NULL ? cfg->env.items : empty;
  const char *prog = cfg->argv.items[0];
  if (!injected) execvp(prog, cfg->argv.items);
  int err = errno;
  fail_errno(err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC, "exec",
             err, "exec %s in container %s", prog, cfg->id);
}
