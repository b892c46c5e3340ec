// Generated documents stay in step with the declarations they come from.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>

#include "model/metrics.hpp"
#include "model/params.hpp"
#include "model/schema.hpp"
#include "tests/support/worlds.hpp"

namespace {
std::string read(const std::string& rel) {
  std::ifstream in(ccsim::test::source_path(rel));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("docs: scenarios/README.md is the generated parameter reference", "[docs]") {
  // Regenerate with: ccsim schema --markdown > scenarios/README.md
  CHECK(read("scenarios/README.md") == ccsim::parameter_reference());
}

TEST_CASE("docs: README.md documents every output column", "[docs]") {
  // Regenerate the tables with: ccsim schema --outputs
  const std::string readme = read("README.md");
  CHECK(readme.find(ccsim::output_reference()) != std::string::npos);
}

TEST_CASE("docs: the schema declares every parameter with its range and default", "[docs]") {
  const auto schema = ccsim::scenario_schema();
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema["additionalProperties"] == false);
  for (const auto& d : ccsim::param_declarations()) {
    if (d.shape != ccsim::Shape::Scalar) continue;
    std::string path = "/properties";
    for (std::size_t pos = 1; pos < d.pointer.size();) {
      const auto next = d.pointer.find('/', pos);
      path +=
          "/" + d.pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      if (next == std::string::npos) break;
      path += "/properties";
      pos = next + 1;
    }
    const auto leaf = schema.at(nlohmann::json::json_pointer(path));
    CHECK(leaf["minimum"] == d.min);
    CHECK(leaf["maximum"] == d.max);
    CHECK(leaf["default"] == d.defaults[0]);
  }
}

TEST_CASE("docs: scenarios/scenario.schema.json is the generated schema", "[docs]") {
  // Regenerate with: ccsim schema > scenarios/scenario.schema.json
  CHECK(read("scenarios/scenario.schema.json") == ccsim::scenario_schema().dump(2) + "\n");
}

// docs/model.md gives each mechanism the parameters it reads: every declared parameter is named
// there by its pointer, written in backquotes. A family may be named once with `*` for one level
// (`/risk/hazard/*`) or `<origin>` for a competitor origin.
TEST_CASE("docs: docs/model.md names every declared parameter", "[docs]") {
  const std::string doc = read("docs/model.md");
  std::vector<std::regex> named;
  for (std::size_t at = doc.find('`'); at != std::string::npos;) {
    const std::size_t end = doc.find('`', at + 1);
    if (end == std::string::npos) break;
    const std::string span = doc.substr(at + 1, end - at - 1);
    if (span.size() > 1 && span[0] == '/' && span.find(' ') == std::string::npos) {
      std::string re;
      for (std::size_t i = 0; i < span.size(); ++i) {
        if (span[i] == '*') {
          re += "[^/]+";
        } else if (span.compare(i, 8, "<origin>") == 0) {
          re += "[^/]+";
          i += 7;
        } else if (std::string("._+()[]{}^$|?\\").find(span[i]) != std::string::npos) {
          re += std::string("\\") + span[i];
        } else {
          re += span[i];
        }
      }
      named.emplace_back(re);
    }
    at = doc.find('`', end + 1);
  }
  for (const auto& d : ccsim::param_declarations()) {
    const bool found = std::any_of(named.begin(), named.end(), [&](const std::regex& r) {
      return std::regex_match(d.pointer, r);
    });
    INFO(d.pointer);
    CHECK(found);
  }
}
