# `ccsim report` inlines Vega, Vega-Lite and vega-embed into the HTML it writes. They come from npm
# at build time (report/package.json and its lock pin them): `npm ci` into the build directory,
# then tools/embed_assets.py compiles the three minified builds into ccsim as byte arrays. Nothing
# is fetched when ccsim runs or when a report is opened.
# CCSIM_REPORT=AUTO: on when npm is found, or when node_modules is already there (in the build
# directory, or report/node_modules in the source tree); ON requires it; OFF leaves it out
# (`ccsim report` then says so).
set(CCSIM_REPORT AUTO CACHE STRING "Build `ccsim report`'s charting scripts: AUTO, ON or OFF")
set(CCSIM_WITH_REPORT OFF)
set(CCSIM_REPORT_NODE_MODULES ${CMAKE_BINARY_DIR}/report/node_modules)
if(NOT CCSIM_REPORT STREQUAL "OFF")
  find_program(NPM_EXECUTABLE npm)
  find_package(Python3 COMPONENTS Interpreter)
  set(_have_modules OFF)
  if(EXISTS ${CMAKE_SOURCE_DIR}/report/node_modules/vega-embed/build/vega-embed.min.js)
    set(CCSIM_REPORT_NODE_MODULES ${CMAKE_SOURCE_DIR}/report/node_modules)
    set(_have_modules ON)
  elseif(EXISTS ${CCSIM_REPORT_NODE_MODULES}/vega-embed/build/vega-embed.min.js)
    set(_have_modules ON)
  endif()
  if(Python3_Interpreter_FOUND AND (NPM_EXECUTABLE OR _have_modules))
    set(CCSIM_WITH_REPORT ON)
  elseif(CCSIM_REPORT STREQUAL "ON")
    message(FATAL_ERROR "CCSIM_REPORT=ON needs npm (Debian: nodejs npm) or an installed "
                        "report/node_modules, and python3")
  endif()
endif()
message(STATUS "ccsim: report charts ${CCSIM_WITH_REPORT}")

set(CCSIM_REPORT_HAVE_MODULES ${_have_modules})
set(CCSIM_REPORT_ASSETS_SOURCE ${CMAKE_BINARY_DIR}/generated/report_assets.cpp)

# The commands that make the generated source; called in the directory of the target that
# compiles it (cli/), since a custom command's output is known only in its own directory.
macro(ccsim_report_assets_commands)
  set(_js ${CCSIM_REPORT_NODE_MODULES}/vega/build/vega.min.js
          ${CCSIM_REPORT_NODE_MODULES}/vega-lite/build/vega-lite.min.js
          ${CCSIM_REPORT_NODE_MODULES}/vega-embed/build/vega-embed.min.js)
  if(NOT CCSIM_REPORT_HAVE_MODULES)
    # npm ci installs exactly the lock file's versions; it runs again when either file changes.
    add_custom_command(
      OUTPUT ${_js}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/report
      COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/report/package.json
              ${CMAKE_SOURCE_DIR}/report/package-lock.json ${CMAKE_BINARY_DIR}/report/
      COMMAND ${NPM_EXECUTABLE} ci --no-audit --no-fund --loglevel=error
      COMMAND ${CMAKE_COMMAND} -E touch ${_js}
      WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/report
      DEPENDS ${CMAKE_SOURCE_DIR}/report/package.json ${CMAKE_SOURCE_DIR}/report/package-lock.json
      COMMENT "npm ci: Vega, Vega-Lite and vega-embed for ccsim report")
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/report)
  endif()
  add_custom_command(
    OUTPUT ${CCSIM_REPORT_ASSETS_SOURCE}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tools/embed_assets.py
            ${CCSIM_REPORT_ASSETS_SOURCE} kVega=${CCSIM_REPORT_NODE_MODULES}/vega/build/vega.min.js
            kVegaLite=${CCSIM_REPORT_NODE_MODULES}/vega-lite/build/vega-lite.min.js
            kVegaEmbed=${CCSIM_REPORT_NODE_MODULES}/vega-embed/build/vega-embed.min.js
    DEPENDS ${_js} ${CMAKE_SOURCE_DIR}/tools/embed_assets.py
    COMMENT "Embedding the charting scripts")
endmacro()
