/* UNIX V6 file system images on the host: read, write, check, make.
 *
 * Layout as in V6's /usr/sys/filsys.h and ino.h: 512-byte blocks, block 0
 * boot, block 1 super block, inodes (32 bytes, 16 a block) from block 2,
 * data from s_isize+2 to s_fsize-1.  Words are little-endian; longs (times)
 * are PDP-11 longs: high word first.
 *
 * The whole image is held in memory.  Every call that changes it is all or
 * nothing: on failure the image in memory is as it was before the call.
 * Nothing reaches the file until v6fs_sync(); v6fs_close() never writes. */
#ifndef V6FS_H
#define V6FS_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

enum {
	V6_BSIZE = 512,
	V6_DIRSIZ = 14,		/* bytes of name in a directory entry */
	V6_ROOTINO = 1,
	V6_NICFREE = 100,	/* s_free[] */
	V6_NICINOD = 100,	/* s_inode[] */
	V6_MAXFSIZE = 65535,
	V6_MAXFILE = 0xffffff,	/* i_size0:i_size1 is 24 bits */
};

/* i_mode */
enum {
	IALLOC = 0100000,
	IFMT = 060000,
	IFDIR = 040000,
	IFCHR = 020000,
	IFBLK = 060000,
	ILARG = 010000,
	ISUID = 04000,
	ISGID = 02000,
	ISVTX = 01000,
};

/* An inode as numbers; on disk it is packed as in ino.h. */
struct v6_inode {
	uint16_t mode;
	uint8_t nlink, uid, gid;
	uint32_t size;
	uint16_t addr[8];
	uint32_t atime, mtime;	/* seconds since 1970 GMT */
};

struct v6_dirent {
	uint16_t ino;
	char name[V6_DIRSIZ + 1];	/* NUL-terminated copy */
};

struct v6fs_df {
	unsigned fsize, isize;	/* from the super block */
	unsigned data_blocks;	/* fsize - isize - 2 */
	unsigned free_blocks;	/* on the free list */
	unsigned inodes, free_inodes;
};

struct v6fs;

/* SALVAGE: read-only, and a damaged free list is no reason to refuse (V6
 * leaves one when it stops before a sync): files read and v6fs_check
 * reports; nothing can be allocated or freed. */
enum { V6FS_RDONLY = 0, V6FS_RDWR = 1, V6FS_SALVAGE = 2 };

/* Open an image file.  The super block and free list are checked; an image
 * that is not a sane V6 file system is refused with a message in err.
 * RDWR refuses the stock originals (see v6fs_protected). */
struct v6fs *v6fs_open(const char *path, int mode, char *err, size_t errlen);
/* A read-only file system over a copy of size bytes of img. */
struct v6fs *v6fs_open_mem(const void *img, size_t size, const char *name, char *err, size_t errlen);
/* Write the changed blocks back to the file; -1 on an I/O error. */
int v6fs_sync(struct v6fs *fs);
/* Free everything; unsynced changes are dropped. */
void v6fs_close(struct v6fs *fs);
/* The problem behind the last -1 (one line, without the image name). */
const char *v6fs_error(const struct v6fs *fs);
const char *v6fs_name(const struct v6fs *fs);
/* The image bytes (fsize blocks) as they are in memory now. */
const uint8_t *v6fs_image(const struct v6fs *fs, size_t *size);

/* Nonzero (with the reason in why) if path must never be written: it lies
 * under /work/shared or $V6_DISKS, or beside a SHA256SUMS naming it. */
int v6fs_protected(const char *path, char *why, size_t whylen);

/* Make an empty file system of fsize blocks with isize inode blocks in a
 * new or truncated file (size fsize*512). */
int v6fs_mkfs(const char *path, unsigned fsize, unsigned isize, char *err, size_t errlen);

/* Lookups.  Paths are absolute (a missing leading / means the same). */
int v6fs_namei(struct v6fs *fs, const char *path, unsigned *ino);
int v6fs_iget(struct v6fs *fs, unsigned ino, struct v6_inode *ip);
/* Read up to n bytes at off; returns bytes read or -1. */
long v6fs_read(struct v6fs *fs, unsigned ino, uint32_t off, void *buf, size_t n);
/* Whole file by path into a malloc'd buffer (*data NULL for size 0). */
int v6fs_readfile(struct v6fs *fs, const char *path, uint8_t **data, size_t *len);
/* The entries of directory ino, in directory order, free slots skipped.
 * *ents is malloc'd. */
int v6fs_readdir(struct v6fs *fs, unsigned ino, struct v6_dirent **ents, size_t *n);
int v6fs_statfs(struct v6fs *fs, struct v6fs_df *df);

/* Changes.  perm is the low 12 mode bits (suid, sgid, sticky, rwx). */
struct v6fs_owner {
	uint16_t perm;
	uint8_t uid, gid;
	uint32_t mtime;		/* 0: now (v6fs_settime) */
};
/* Create path or replace the contents of the regular file there (keeping
 * its inode, links and owner: as V6 creat does). */
int v6fs_writefile(struct v6fs *fs, const char *path, const void *data, size_t len,
		   const struct v6fs_owner *own);
int v6fs_mkdir(struct v6fs *fs, const char *path, const struct v6fs_owner *own);
/* type 'b' or 'c' */
int v6fs_mknod(struct v6fs *fs, const char *path, int type, unsigned major, unsigned minor,
	       const struct v6fs_owner *own);
/* Remove a name that is not a directory; the file goes with its last link. */
int v6fs_unlink(struct v6fs *fs, const char *path);
/* Remove an empty directory. */
int v6fs_rmdir(struct v6fs *fs, const char *path);
/* Set the permission bits, owner and group; -1 keeps a value. */
int v6fs_chown(struct v6fs *fs, const char *path, int perm, int uid, int gid);
/* The time (seconds since 1970) given to changed directories and to new
 * files whose owner says mtime 0; the host's clock at open. */
void v6fs_settime(struct v6fs *fs, uint32_t now);
/* s_time: when V6 last wrote the super block; V6 boots with this date. */
uint32_t v6fs_sbtime(const struct v6fs *fs);
/* The number after name in the image's /etc/passwd or /etc/group (file):
 * the uid or gid; -1 if name is not there. */
int v6fs_idbyname(struct v6fs *fs, const char *file, const char *name);
/* Block 0: len (<= 512) bytes, the rest of the block zero. */
int v6fs_bootblock(struct v6fs *fs, const void *data, size_t len);

/* What icheck counts (its summary lines). */
struct v6fs_counts {
	unsigned spcl, files, large, huge, direc, indir, indir2, used, free, missing;
};
/* icheck and dcheck together.  Each problem is passed to report (if not
 * NULL) as one line; counts (if not NULL) is filled in.  Returns the
 * number of problems, -1 if the check itself could not run. */
int v6fs_check(struct v6fs *fs, void (*report)(void *arg, const char *line), void *arg,
	       struct v6fs_counts *counts);

/* V6 /bin/ls: names, or with V6LS_LONG `ls -l` lines; owner names come
 * from the image's /etc/passwd.  now (seconds since 1970) picks between
 * "Mmm dd hh:mm" and "Mmm dd  yyyy" as V6 does (older than ~6 months). */
enum { V6LS_LONG = 1, V6LS_ALL = 2, V6LS_INUM = 4, V6LS_DIRS = 8 };
int v6fs_ls(struct v6fs *fs, FILE *out, const char *const *paths, int npaths, int flags, uint32_t now);
/* ls -l's mode column: type, nine permissions, t or a space. */
void v6fs_modestr(uint16_t mode, char out[12]);
/* V6 ctime(3): "Wed Jun 11 16:53:04 1975\n" in EST/EDT as V6 computes it. */
void v6fs_ctime(uint32_t t, char out[26]);

#endif
