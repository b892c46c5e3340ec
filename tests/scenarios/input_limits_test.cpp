// The library's side of bad input: JSON read with the location of what is wrong in it, extends
// chains and overrides checked before they are used.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "model/error.hpp"
#include "model/json_text.hpp"
#include "model/scenario.hpp"

using ccsim::InputError;
using nlohmann::json;

namespace {

// The single issue an input error holds, as "file: pointer: message".
template <typename F>
std::string problem(F f) {
  try {
    f();
  } catch (const InputError& e) {
    REQUIRE(e.issues().size() == 1);
    return e.issues()[0].to_string();
  }
  return "";
}

}  // namespace

TEST_CASE("json: a number too large for a double is named by pointer, line and column") {
  CHECK(problem([] { ccsim::parse_json("{\"a\": [1,\n 2, 1e400]}", "f.json"); }) ==
        "f.json: /a/2: the number 1e400 at line 2, column 5 is too large for a double (at most "
        "about 1.8e308)");
  CHECK(ccsim::parse_json("{\"a\": 1e300}", "f.json")["a"].get<double>() == 1e300);
  CHECK_THAT(problem([] { ccsim::parse_json("{\"a\": {\"b\": tru}}", "f.json"); }),
             Catch::StartsWith("f.json: /a/b: not valid JSON: parse error at line 1"));
}

TEST_CASE("json: nesting deeper than the limit is refused before anything walks it") {
  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK_NOTHROW(ccsim::parse_json(nested(ccsim::kMaxJsonDepth), "f.json"));
  CHECK_THAT(problem([&] { ccsim::parse_json(nested(ccsim::kMaxJsonDepth + 1), "f.json"); }),
             Catch::Contains("nested deeper than 64 levels"));
  CHECK_THAT(problem([&] { ccsim::parse_json(nested(20000), "f.json"); }),
             Catch::StartsWith("f.json: /0/0/0/0"));
}

TEST_CASE("json: UTF-8 is checked as JSON needs it") {
  CHECK(ccsim::valid_utf8("plain"));
  CHECK(ccsim::valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(ccsim::valid_utf8("caf\xe9"));           // Latin-1
  CHECK_FALSE(ccsim::valid_utf8("\xc3"));              // cut short
  CHECK_FALSE(ccsim::valid_utf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(ccsim::valid_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate
  CHECK_FALSE(ccsim::valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE(
    "extends: cycles by canonical path, bounded chains, a missing parent blamed on its child") {
  std::map<std::string, json> files = {
      {"/s/a.json", {{"extends", "./a.json"}}},
      {"/s/b.json", {{"extends", "missing.json"}}},
  };
  for (int i = 0; i < 40; ++i)
    files["/s/c" + std::to_string(i) + ".json"] =
        i == 39 ? json::object() : json{{"extends", "c" + std::to_string(i + 1) + ".json"}};
  const ccsim::JsonLoader load = [&](const std::string& path) -> json {
    for (const auto& [name, doc] : files)
      if (std::filesystem::path(name) == std::filesystem::path(path).lexically_normal()) return doc;
    throw ccsim::UnreadableFile(path, "cannot open the file");
  };
  CHECK(problem([&] { ccsim::resolve_extends("/s/a.json", load); }) ==
        "/s/a.json: /extends: extends cycle: /s/a.json -> /s/./a.json");
  CHECK(problem([&] { ccsim::resolve_extends("/s/b.json", load); }) ==
        "/s/b.json: /extends: cannot extend 'missing.json' (/s/missing.json): cannot open the "
        "file");
  CHECK_THAT(problem([&] { ccsim::resolve_extends("/s/c0.json", load); }),
             Catch::Contains(": /extends: more than 32 files extend one another"));
  CHECK_NOTHROW(ccsim::resolve_extends("/s/c8.json", load));  // 32 files
}

TEST_CASE("overrides: extends, text that is not UTF-8 and deep paths are refused") {
  json doc = json::object();
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"extends=x.json"}, "s.json"); }),
             Catch::StartsWith("--set: /extends: extends cannot be overridden"));
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"name=\xff"}, "s.json"); }),
             Catch::Contains("not valid UTF-8"));
  std::string deep = "a";
  for (int i = 0; i < 100; ++i) deep += ".a";
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {deep + "=1"}, "s.json"); }),
             Catch::Contains("levels: at most 64"));
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"a=" + std::string(70, '[')}, "s.json"); }),
             Catch::Contains("nested deeper"));
  // Text that is not JSON is still a string value.
  ccsim::apply_overrides(doc, {"name=hello world"}, "s.json");
  CHECK(doc["name"] == "hello world");
}

// Found by the overrides fuzz target: json_pointer turns a missing key followed by a number into
// an array of that many elements, so `--set risk.33333333333333330.a=1` asked for 10^17 of them.
TEST_CASE("overrides: a number after a missing key is a key, and an array index must exist") {
  json doc = {{"list", {1, 2, 3}}, {"flag", true}};
  ccsim::apply_overrides(doc, {"risk.33333333333333330.a=1"}, "s.json");
  REQUIRE(doc["risk"].is_object());
  CHECK(doc["risk"]["33333333333333330"]["a"] == 1);
  ccsim::apply_overrides(doc, {"list.2=9"}, "s.json");
  CHECK(doc["list"] == json({1, 2, 9}));
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"list.3=1"}, "s.json"); }),
             Catch::Contains("'3' does not name an element of the array at /list, which has 3"));
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"list.99999999999999=1"}, "s.json"); }),
             Catch::Contains("does not name an element"));
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"list.01=1"}, "s.json"); }),
             Catch::Contains("does not name an element"));
  CHECK_THAT(problem([&] { ccsim::apply_overrides(doc, {"flag.x=1"}, "s.json"); }),
             Catch::Contains("the value at /flag is a boolean, which holds no keys"));
  CHECK(doc["list"].size() == 3);
}

TEST_CASE("overrides: a path may be a JSON pointer, as the reference and the messages print it") {
  json dotted = json::object(), pointer = json::object();
  ccsim::apply_overrides(dotted, {"policy.signing_rate=0.08"}, "s.json");
  ccsim::apply_overrides(pointer, {"/policy/signing_rate=0.08"}, "s.json");
  CHECK(pointer == dotted);
  // ~1 and ~0 are '/' and '~' in a key; a dot in a pointer is part of the key.
  ccsim::apply_overrides(pointer, {"/a~1b/c~0d/e.f=1"}, "s.json");
  CHECK(pointer["a/b"]["c~d"]["e.f"] == 1);
  CHECK_THAT(problem([&] { ccsim::apply_overrides(pointer, {"/extends=x.json"}, "s.json"); }),
             Catch::Contains("extends cannot be overridden"));
}
