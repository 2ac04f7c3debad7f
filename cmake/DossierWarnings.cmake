# One interface target carries the project's warning and sanitizer flags; every target links it.
add_library(dossier_warnings INTERFACE)
# -Werror=switch always: a switch over an enum (error kinds, schema kinds) must name every
# enumerator, so a new one fails the build until every switch handles it.
target_compile_options(dossier_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror=switch)
if(DOSSIER_WERROR)
  target_compile_options(dossier_warnings INTERFACE -Werror)
endif()
if(DOSSIER_SANITIZE)
  target_compile_options(dossier_warnings INTERFACE -fsanitize=address,undefined
                                                    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(dossier_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(DOSSIER_SANITIZE_THREAD)
  target_compile_options(dossier_warnings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(dossier_warnings INTERFACE -fsanitize=thread)
endif()
# GCC 12 reports -Wrestrict falsely on `"literal" + std::string` at -O2 and above (GCC bug
# 105329, fixed in GCC 13); with -Werror that would fail every Release build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(dossier_warnings INTERFACE -Wno-restrict)
endif()
