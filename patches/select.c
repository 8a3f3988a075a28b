#
/*
 * select: system call 50.
 *	n = select(nfds, &rfds, wfds, efds, timo);
 * rfds is a bit mask of descriptors (bit fd for descriptor fd).
 * Of the pipe read ends named in it below nfds, the ones that
 * can be read now (data waiting, or the writer gone so that
 * read returns end of file) are left in the mask and counted.
 * If none can, the process sleeps until one can.
 * Other descriptors, open or closed, are ignored.
 * wfds, efds and timo are accepted but not implemented.
 *
 * A sleeper cannot sleep on the channel of each pipe: a process
 * has one p_wchan. So it records the channels in p_wfdset of
 * its proc slot (which stays in core when the process is swapped)
 * and sleeps on p_wfdset itself; wakeup (slp.c) checks the list
 * of every process that sleeps on its own p_wfdset.
 * The channel of a pipe is the one its reader sleeps on (pipe.c):
 * ip+2, woken by a writer only when IREAD is set, and by closef.
 */
#include "../param.h"
#include "../user.h"
#include "../proc.h"
#include "../file.h"
#include "../inode.h"
#include "../reg.h"

select()
{
	register *fp, *ip, *pp;
	int nfds, want, ready, n, fd, waits;

	nfds = u.u_arg[0];
	if(nfds < 0)
		nfds = 0;
	if(nfds > NOFILE)
		nfds = NOFILE;
	if(copyin(u.u_arg[1], &want, 2)) {
		u.u_error = EFAULT;
		return;
	}
	pp = u.u_procp;

loop:
	ready = 0;
	n = 0;
	waits = 0;
	for(fd = 0; fd < NOFILE; fd++) {
		pp->p_wfdset[fd] = 0;
		if(fd >= nfds || (want & (1<<fd)) == 0)
			continue;
		fp = getf(fd);
		if(fp == NULL) {
			u.u_error = 0;
			continue;
		}
		if((fp->f_flag & (FPIPE|FREAD)) != (FPIPE|FREAD))
			continue;
		ip = fp->f_inode;
		if(fp->f_offset[1] != ip->i_size1 || ip->i_count < 2) {
			ready =| 1<<fd;
			n++;
		} else {
			/* as readp does, so that the writer wakes ip+2 */
			ip->i_mode =| IREAD;
			pp->p_wfdset[fd] = ip+2;
			waits++;
		}
	}
	if(n == 0 && waits != 0) {
		sleep(pp->p_wfdset, PPIPE);
		goto loop;
	}
	for(fd = 0; fd < NOFILE; fd++)
		pp->p_wfdset[fd] = 0;
	if(copyout(&ready, u.u_arg[1], 2)) {
		u.u_error = EFAULT;
		return;
	}
	u.u_ar0[R0] = n;
}
