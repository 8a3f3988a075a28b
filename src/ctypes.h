/* The C types of a V6 kernel, read from its headers (the .h files of /usr/sys): the
 * structs with their members' offsets, the global variables the headers
 * declare (`struct proc proc[NPROC]`, `struct user u`, `int lbolt`) and
 * the #define constants. V6 C as its cc takes it: char is a byte; int,
 * pointers and unsigned are words on even addresses; long and float two
 * words, double four; member names are global (one name, one offset),
 * and unnamed structs (`struct { char lobyte; char hibyte; };`) exist
 * only for their members. Pure: no machine, no files. */
#ifndef CTYPES_H
#define CTYPES_H

#include <stdbool.h>

enum { CT_NAME = 32 };

enum ctype_kind {
	CT_VOID, CT_CHAR, CT_INT, CT_UNSIGNED, CT_LONG, CT_FLOAT, CT_DOUBLE,
	CT_PTR, CT_ARRAY, CT_STRUCT, CT_FUNC,
};

struct ctype {
	enum ctype_kind kind;
	int to;         /* pointer, array, function: the type pointed to, held, returned */
	int count;      /* array: elements (0: unknown, as `char regloc[]`) */
	int st;         /* struct: index in ctypes.st */
};

struct cmember {
	char name[CT_NAME];
	int type, off, st;      /* st: the struct it belongs to */
};

struct cstruct {
	char name[CT_NAME];     /* "" for an unnamed struct */
	int size;
	int n;                  /* its members: those of mem[] whose st is this one, in order */
	bool defined;           /* a body was read (else only named, as `struct buf *`) */
	char where[64];         /* FILE:LINE of the body */
};

struct cdefine {
	char name[CT_NAME];
	long value;
};

struct cglobal {
	char name[CT_NAME];
	int type;
	char where[64];
};

struct ctypes {
	struct ctype *ty; int nty, capty;
	struct cmember *mem; int nmem, capmem;
	struct cstruct *st; int nst, capst;
	struct cdefine *def; int ndef, capdef;
	struct cglobal *glob; int nglob, capglob;
	char **warn; int nwarn, capwarn;
};

struct ctypes *ctypes_new(void);
void ctypes_free(struct ctypes *ct);
/* Read one header; what cannot be read becomes a warning "FILE:LINE: ...".
 * Headers are read in order: a #define must come before its use. */
void ctypes_read(struct ctypes *ct, const char *file, const char *text);

/* The basic types; pointer and array types made on demand. */
int ctypes_basic(struct ctypes *ct, enum ctype_kind k);
int ctypes_pointer(struct ctypes *ct, int to);
int ctypes_struct_type(struct ctypes *ct, int st);
int ctypes_size(const struct ctypes *ct, int type);
/* "struct proc *", "int [15]", "char" */
void ctypes_name(const struct ctypes *ct, int type, char *buf, int size);
/* The declaration of name as type: "int *p_textp", "int (*c_func)()" */
void ctypes_declare(const struct ctypes *ct, int type, const char *name, char *buf, int size);

int ctypes_define(const struct ctypes *ct, const char *name, long *value);
/* A struct by name; -1 if none (or only forward-named with no body). */
int ctypes_struct(const struct ctypes *ct, const char *name);
/* A member by name: in struct st if st >= 0, else the first struct
 * declaring it (V6's global member names). NULL if none. */
const struct cmember *ctypes_member(const struct ctypes *ct, int st, const char *name);
const struct cglobal *ctypes_global(const struct ctypes *ct, const char *name);

/* One declaration, "int *ip, x;" or "register *rp;": the names and
 * types of its declarators (at most max); their count, or -1. */
int ctypes_decl(struct ctypes *ct, const char *text, char (*names)[CT_NAME], int *types, int max);

#endif
