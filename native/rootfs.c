/*
 * The container's root: the whole mount tree made private, or a slave of the host's when a bind asks for
 * slave or shared propagation (either way nothing propagates back to the host), an overlay (or a bind of
 * a plain dir) as the new root, the fs operations of the config applied inside it, the working directory
 * made when missing, then pivot_root with the old root detached, and finally `/` remounted read-only
 * when asked. The overlay lives only in the container's mount namespace, so it disappears with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

static const char *mount_root(const struct config *cfg) {
  if (cfg->lowers != NULL) {
    char data[4096];
    int n = snprintf(data, sizeof(data), "lowerdir=%s,upperdir=%s,workdir=%s%s", cfg->lowers, cfg->upper, cfg->work,
                     cfg->overlay_volatile ? ",volatile" : "");
    if (n < 0 || (size_t)n >= sizeof(data)) fail_errno(EXIT_ROOTFS, "overlay", E2BIG, "overlay options of container %s", cfg->id);
    if (fault("overlay") || mount("overlay", cfg->mountpoint, "overlay", 0, data) < 0)
      fail(EXIT_ROOTFS, "overlay", "mount overlay rootfs at %s", cfg->mountpoint);
    return cfg->mountpoint;
  }
  if (cfg->rootfs_dir == NULL) fail_errno(EXIT_PROTOCOL, "config", EINVAL, "no rootfs record");
  if (fault("rootfs") || mount(cfg->rootfs_dir, cfg->rootfs_dir, NULL, MS_BIND | MS_REC, NULL) < 0)
    fail(EXIT_ROOTFS, "rootfs", "bind rootfs %s", cfg->rootfs_dir);
  return cfg->rootfs_dir;
}

static void pivot(int rootfd) {
  if (fchdir(rootfd) < 0) fail(EXIT_ROOTFS, "pivot_root", "enter new root");
  if (fault("pivot_root") || syscall(SYS_pivot_root, ".", ".") < 0) fail(EXIT_ROOTFS, "pivot_root", "pivot_root into new root");
  if (umount2(".", MNT_DETACH) < 0) fail(EXIT_ROOTFS, "umount_old_root", "detach old root");
  if (chdir("/") < 0) fail(EXIT_ROOTFS, "pivot_root", "chdir to new root");
}

/* A missing working directory is made (root's, 0755, through the mounts), as Docker and runc do; a path
 * that cannot be made is left for the process's chdir to report. */
static void make_cwd(int rootfd, const struct config *cfg) {
  if (cfg->cwd == NULL) return;
  int fd = open_in_root(rootfd, cfg->cwd, O_PATH | O_DIRECTORY, 0, 1);
  if (fd >= 0) close(fd);
}

void setup_rootfs(const struct config *cfg) {
  unsigned long propagation = cfg->rootfs_slave ? MS_SLAVE : MS_PRIVATE;
  if (fault("make_private") || mount(NULL, "/", NULL, MS_REC | propagation, NULL) < 0)
    fail(EXIT_ROOTFS, "make_private", "make mounts private");
  const char *root = mount_root(cfg);
  int rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) fail(EXIT_ROOTFS, "rootfs", "open rootfs %s", root);
  for (size_t i = 0; i < cfg->fs_len; i++) apply_fs_op(rootfd, &cfg->fs[i]);
  make_cwd(rootfd, cfg);
  pivot(rootfd);
  close(rootfd);
  if (cfg->readonly_rootfs && (fault("readonly_rootfs") || mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) < 0))
    fail(EXIT_ROOTFS, "readonly_rootfs", "remount rootfs read-only");
}
