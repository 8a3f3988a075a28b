# The fault lockstep must find (tests/cpu/test_lockstep.c, PLANTED): the
# carry of ADD flipped in the instance for source and destination mode 0
# (ADD R,R) alone; the generic handler (modes -1, the reference) is left
# as it is.
s/cpu->c = (uint32_t)s + d > 0177777;/cpu->c = ((uint32_t)s + d > 0177777) ^ (sm == 0 \&\& dm == 0);/
