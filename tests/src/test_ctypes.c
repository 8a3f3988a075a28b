/* The V6 header reader: layouts as V6's cc makes them, symbolic array
 * sizes, unnamed overlays, global member names, and a warning naming the
 * line of anything it cannot read. */
#include <check.h>
#include <string.h>

#include "ctypes.h"

static const char param_h[] =
	"/* tunable */\n"
	"#define\tNOFILE\t15\t\t/* max open files */\n"
	"#define\tNPROC\t50\n"
	"#define\tMAXMEM\t(64*32)\n"
	"#define\tNODEV\t(-1)\n"
	"#define\tCERASE\t'#'\n"
	"#define\tFD_SET(fd, s)\ts =| 1<<(fd)\n"
	"struct\n{\n\tchar\tlobyte;\n\tchar\thibyte;\n};\n";

static const char proc_h[] =
	"struct\tproc\n{\n"
	"\tchar\tp_stat;\n"
	"\tchar\tp_flag;\n"
	"\tint\tp_pid;\n"
	"\tint\t*p_textp;\n"
	"\tint\tp_wfdset[NOFILE];\n"
	"\tchar\tp_last;\n"
	"} proc[NPROC];\n"
	"struct user {\n"
	"\tint\tu_rsav[2];\n"
	"\tchar\tu_error;\n"
	"\tint\tu_procp;\n"
	"\tstruct\t{\n\t\tint\tu_ino;\n\t\tchar\tu_name[14];\n\t} u_dent;\n"
	"\tint\t(*u_func)();\n"
	"\tstruct\tbuf *u_bp;\n"
	"} u;\n"
	"int\t*rootdir;\n"
	"char\tregloc[];\n";

static struct ctypes *read_both(void)
{
	struct ctypes *ct = ctypes_new();
	ck_assert_ptr_nonnull(ct);
	ctypes_read(ct, "param.h", param_h);
	ctypes_read(ct, "proc.h", proc_h);
	return ct;
}

START_TEST(symbolic_sizes_and_offsets)
{
	struct ctypes *ct = read_both();
	ck_assert_int_eq(ct->nwarn, 0);
	int st = ctypes_struct(ct, "proc");
	ck_assert_int_ge(st, 0);
	/* two chars, then ints on even addresses; 15 words; a char; even size */
	ck_assert_int_eq(ctypes_member(ct, st, "p_pid")->off, 2);
	ck_assert_int_eq(ctypes_member(ct, st, "p_textp")->off, 4);
	const struct cmember *w = ctypes_member(ct, st, "p_wfdset");
	ck_assert_int_eq(w->off, 6);
	ck_assert_int_eq(ctypes_size(ct, w->type), 30);
	ck_assert_int_eq(ctypes_member(ct, st, "p_last")->off, 36);
	ck_assert_int_eq(ct->st[st].size, 38);
	const struct cglobal *g = ctypes_global(ct, "proc");
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(ct->ty[g->type].count, 50);
	char name[64];
	ctypes_name(ct, g->type, name, sizeof name);
	ck_assert_str_eq(name, "struct proc [50]");
	ctypes_free(ct);
}
END_TEST

START_TEST(constants)
{
	struct ctypes *ct = read_both();
	long v;
	ck_assert_int_eq(ctypes_define(ct, "MAXMEM", &v), 0);
	ck_assert_int_eq(v, 2048);
	ck_assert_int_eq(ctypes_define(ct, "NODEV", &v), 0);
	ck_assert_int_eq(v, -1);
	ck_assert_int_eq(ctypes_define(ct, "CERASE", &v), 0);
	ck_assert_int_eq(v, '#');
	ck_assert_int_eq(ctypes_define(ct, "FD_SET", &v), -1);
	ctypes_free(ct);
}
END_TEST

START_TEST(overlays_nested_and_global_members)
{
	struct ctypes *ct = read_both();
	/* the unnamed overlay's members are found without a struct */
	const struct cmember *m = ctypes_member(ct, -1, "hibyte");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->off, 1);
	int st = ctypes_struct(ct, "user");
	ck_assert_int_eq(ctypes_member(ct, st, "u_error")->off, 4);
	ck_assert_int_eq(ctypes_member(ct, st, "u_procp")->off, 6);
	const struct cmember *d = ctypes_member(ct, st, "u_dent");
	ck_assert_int_eq(d->off, 8);
	ck_assert_int_eq(ctypes_size(ct, d->type), 16);
	ck_assert_int_eq(ctypes_member(ct, -1, "u_name")->off, 2);
	ck_assert_int_eq(ctypes_member(ct, st, "u_func")->off, 24);
	ck_assert_int_eq(ct->st[st].size, 28);
	char name[64];
	ctypes_name(ct, ctypes_member(ct, st, "u_func")->type, name, sizeof name);
	ck_assert_str_eq(name, "int (*)()");
	ctypes_name(ct, ctypes_member(ct, st, "u_bp")->type, name, sizeof name);
	ck_assert_str_eq(name, "struct buf *");
	ck_assert_int_eq(ctypes_size(ct, ctypes_global(ct, "regloc")->type), 0);
	ctypes_free(ct);
}
END_TEST

START_TEST(unreadable_lines_are_warnings)
{
	struct ctypes *ct = ctypes_new();
	ctypes_read(ct, "rk0:/usr/sys/x.h",
		    "#define A 2\n"
		    "struct x {\n\tint\ta[B];\n};\n"          /* line 3: unknown constant */
		    "int ok1;\n"
		    "#define C (1+\n"                          /* line 6 */
		    "foo bar;\n"                               /* line 7: not a type */
		    "int ok2[A];\n");
	ck_assert_int_eq(ct->nwarn, 3);
	ck_assert_str_eq(ct->warn[0], "rk0:/usr/sys/x.h:3: unknown constant B");
	ck_assert_ptr_nonnull(strstr(ct->warn[1], "x.h:6: "));
	ck_assert_str_eq(ct->warn[2], "rk0:/usr/sys/x.h:7: unknown type foo");
	/* the reader goes on after each */
	ck_assert_ptr_nonnull(ctypes_global(ct, "ok1"));
	ck_assert_int_eq(ctypes_size(ct, ctypes_global(ct, "ok2")->type), 4);
	ck_assert_int_lt(ctypes_struct(ct, "x"), 0);
	ctypes_free(ct);
}
END_TEST

START_TEST(declarations_of_parameters)
{
	struct ctypes *ct = read_both();
	char names[4][CT_NAME];
	int types[4];
	ck_assert_int_eq(ctypes_decl(ct, "struct proc *p, *q;", names, types, 4), 2);
	ck_assert_str_eq(names[1], "q");
	char name[64];
	ctypes_name(ct, types[0], name, sizeof name);
	ck_assert_str_eq(name, "struct proc *");
	ck_assert_int_eq(ctypes_decl(ct, "register *rp;", names, types, 4), 1);
	ctypes_name(ct, types[0], name, sizeof name);
	ck_assert_str_eq(name, "int *");
	ck_assert_int_eq(ctypes_decl(ct, "{", names, types, 4), -1);
	ctypes_free(ct);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ctypes");
	TCase *tc = tcase_create("ctypes");
	tcase_add_test(tc, symbolic_sizes_and_offsets);
	tcase_add_test(tc, constants);
	tcase_add_test(tc, overlays_nested_and_global_members);
	tcase_add_test(tc, unreadable_lines_are_warnings);
	tcase_add_test(tc, declarations_of_parameters);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
