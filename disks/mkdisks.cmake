# Working disks from the stock V6 images: cmake -P mkdisks.cmake with
#   V6FS      the v6fs command
#   STOCK     where the stock images are (the environment's V6_DISKS wins)
#   MANIFEST  SHA256SUMS of the stock images
#   OUT       where rk0, rk1, rk2 go
#   FORCE     ON: replace existing working disks (else they are kept:
#             V6 may have written to them)
#
# The work is `v6fs --make-disks` (disks/mkdisks.c), the same code as
# `pdp1140 --make-disks` in an installed copy: see mkdisks.h for what the
# disks hold.
cmake_minimum_required(VERSION 3.19)

set(args --stock "${STOCK}" --manifest "${MANIFEST}")
if(FORCE)
  list(APPEND args --force)
endif()
execute_process(COMMAND "${V6FS}" --make-disks ${args} "${OUT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(STRIP "${out}" out)
string(REPLACE "--force makes" "cmake --build <dir> --target newdisks makes" out "${out}")
if(NOT out STREQUAL "")
  message(STATUS "${out}")
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${err} (To build without disks: cmake -DV6_MAKE_DISKS=OFF.)")
endif()
