/ C library -- select

/ n = select(nfds, &rfds, wfds, efds, timo);
/ rfds is a bit mask of descriptors; on return it holds the
/ pipes that can be read without waiting, and n counts them.
/ wfds, efds and timo are passed on but not implemented.

.globl	_select, cerror

select = 50.

_select:
	mov	r5,-(sp)
	mov	sp,r5
	mov	4(r5),0f
	mov	6(r5),0f+2
	mov	8.(r5),0f+4
	mov	10.(r5),0f+6
	mov	12.(r5),0f+8.
	sys	0; 9f
	bec	1f
	jmp	cerror
1:
	mov	(sp)+,r5
	rts	pc
.data
9:
	sys	select; 0:..; ..; ..; ..; ..
