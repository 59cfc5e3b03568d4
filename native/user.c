/*
 * User and group names from the container's own /etc/passwd and /etc/group, read after pivot_root so a
 * name can only ever mean what the image says (never the host's files, never NSS modules).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helper.h"

static int numeric(const char *s, unsigned long *out) {
  char *end;
  if (*s == '\0') return 0;
  errno = 0;
  *out = strtoul(s, &end, 10);
  return *end == '\0' && errno == 0;
}

/* Finds the line of `file` whose field 0 (by name) or field 2 (by id) matches; fields split on ':'. */
static int find_entry(const char *file, const char *name, unsigned long id, int by_id, char **fields, char *line, size_t cap) {
  FILE *f = fopen(file, "re");
  if (f == NULL) return -1;
  while (fgets(line, (int)cap, f) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    int n = 0;
    for (char *p = line; n < 7; n++) {
      fields[n] = p;
      char *c = strchr(p, ':');
      if (c == NULL) { n++; break; }
      *c = '\0';
      p = c + 1;
    }
    unsigned long v;
    if (n < 3) continue;
    if (by_id ? (numeric(fields[2], &v) && v == id) : strcmp(fields[0], name) == 0) { fclose(f); return n; }
  }
  fclose(f);
  errno = ENOENT;
  return -1;
}

int resolve_group(const char *name, gid_t *gid) {
  unsigned long v;
  char line[4096], *fields[7];
  if (numeric(name, &v)) { *gid = (gid_t)v; return 0; }
  if (find_entry("/etc/group", name, 0, 0, fields, line, sizeof(line)) < 0 || !numeric(fields[2], &v)) {
    errno = ENOENT;
    return -1;
  }
  *gid = (gid_t)v;
  return 0;
}

int resolve_user(const char *spec, uid_t *uid, gid_t *gid, char *name, size_t name_cap) {
  char buf[512], line[4096], *fields[7];
  snprintf(buf, sizeof(buf), "%s", spec);
  char *group = strchr(buf, ':');
  if (group != NULL) *group++ = '\0';
  unsigned long v = 0;
  int by_id = numeric(buf, &v);
  if (find_entry("/etc/passwd", buf, v, by_id, fields, line, sizeof(line)) >= 0) {
    unsigned long u, g;
    if (!numeric(fields[2], &u) || !numeric(fields[3], &g)) { errno = EINVAL; return -1; }
    *uid = (uid_t)u;
    *gid = (gid_t)g;
    snprintf(name, name_cap, "%s", fields[0]);
  } else if (by_id) {
    *uid = (uid_t)v;
    *gid = 0;
  } else {
    errno = ENOENT;
    return -1;
  }
  return group != NULL ? resolve_group(group, gid) : 0;
}

size_t member_groups(const char *user, gid_t *out, size_t cap) {
  FILE *f = fopen("/etc/group", "re");
  char line[4096];
  size_t n = 0;
  if (f == NULL || user[0] == '\0') { if (f) fclose(f); return 0; }
  while (n < cap && fgets(line, sizeof(line), f) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    char *save = NULL, *name = strtok_r(line, ":", &save), *pw = strtok_r(NULL, ":", &save);
    char *gid = strtok_r(NULL, ":", &save), *members = strtok_r(NULL, ":", &save);
    unsigned long v;
    if (name == NULL || pw == NULL || gid == NULL || members == NULL || !numeric(gid, &v)) continue;
    for (char *s2 = NULL, *m = strtok_r(members, ",", &s2); m != NULL; m = strtok_r(NULL, ",", &s2))
      if (strcmp(m, user) == 0) { out[n++] = (gid_t)v; break; }
  }
  fclose(f);
  return n;
}
