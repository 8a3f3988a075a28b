/* Modes and dates as V6 prints them: ls.c's pmode tables and the C
 * library's ctime.c (/usr/source/s1/ls.c, /usr/source/s4/ctime.c). */
#include "fsint.h"

#include <stdio.h>
#include <string.h>

/* pmode: type, rwx with s for set-id (whether or not x is set), then t
 * or a space for the sticky bit. */
void v6fs_modestr(uint16_t mode, char out[12])
{
	int fmt = mode & IFMT;
	out[0] = fmt == IFDIR ? 'd' : fmt == IFBLK ? 'b' : fmt == IFCHR ? 'c' : '-';
	out[1] = mode & 0400 ? 'r' : '-';
	out[2] = mode & 0200 ? 'w' : '-';
	out[3] = mode & ISUID ? 's' : mode & 0100 ? 'x' : '-';
	out[4] = mode & 040 ? 'r' : '-';
	out[5] = mode & 020 ? 'w' : '-';
	out[6] = mode & ISGID ? 's' : mode & 010 ? 'x' : '-';
	out[7] = mode & 04 ? 'r' : '-';
	out[8] = mode & 02 ? 'w' : '-';
	out[9] = mode & 01 ? 'x' : '-';
	out[10] = mode & ISVTX ? 't' : ' ';
	out[11] = 0;
}

enum { SEC, MIN, HOUR, MDAY, MON, YEAR, WDAY, YDAY };

static int dysize(int y) { return y % 4 == 0 ? 366 : 365; }

/* gmtime: years from 70, V6's leap rule (every fourth year). */
static void gmtime6(int64_t t, int tm[8])
{
	int64_t d0 = t / 86400, s = t % 86400;
	tm[SEC] = (int)(s % 60);
	tm[MIN] = (int)(s / 60 % 60);
	tm[HOUR] = (int)(s / 3600);
	tm[WDAY] = (int)((d0 + 4) % 7);
	int y = 70;
	while (d0 >= dysize(y))
		d0 -= dysize(y++);
	tm[YEAR] = y;
	tm[YDAY] = (int)d0;
	static const int dmsize[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int m = 0;
	for (; d0 >= dmsize[m] + (m == 1 && dysize(y) == 366); m++)
		d0 -= dmsize[m] + (m == 1 && dysize(y) == 366);
	tm[MDAY] = (int)d0 + 1;
	tm[MON] = m;
}

/* The first Sunday on or after 0-origin day d. */
static int sunday(const int tm[8], int d)
{
	if (d >= 58)
		d += dysize(tm[YEAR]) - 365;
	return d - (d - tm[YDAY] + tm[WDAY] + 700) % 7;
}

/* localtime: EST, and EDT from the last Sunday in April to the last in
 * October, with the 1974-75 energy-crisis dates. */
static void localtime6(uint32_t t, int tm[8])
{
	int64_t lt = (int64_t)t - 5 * 60 * 60;
	gmtime6(lt, tm);
	int begin = 119, end = 303;
	if (tm[YEAR] == 74)
		begin = 5, end = 333;
	if (tm[YEAR] == 75)
		begin = 58, end = 303;
	begin = sunday(tm, begin);
	end = sunday(tm, end);
	int day = tm[YDAY];
	if ((day > begin || (day == begin && tm[HOUR] >= 2)) &&
	    (day < end || (day == end && tm[HOUR] < 1)))
		gmtime6(lt + 60 * 60, tm);
}

/* "Thu Jan  1 00:00:00 1970\n".  V6 itself only gets this right up to
 * 1999 (16-bit day count, "19" before the year); past that we print the
 * true date. */
void v6fs_ctime(uint32_t t, char out[26])
{
	int tm[8];
	localtime6(t, tm);
	char buf[64];
	snprintf(buf, sizeof buf, "%.3s %.3s %2d %02d:%02d:%02d %4d\n",
		 &"SunMonTueWedThuFriSat"[3 * tm[WDAY]], &"JanFebMarAprMayJunJulAugSepOctNovDec"[3 * tm[MON]],
		 tm[MDAY], tm[HOUR], tm[MIN], tm[SEC], 1900 + tm[YEAR]);
	memcpy(out, buf, 25);	/* years stay 4 digits until 2106 */
	out[25] = 0;
}
