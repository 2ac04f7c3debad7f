# One interface target carries the project's warning and sanitizer flags; every target links it.
add_library(dossier_warnings INTERFACE)
target_compile_options(dossier_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(DOSSIER_WERROR)
  target_compile_options(dossier_warnings INTERFACE -Werror)
endif()
if(DOSSIER_SANITIZE)
  target_compile_options(dossier_warnings INTERFACE -fsanitize=address,undefined
                                                    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(dossier_warnings INTERFACE -fsanitize=address,undefined)
endif()
