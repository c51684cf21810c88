# libFuzzer targets (tests/fuzz/*_fuzz.cpp), one per parser of outside input. Built by
# `make fuzz` with clang into build-fuzz/; each runs from its seed corpus in
# tests/fuzz/corpus/<name>/ (scripts/fuzz.sh). Included from CMakeLists.txt when AGORA_FUZZ
# is on, in place of the server.

# The plain-C++ parts of the HTTP layer that parse requests (no Beast).
add_library(agora_fuzz_http STATIC src/http/router.cpp src/http/response.cpp src/http/problem.cpp)
target_link_libraries(agora_fuzz_http PUBLIC agora_core Boost::url)

set(AGORA_FUZZ_TARGETS json_body markdown cursor config router image_sniff staff_csv)
foreach(name IN LISTS AGORA_FUZZ_TARGETS)
  add_executable(${name}_fuzz tests/fuzz/${name}_fuzz.cpp)
  target_link_options(${name}_fuzz PRIVATE -fsanitize=fuzzer)
  set_target_properties(${name}_fuzz PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
endforeach()
target_link_libraries(json_body_fuzz PRIVATE agora_fuzz_http)
target_link_libraries(markdown_fuzz PRIVATE agora_core)
target_link_libraries(cursor_fuzz PRIVATE agora_core)
target_link_libraries(config_fuzz PRIVATE agora_core)
target_link_libraries(router_fuzz PRIVATE agora_fuzz_http)
target_link_libraries(image_sniff_fuzz PRIVATE agora_media)
target_link_libraries(staff_csv_fuzz PRIVATE agora_modules)
