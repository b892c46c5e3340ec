#pragma once
// Typed errors. The library throws these; only the CLI turns them into messages and exit codes.
#include <stdexcept>
#include <string>
#include <vector>

namespace ccsim {

// One problem in one input file, located by a JSON pointer (RFC 6901).
struct Issue {
  std::string file;
  std::string pointer;
  std::string message;
  std::string key = {};  // for an unknown key, its name (the pointer names the object holding it)
  // For a problem between values (end_year before start_year), the other values' pointers: the
  // problem belongs to whichever file set one of them last.
  std::vector<std::string> related = {};

  std::string to_string() const {
    std::string where = file.empty() ? std::string("<input>") : file;
    return where + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
  }
};

// Invalid user input: every problem found, not only the first.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Issue> issues)
      : std::runtime_error(join(issues)), issues_(std::move(issues)) {}
  InputError(std::string file, std::string pointer, std::string message)
      : InputError(std::vector<Issue>{{std::move(file), std::move(pointer), std::move(message)}}) {}
  const std::vector<Issue>& issues() const { return issues_; }

 private:
  static std::string join(const std::vector<Issue>& issues) {
    std::string s;
    for (const auto& i : issues) s += (s.empty() ? "" : "\n") + i.to_string();
    return s;
  }
  std::vector<Issue> issues_;
};

}  // namespace ccsim
