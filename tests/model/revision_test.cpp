// The revision a build names in its manifests.
#include "model/revision.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <string>

TEST_CASE("revision: the build names a commit, marked dirty with uncommitted changes",
          "[revision]") {
  const std::string r = ccsim::git_revision();
  if (r == "unknown") return;  // built outside a git checkout
  const std::string hash = r.substr(0, r.find('-'));
  CHECK(hash.size() >= 12);
  for (const char c : hash) CHECK(std::isxdigit(static_cast<unsigned char>(c)));
  CHECK((hash.size() == r.size() || r.substr(hash.size()) == "-dirty"));
}
