/* A whole host file read into memory: the one reader for v6fs's put and
 * bootblock and the monitor's load and symbols. */
#ifndef HOSTFILE_H
#define HOSTFILE_H

#include <stddef.h>
#include <stdint.h>

/* Read at most `limit` bytes of path (0: all) into a new buffer (*data,
 * the caller frees it). 0; or -1 when the file does not open, -2 when
 * reading it fails (a directory opens, then fails) or memory runs out,
 * with errno saying why. */
int host_read_file(const char *path, size_t limit, uint8_t **data, size_t *len);

#endif
