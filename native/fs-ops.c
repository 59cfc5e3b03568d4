/*
 * Filesystem operations inside the new root, before pivot_root. Every target is opened with
 * openat2(RESOLVE_IN_ROOT) relative to the root's fd (standard mounts add RESOLVE_NO_SYMLINKS), and the
 * mount is made on /proc/self/fd/N of that fd, so a symlink in the image can never redirect a mount to
 * the host (the CVE-2025-31133 and runc symlink-race shapes). openat2 needs Linux 5.6; berth needs
 * newer kernels anyway (clone3, pidfd, overlayfs `volatile` 5.10), so there is deliberately no fallback.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "helper.h"

#define CREATE_DIR 1
#define CREATE_FILE 2

static int openat2_in_root(int rootfd, const char *path, int flags, int nosymlinks) {
  struct open_how how;
  memset(&how, 0, sizeof(how));
  how.flags = (uint64_t)(flags | O_CLOEXEC);
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | (nosymlinks ? RESOLVE_NO_SYMLINKS : 0);
  return (int)syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
}

static int split_parent(const char *path, char *parent, size_t cap, const char **base) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL || slash[1] == '\0' || strlen(path) >= cap) { errno = EINVAL; return -1; }
  size_t n = (size_t)(slash - path);
  memcpy(parent, path, n);
  parent[n == 0 ? 1 : n] = '\0';
  if (n == 0) parent[0] = '/';
  *base = slash + 1;
  return 0;
}

/* A dangling symlink at `base` (in dir `pfd`, path `parent`): its target as a path inside the root. */
static int link_target(int pfd, const char *parent, const char *base, char *out, size_t cap) {
  char link[4096];
  ssize_t n = readlinkat(pfd, base, link, sizeof(link) - 1);
  if (n < 0) return -1;
  link[n] = '\0';
  int w = link[0] == '/' ? snprintf(out, cap, "%s", link) : snprintf(out, cap, "%s/%s", parent, link);
  if (w < 0 || (size_t)w >= cap) { errno = ENAMETOOLONG; return -1; }
  return 0;
}

static int open_in_root_depth(int rootfd, const char *path, int flags, int nosymlinks, int create, int depth) {
  int fd = openat2_in_root(rootfd, path, flags, nosymlinks);
  if (fd >= 0 || errno != ENOENT || create == 0) return fd;
  if (depth > 40) { errno = ELOOP; return -1; }
  char parent[4096], target[4096];
  const char *base;
  if (split_parent(path, parent, sizeof(parent), &base) < 0) return -1;
  int pfd = open_in_root_depth(rootfd, parent, O_PATH | O_DIRECTORY, nosymlinks, CREATE_DIR, depth + 1);
  if (pfd < 0) return -1;
  int made = create == CREATE_DIR ? mkdirat(pfd, base, 0755)
                                  : openat(pfd, base, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (create == CREATE_FILE && made >= 0) close(made);
  int err = errno;
  int dangling = made < 0 && err == EEXIST && !nosymlinks && link_target(pfd, parent, base, target, sizeof(target)) == 0;
  close(pfd);
  if (dangling) return open_in_root_depth(rootfd, target, flags, nosymlinks, create, depth + 1);
  if (made < 0 && err != EEXIST) { errno = err; return -1; }
  return openat2_in_root(rootfd, path, flags, nosymlinks);
}

int open_in_root(int rootfd, const char *path, int flags, int nosymlinks, int create) {
  return open_in_root_depth(rootfd, path, flags, nosymlinks, create, 0);
}

static void fd_path(char *out, size_t cap, int fd) {
  snprintf(out, cap, "/proc/self/fd/%d", fd);
}

struct mount_flags {
  unsigned long flags, prop;
  int nosymlinks, bind;
};

static struct mount_flags parse_flags(const char *text) {
  static const struct { const char *name; unsigned long flag; int prop; } table[] = {
    {"ro", MS_RDONLY, 0}, {"nosuid", MS_NOSUID, 0}, {"nodev", MS_NODEV, 0}, {"noexec", MS_NOEXEC, 0},
    {"relatime", MS_RELATIME, 0}, {"strictatime", MS_STRICTATIME, 0}, {"bind", MS_BIND, 0},
    {"rbind", MS_BIND | MS_REC, 0}, {"remount", MS_REMOUNT, 0}, {"private", MS_PRIVATE, 1}, {"rprivate", MS_PRIVATE | MS_REC, 1},
    {"slave", MS_SLAVE, 1}, {"rslave", MS_SLAVE | MS_REC, 1}, {"shared", MS_SHARED, 1},
    {"rshared", MS_SHARED | MS_REC, 1},
  };
  struct mount_flags out = {0, 0, 0, 0};
  char buf[512];
  snprintf(buf, sizeof(buf), "%s", text);
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
    if (strcmp(tok, "nosymlinks") == 0) { out.nosymlinks = 1; continue; }
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
      if (strcmp(table[i].name, tok) != 0) continue;
      if (table[i].prop) out.prop |= table[i].flag;
      else out.flags |= table[i].flag;
    }
  }
  out.bind = (out.flags & MS_BIND) != 0;
  return out;
}

/* Remounts a bind read-only, keeping the nosuid/nodev/noexec it already has. */
static int remount_bind(int rootfd, const char *target, unsigned long extra, int nosymlinks) {
  int fd = open_in_root(rootfd, target, O_PATH, nosymlinks, 0);
  if (fd < 0) return -1;
  struct statvfs sv;
  unsigned long keep = 0;
  if (fstatvfs(fd, &sv) == 0) {
    if (sv.f_flag & ST_NOSUID) keep |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) keep |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) keep |= MS_NOEXEC;
  }
  char path[64];
  fd_path(path, sizeof(path), fd);
  int r = mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | keep | extra, NULL);
  int err = errno;
  close(fd);
  errno = err;
  return r;
}

static void do_mount(int rootfd, const struct fs_op *op) {
  struct mount_flags mf = parse_flags(op->d);
  int srcfd = -1, create = CREATE_DIR;
  char src[64], tgt[64];
  if (mf.bind) {
    struct stat st;
    srcfd = open(op->a, O_PATH | O_CLOEXEC);
    if (srcfd < 0 || fstat(srcfd, &st) < 0) fail(EXIT_ROOTFS, "mount", "open bind source %s", op->a);
    if (!S_ISDIR(st.st_mode)) create = CREATE_FILE;
    fd_path(src, sizeof(src), srcfd);
  }
  int fd = open_in_root(rootfd, op->b, O_PATH, mf.nosymlinks, mf.flags & MS_REMOUNT ? 0 : create);
  if (fd < 0) fail(EXIT_ROOTFS, "mount", "resolve mount target %s inside the rootfs", op->b);
  fd_path(tgt, sizeof(tgt), fd);
  unsigned long flags = mf.bind ? mf.flags & (MS_BIND | MS_REC) : mf.flags;
  const char *source = mf.bind ? src : (mf.flags & MS_REMOUNT ? NULL : op->a);
  if (fault("mount") || mount(source, tgt, op->c[0] ? op->c : NULL, flags, op->e[0] ? op->e : NULL) < 0)
    fail(EXIT_ROOTFS, "mount", "mount %s on %s", op->c[0] ? op->c : op->a, op->b);
  close(fd);
  if (srcfd >= 0) close(srcfd);
  unsigned long extra = mf.flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
  if (mf.bind && extra != 0 && remount_bind(rootfd, op->b, extra, mf.nosymlinks) < 0)
    fail(EXIT_ROOTFS, "mount", "remount bind %s with its flags", op->b);
  if (mf.prop != 0) {
    fd = open_in_root(rootfd, op->b, O_PATH, mf.nosymlinks, 0);
    fd_path(tgt, sizeof(tgt), fd);
    if (fd < 0 || mount(NULL, tgt, NULL, mf.prop, NULL) < 0) fail(EXIT_ROOTFS, "mount", "set propagation of %s", op->b);
    close(fd);
  }
}

static void do_mknod(int rootfd, const struct fs_op *op) {
  char parent[4096];
  const char *base;
  if (split_parent(op->a, parent, sizeof(parent), &base) < 0) fail(EXIT_ROOTFS, "mknod", "device path %s", op->a);
  int pfd = open_in_root(rootfd, parent, O_PATH | O_DIRECTORY, 1, CREATE_DIR);
  if (pfd < 0) fail(EXIT_ROOTFS, "mknod", "resolve %s inside the rootfs", parent);
  mode_t type = op->b[0] == 'b' ? S_IFBLK : S_IFCHR;
  mode_t mode = (mode_t)strtol(op->e, NULL, 8);
  if (fault("mknod") || mknodat(pfd, base, type | mode, makedev(atoi(op->c), atoi(op->d))) < 0)
    fail(EXIT_ROOTFS, "mknod", "create device %s", op->a);
  close(pfd);
}

static void do_symlink(int rootfd, const struct fs_op *op) {
  char parent[4096];
  const char *base;
  if (split_parent(op->b, parent, sizeof(parent), &base) < 0) fail(EXIT_ROOTFS, "symlink", "link path %s", op->b);
  int pfd = open_in_root(rootfd, parent, O_PATH | O_DIRECTORY, 1, CREATE_DIR);
  if (pfd < 0 || symlinkat(op->a, pfd, base) < 0) fail(EXIT_ROOTFS, "symlink", "create symlink %s", op->b);
  close(pfd);
}

static void do_mask(int rootfd, const struct fs_op *op) {
  int fd = open_in_root(rootfd, op->a, O_PATH, 1, 0);
  if (fd < 0 && errno == ENOENT) return;
  struct stat st, null_st;
  if (fd < 0 || fstat(fd, &st) < 0) fail(EXIT_ROOTFS, "mask", "resolve masked path %s", op->a);
  char tgt[64], src[64];
  fd_path(tgt, sizeof(tgt), fd);
  int r;
  if (S_ISDIR(st.st_mode)) {
    r = mount("tmpfs", tgt, "tmpfs", MS_RDONLY, "size=0");
  } else {
    int nullfd = open_in_root(rootfd, "/dev/null", O_PATH, 1, 0);
    if (nullfd < 0 || fstat(nullfd, &null_st) < 0 || !S_ISCHR(null_st.st_mode) || null_st.st_rdev != makedev(1, 3))
      fail_errno(EXIT_ROOTFS, "mask", EINVAL, "refusing to mask %s: /dev/null is not the null device", op->a);
    fd_path(src, sizeof(src), nullfd);
    r = mount(src, tgt, NULL, MS_BIND, NULL);
    close(nullfd);
  }
  if (r < 0 || fault("mask")) fail(EXIT_ROOTFS, "mask", "mask %s", op->a);
  close(fd);
}

static void do_readonly(int rootfd, const struct fs_op *op) {
  int fd = open_in_root(rootfd, op->a, O_PATH, 1, 0);
  if (fd < 0 && errno == ENOENT) return;
  if (fd < 0) fail(EXIT_ROOTFS, "readonly", "resolve read-only path %s", op->a);
  char tgt[64];
  fd_path(tgt, sizeof(tgt), fd);
  if (mount(tgt, tgt, NULL, MS_BIND | MS_REC, NULL) < 0) fail(EXIT_ROOTFS, "readonly", "bind %s", op->a);
  close(fd);
  if (fault("readonly") || remount_bind(rootfd, op->a, MS_RDONLY, 1) < 0) fail(EXIT_ROOTFS, "readonly", "remount %s read-only", op->a);
}

void apply_fs_op(int rootfd, const struct fs_op *op) {
  switch (op->kind) {
    case FS_MOUNT: do_mount(rootfd, op); break;
    case FS_MKNOD: do_mknod(rootfd, op); break;
    case FS_SYMLINK: do_symlink(rootfd, op); break;
    case FS_MASK: do_mask(rootfd, op); break;
    case FS_READONLY: do_readonly(rootfd, op); break;
  }
}
