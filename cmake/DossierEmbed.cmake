# dossier_embed_text(TARGET SYMBOL FILE): compiles FILE's bytes into TARGET as
#   namespace dossier::embedded { extern const std::string_view SYMBOL; }
# so data files ship inside the binary and need no install path.
function(dossier_embed_text target symbol file)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/DossierEmbedFile.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/DossierEmbedFile.cmake"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
