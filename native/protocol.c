/*
 * Reads the config records (PROTOCOL.md) from fd 3 into a struct config. Records are length-prefixed
 * lists of NUL-terminated fields; the buffer stays allocated for the process's life and the config
 * points into it. Any malformed record fails with EXIT_PROTOCOL before anything else is done.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

#define MAX_FIELDS 8

static char *read_all(int fd, size_t *len) {
  size_t cap = 16384, n = 0;
  char *buf = malloc(cap);
  if (buf == NULL) fail_errno(EXIT_PROTOCOL, "config", ENOMEM, "config buffer");
  for (;;) {
    if (n == cap && (buf = realloc(buf, cap *= 2)) == NULL) fail_errno(EXIT_PROTOCOL, "config", ENOMEM, "config buffer");
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) fail(EXIT_PROTOCOL, "config", "read config fd");
    if (r == 0) break;
    n += (size_t)r;
  }
  *len = n;
  return buf;
}

static void push(struct strlist *list, char *item) {
  list->items = realloc(list->items, (list->len + 2) * sizeof(char *));
  if (list->items == NULL) fail_errno(EXIT_PROTOCOL, "config", ENOMEM, "config list");
  list->items[list->len++] = item;
  list->items[list->len] = NULL;
}

static void need(int n, int want, const char *op) {
  if (n < want) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "record %s needs %d fields, got %d", op, want - 1, n - 1);
}

static void push_fs(struct config *cfg, enum fs_kind kind, char **f, int n, int want) {
  need(n, want, f[0]);
  cfg->fs = realloc(cfg->fs, (cfg->fs_len + 1) * sizeof(struct fs_op));
  if (cfg->fs == NULL) fail_errno(EXIT_PROTOCOL, "config", ENOMEM, "config fs ops");
  struct fs_op *op = &cfg->fs[cfg->fs_len++];
  op->kind = kind;
  op->a = n > 1 ? f[1] : NULL;
  op->b = n > 2 ? f[2] : NULL;
  op->c = n > 3 ? f[3] : NULL;
  op->d = n > 4 ? f[4] : NULL;
  op->e = n > 5 ? f[5] : NULL;
}

static int ns_flag(const char *name) {
  static const struct { const char *name; int flag; } table[] = {
    {"pid", 0x20000000}, {"mnt", 0x00020000}, {"uts", 0x04000000}, {"ipc", 0x08000000}, {"net", 0x40000000},
  };
  for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
    if (strcmp(table[i].name, name) == 0) return table[i].flag;
  return -1;
}

static void add_rlimit(struct config *cfg, char **f, int n) {
  need(n, 4, "rlimit");
  cfg->rlimits = realloc(cfg->rlimits, (cfg->rlimits_len + 1) * sizeof(struct rlimit_op));
  if (cfg->rlimits == NULL) fail_errno(EXIT_PROTOCOL, "config", ENOMEM, "config rlimits");
  struct rlimit_op *r = &cfg->rlimits[cfg->rlimits_len++];
  r->resource = atoi(f[1]);
  r->soft = atoll(f[2]);
  r->hard = atoll(f[3]);
}

static void apply_ns(struct config *cfg, const char *name) {
  if (strcmp(name, "cgroup") == 0) { cfg->cgroup_ns = 1; return; }
  int flag = ns_flag(name);
  if (flag < 0) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "unknown namespace %s", name);
  cfg->ns_flags |= flag;
}

static int apply_record_fs(struct config *cfg, char **f, int n) {
  const char *op = f[0];
  if (strcmp(op, "mount") == 0) push_fs(cfg, FS_MOUNT, f, n, 6);
  else if (strcmp(op, "mknod") == 0) push_fs(cfg, FS_MKNOD, f, n, 6);
  else if (strcmp(op, "symlink") == 0) push_fs(cfg, FS_SYMLINK, f, n, 3);
  else if (strcmp(op, "mask") == 0) push_fs(cfg, FS_MASK, f, n, 2);
  else if (strcmp(op, "readonly") == 0) push_fs(cfg, FS_READONLY, f, n, 2);
  else if (strcmp(op, "rootfs_overlay") == 0) {
    need(n, 6, op);
    cfg->lowers = f[1]; cfg->upper = f[2]; cfg->work = f[3]; cfg->mountpoint = f[4];
    cfg->overlay_volatile = strcmp(f[5], "volatile") == 0;
  } else if (strcmp(op, "rootfs_dir") == 0) { need(n, 2, op); cfg->rootfs_dir = f[1]; }
  else if (strcmp(op, "readonly_rootfs") == 0) cfg->readonly_rootfs = 1;
  else if (strcmp(op, "rootfs_slave") == 0) cfg->rootfs_slave = 1;
  else return 0;
  return 1;
}

static int apply_record_process(struct config *cfg, char **f, int n) {
  const char *op = f[0];
  if (strcmp(op, "hostname") == 0) { need(n, 2, op); cfg->hostname = f[1]; }
  else if (strcmp(op, "user") == 0) { need(n, 2, op); cfg->user = f[1]; }
  else if (strcmp(op, "groups") == 0) for (int i = 1; i < n; i++) push(&cfg->groups, f[i]);
  else if (strcmp(op, "cap") == 0) { need(n, 2, op); int c = atoi(f[1]); if (c >= 0 && c < 64) cfg->caps |= 1ULL << c; }
  else if (strcmp(op, "rlimit") == 0) add_rlimit(cfg, f, n);
  else if (strcmp(op, "no_new_privs") == 0) cfg->no_new_privs = 1;
  else if (strcmp(op, "block_namespaces") == 0) cfg->block_namespaces = 1;
  else if (strcmp(op, "cwd") == 0) { need(n, 2, op); cfg->cwd = f[1]; }
  else if (strcmp(op, "env") == 0) { need(n, 2, op); push(&cfg->env, f[1]); }
  else if (strcmp(op, "arg") == 0) { need(n, 2, op); push(&cfg->argv, f[1]); }
  else if (strcmp(op, "tty") == 0) {
    cfg->tty = 1;
    cfg->tty_rows = n > 2 ? (unsigned short)atoi(f[1]) : 24;
    cfg->tty_cols = n > 2 ? (unsigned short)atoi(f[2]) : 80;
  }
  else if (strcmp(op, "init") == 0) cfg->init = 1;
  else if (strcmp(op, "stdin") == 0) { need(n, 2, op); cfg->stdin_inherit = strcmp(f[1], "inherit") == 0; }
  else if (strcmp(op, "attach") == 0) cfg->attach = 1;
  else if (strcmp(op, "sync_keep") == 0) cfg->sync_keep = 1;
  else return 0;
  return 1;
}

static void apply_record(struct config *cfg, char **f, int n) {
  const char *op = f[0];
  if (apply_record_fs(cfg, f, n) || apply_record_process(cfg, f, n)) return;
  if (strcmp(op, "id") == 0) { need(n, 2, op); cfg->id = f[1]; }
  else if (strcmp(op, "state_dir") == 0) { need(n, 2, op); cfg->state_dir = f[1]; }
  else if (strcmp(op, "log") == 0) { need(n, 2, op); cfg->log_path = f[1]; }
  else if (strcmp(op, "ns") == 0) { need(n, 2, op); apply_ns(cfg, f[1]); }
  else if (strcmp(op, "netns") == 0) { need(n, 2, op); cfg->netns_path = f[1]; }
  else if (strcmp(op, "cgroup_procs") == 0) { need(n, 2, op); push(&cfg->procs, f[1]); }
  else if (strcmp(op, "cgroup_tasks") == 0) { need(n, 2, op); push(&cfg->tasks, f[1]); }
  else if (strcmp(op, "oom_file") == 0) { need(n, 2, op); cfg->oom_file = f[1]; }
  else if (strcmp(op, "cgroup_dir") == 0) { need(n, 2, op); cfg->cgroup_dir = f[1]; }
  else if (strcmp(op, "join_pid") == 0) { need(n, 2, op); cfg->join_pid = (pid_t)atoi(f[1]); }
  else if (strcmp(op, "join_ns") == 0) { need(n, 2, op); push(&cfg->join_ns, f[1]); }
  else if (strcmp(op, "lifeline") == 0) cfg->lifeline = 1;
  else fail_errno(EXIT_PROTOCOL, "config", EINVAL, "unknown record %s", op);
}

static int split_fields(char *p, uint32_t len, char **f) {
  int n = 0;
  char *end = p + len;
  if (len == 0 || end[-1] != '\0') fail_errno(EXIT_PROTOCOL, "config", EINVAL, "record not NUL-terminated");
  while (p < end) {
    if (n == MAX_FIELDS) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "record with too many fields");
    f[n++] = p;
    p += strlen(p) + 1;
  }
  return n;
}

void parse_config(int fd, struct config *cfg) {
  size_t len, off = 0;
  char *buf = read_all(fd, &len);
  int seen_version = 0;
  memset(cfg, 0, sizeof(*cfg));
  while (off + 4 <= len) {
    uint32_t rlen = (uint32_t)(unsigned char)buf[off] | (uint32_t)(unsigned char)buf[off + 1] << 8 |
                    (uint32_t)(unsigned char)buf[off + 2] << 16 | (uint32_t)(unsigned char)buf[off + 3] << 24;
    off += 4;
    if (rlen > len - off) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "truncated record");
    char *f[MAX_FIELDS];
    int n = split_fields(buf + off, rlen, f);
    off += rlen;
    if (!seen_version) {
      if (strcmp(f[0], "version") != 0 || n < 2 || strcmp(f[1], "1") != 0)
        fail_errno(EXIT_PROTOCOL, "config", EINVAL, "first record must be version 1");
      seen_version = 1;
      continue;
    }
    apply_record(cfg, f, n);
  }
  if (off != len || !seen_version) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "config is empty or truncated");
  if (cfg->argv.len == 0) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "no arg records");
  if (cfg->id == NULL) cfg->id = "?";
}
