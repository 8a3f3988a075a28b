# cmake --install (GNUInstallDirs) and the Debian package (cpack -G DEB):
# bin/pdp1140, bin/v6fs, their man pages, and the docs, the license and an
# example boot script in share/doc/pdp1140.
include(GNUInstallDirs)

install(TARGETS pdp1140 v6fs RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES docs/man/pdp1140.1 docs/man/v6fs.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
file(GLOB docs CONFIGURE_DEPENDS docs/*.md docs/*.png)
install(FILES README.md LICENSE disks/v6.ini ${docs} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Debian's copyright file (copyright-format 1.0) from LICENSE: Debian calls
# the MIT license Expat.
file(READ LICENSE license)
string(REGEX REPLACE "^MIT License\n\n(Copyright \\(c\\) )?([^\n]*)\n\n" "" body "${license}")
string(REGEX MATCH "Copyright \\(c\\) ([^\n]*)" _ "${license}")
set(holder "${CMAKE_MATCH_1}")
string(REGEX REPLACE "\n+$" "" body "${body}")
string(REPLACE "\n\n" "\n.\n" body "${body}")
string(REPLACE "\n" "\n " body "${body}")
file(WRITE ${CMAKE_BINARY_DIR}/copyright
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: pdp1140
Source: the pdp1140 git repository

Files: *
Copyright: ${holder}
License: Expat

License: Expat
 ${body}
")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/LICENSE)
install(FILES ${CMAKE_BINARY_DIR}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pdp1140)
set(CPACK_PACKAGE_VENDOR "The pdp1140 authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "PDP-11/40 emulator for running and debugging UNIX V6")
set(CPACK_PACKAGE_DESCRIPTION "A PDP-11/40 (KD11-A, KT11-D, RK11, KL11, KW11-L) that boots \
the stock UNIX Sixth Edition, with a simh-style monitor, a kernel debugger, an SDL2 front panel \
and v6fs, a tool for V6 file system images.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The pdp1140 authors <pdp1140@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION otherosfs)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# loaded with dlopen by the front panel, so not among the libraries
# dpkg-shlibdeps finds
if(PANEL)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsdl2-2.0-0 (>= 2.0.12)")
endif()
include(CPack)
