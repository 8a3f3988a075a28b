# Working disks from the stock V6 images: cmake -P mkdisks.cmake with
#   V6FS      the v6fs command
#   STOCK     where the stock images are (the environment's V6_DISKS wins)
#   MANIFEST  SHA256SUMS of the stock images
#   OUT       where rk0, rk1, rk2 go
#   FORCE     ON: replace existing working disks (else they are kept:
#             V6 may have written to them)
#
# rk0 = v6root with /usr/mdec/rkuboot (from the image) in block 0, block
# and raw device nodes /dev/rk0-2 and /dev/rrk0-2, and the mount points
# /usr/source and /usr/doc; rk1 = v6src; rk2 = v6doc.  The stock files are
# only read: each disk is made as a copy under a temporary name, changed
# with v6fs, checked, and then renamed into place.  New nodes are dated
# with the image's own s_time (the date V6 boots with), so the disks come
# out the same every time and V6's ctime, which fails after 1999, can
# print their dates.
cmake_minimum_required(VERSION 3.19)

if(DEFINED ENV{V6_DISKS} AND NOT "$ENV{V6_DISKS}" STREQUAL "")
  set(STOCK "$ENV{V6_DISKS}")
endif()

set(where "The stock images are the Research UNIX V6 RK05 packs from the TUHS \
archive, Archive/Distributions/Research/Dennis_v6/ (v6root.gz, v6src.gz, v6doc.gz): \
gunzip them into ${STOCK} or point the V6_DISKS environment variable at their \
directory. To build without disks: cmake -DV6_MAKE_DISKS=OFF.")

function(v6fs)
  execute_process(COMMAND "${V6FS}" --now image ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mkdisks: v6fs ${ARGN} failed: ${err}${out}")
  endif()
endfunction()

function(exists image path result)
  execute_process(COMMAND "${V6FS}" "${image}" ls -d "${path}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(rc EQUAL 0)
    set(${result} ON PARENT_SCOPE)
  else()
    set(${result} OFF PARENT_SCOPE)
  endif()
endfunction()

# The rk0 changes: what V6's installation would have done by hand.
function(prepare_root image)
  v6fs("${image}" bootblock)
  foreach(minor 0 1 2)
    v6fs("${image}" mknod /dev/rk${minor} b 0 ${minor})
    v6fs("${image}" mknod /dev/rrk${minor} c 9 ${minor})
  endforeach()
  foreach(dir /usr/source /usr/doc)
    exists("${image}" ${dir} have)
    if(NOT have)
      v6fs("${image}" mkdir -m 775 -o bin -g bin ${dir})
    endif()
  endforeach()
endfunction()

file(STRINGS "${MANIFEST}" sums)
file(MAKE_DIRECTORY "${OUT}")
foreach(pair rk0:v6root rk1:v6src rk2:v6doc)
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 disk)
  list(GET pair 1 stock)
  set(dest "${OUT}/${disk}")
  if(EXISTS "${dest}" AND NOT FORCE)
    message(STATUS "${disk}: kept ${dest} (cmake --build <dir> --target newdisks makes fresh copies)")
    continue()
  endif()

  set(want "")
  foreach(line IN LISTS sums)
    if(line MATCHES "^([0-9a-f]+)[ \t]+\\*?${stock}$")
      set(want "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(want STREQUAL "")
    message(FATAL_ERROR "mkdisks: ${MANIFEST} has no checksum for ${stock}")
  endif()
  if(NOT EXISTS "${STOCK}/${stock}")
    message(FATAL_ERROR "mkdisks: stock image ${STOCK}/${stock} not found. ${where}")
  endif()
  file(SHA256 "${STOCK}/${stock}" got)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "mkdisks: ${STOCK}/${stock} is not the stock image "
      "(SHA-256 ${got}, want ${want}). ${where}")
  endif()

  set(tmp "${dest}.new")
  file(REMOVE "${tmp}")
  file(COPY_FILE "${STOCK}/${stock}" "${tmp}")
  file(CHMOD "${tmp}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  file(SHA256 "${tmp}" copied)
  if(NOT copied STREQUAL want)
    message(FATAL_ERROR "mkdisks: copying ${STOCK}/${stock} to ${tmp} went wrong")
  endif()
  if(disk STREQUAL "rk0")
    prepare_root("${tmp}")
  endif()
  v6fs("${tmp}" check)
  file(RENAME "${tmp}" "${dest}")
  message(STATUS "${disk}: made ${dest} from ${STOCK}/${stock}")
endforeach()
