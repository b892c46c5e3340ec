#pragma once
// The code a result came from, for manifests and for refusing to mix runs of different code.

namespace ccsim {

// The source tree's commit when the program was built (12 hex digits), with "-dirty" if tracked
// files had uncommitted changes, or "unknown" outside a git checkout. Read at every
// build (cmake/revision.cmake), not only when the build was configured.
const char* git_revision();

}  // namespace ccsim
