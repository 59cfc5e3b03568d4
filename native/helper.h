/*
 * berth-helper: shared types. The config is parsed once from fd 3 (protocol.c) into `struct config`;
 * every other file reads it and never changes it. Failures go through fail() (events.c): one JSON line
 * naming the step and errno, then an exit code of the step's class (see PROTOCOL.md).
 */
#ifndef BERTH_HELPER_H
#define BERTH_HELPER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum exit_class {
  EXIT_PROTOCOL = 120, EXIT_NAMESPACE = 121, EXIT_CGROUP = 122, EXIT_ROOTFS = 123,
  EXIT_PROCESS = 124, EXIT_MONITOR = 125, EXIT_CANNOT_EXEC = 126, EXIT_NOT_FOUND = 127,
};

enum fs_kind { FS_MOUNT, FS_MKNOD, FS_SYMLINK, FS_MASK, FS_READONLY };

struct fs_op {
  enum fs_kind kind;
  char *a, *b, *c, *d, *e; /* fields in record order */
};

struct strlist {
  char **items;
  size_t len;
};

struct rlimit_op {
  int resource;
  long long soft, hard;
};

struct config {
  char *id, *state_dir, *log_path, *netns_path, *oom_file, *cgroup_dir;
  int ns_flags, cgroup_ns;
  char *lowers, *upper, *work, *mountpoint, *rootfs_dir;
  int overlay_volatile, readonly_rootfs, rootfs_slave;
  struct fs_op *fs;
  size_t fs_len;
  char *hostname, *user, *cwd;
  struct strlist procs, tasks, groups, env, argv, join_ns;
  uint64_t caps;
  struct rlimit_op *rlimits;
  size_t rlimits_len;
  int no_new_privs, block_namespaces, tty, init, stdin_inherit, attach, sync_keep;
  int lifeline; /* exec: fd 5 is the caller's lifeline; its EOF kills the process group */
  unsigned short tty_rows, tty_cols; /* the pty's size when the caller's terminal gives none */
  pid_t join_pid;
};

/* protocol.c */
void parse_config(int fd, struct config *cfg);

/* events.c */
extern int sync_fd;
extern int error_fd; /* where fail() writes: the sync fd, or the child's error pipe */
void emit(const char *json);
void emit_error(const char *step, int err, const char *message);
/* Copies a child's error line (if any) from its CLOEXEC error pipe to the sync fd; returns whether there was one. */
int relay_child_error(int errfd);
__attribute__((noreturn)) void fail(int code, const char *step, const char *fmt, ...);
__attribute__((noreturn)) void fail_errno(int code, const char *step, int err, const char *fmt, ...);
int fault(const char *step);
size_t json_escape(char *out, size_t cap, const char *in, size_t len);
void iso_now(char *out, size_t cap);

/* namespaces.c */
struct child_stdio {
  int in, out, err; /* fds the container gets as 0, 1, 2 */
  int tty;          /* whether `in` is a pty slave to make the controlling terminal */
  int console;      /* `tty` run: the socket the child sends its pty master on (stdio set after pivot_root), else -1 */
};
pid_t spawn_container(const struct config *cfg, int go_fd, int err_fd, const struct child_stdio *stdio, int *in_cgroup);
void setup_stdio(const struct child_stdio *stdio);

/* cgroup-join.c */
/* The calling single-threaded process joins every `cgroup_tasks` file (writes `0`). */
void join_own_cgroups(const struct config *cfg);

/* console.c */
/* A pty from /dev/ptmx of the current mount namespace (exec: the container's). */
int open_pty(int *master, int *slave);
/* In the container child after pivot_root: a pty from the container's devpts becomes its stdio; the master goes to the monitor. */
void open_console(const struct config *cfg, int sock);
/* In the monitor: the pty master the child sent, or -1 when the child ended first. */
int receive_console(int sock);
/* Sets the pty's size: the caller's terminal's with `attach`, else rows x cols. */
void size_console(int master, int attach, unsigned short rows, unsigned short cols);

/* rootfs.c */
void setup_rootfs(const struct config *cfg);

/* fs-ops.c */
int open_in_root(int rootfd, const char *path, int flags, int nosymlinks, int create_dir);
void apply_fs_op(int rootfd, const struct fs_op *op);

/* process.c */
void setup_process(const struct config *cfg);
__attribute__((noreturn)) void exec_program(const struct config *cfg);

/* seccomp.c */
void block_namespaces(void);

/* user.c */
int resolve_user(const char *spec, uid_t *uid, gid_t *gid, char *name, size_t name_cap);
size_t member_groups(const char *user, gid_t *out, size_t cap);
int resolve_group(const char *name, gid_t *gid);

/* monitor.c */
__attribute__((noreturn)) void run_monitor(const struct config *cfg);

/* log-writer.c */
struct log_stream {
  int fd, out_fd;
  const char *name;
  char buf[16384];
  size_t len;
};
void log_open(const char *path);
int log_read(struct log_stream *s);
void log_flush(struct log_stream *s);

/* exit-record.c */
void write_exit_record(const struct config *cfg, pid_t pid, int status, int oom, const char *started_at);
/* The group's oom_kill counter now (0 without an oom_file). */
long oom_kill_count(const struct config *cfg);

/* started-record.c */
/* Writes started.json (pids and start times); -1 with errno on failure. */
int write_started_record(const struct config *cfg, pid_t pid, const char *started_at);

/* init.c */
__attribute__((noreturn)) void run_init(const struct config *cfg, int err_fd);

/* exec.c */
#define LIFELINE_FD 5 /* exec with `lifeline`: the caller's end closing (EOF) means "kill the process" */
__attribute__((noreturn)) void run_exec(const struct config *cfg);

/* signals.c */
int signal_fd_for_forwarding(void);
void unblock_signals(void);
int exit_status_code(int status);

#endif
