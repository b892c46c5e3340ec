#pragma once
// Typed errors. The library throws these; only the CLI turns them into messages and exit codes.
#include <cstdio>
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

// A replication reached a value its definition rules out: not finite, a negative stock, flow or
// count, or a share or index outside 0-1 (model/metrics.hpp gives each output's bound). It is a
// defect of the model or of a combination of settings, never written out: `ccsim run` exits 1
// with the message, a sweep records the run as failed with it.
class ModelError : public std::runtime_error {
 public:
  ModelError(std::string phase, std::string variable, int year, std::string where, double value,
             std::string rule)
      : std::runtime_error(format(phase, variable, year, where, value, rule)),
        phase_(std::move(phase)),
        variable_(std::move(variable)),
        where_(std::move(where)),
        year_(year),
        value_(value) {}
  // The same error, its message led by the replication of a run that it stopped.
  ModelError(const ModelError& e, int replication)
      : std::runtime_error("replication " + std::to_string(replication) + ": " + e.what()),
        phase_(e.phase_),
        variable_(e.variable_),
        where_(e.where_),
        year_(e.year_),
        value_(e.value_) {}
  const std::string& phase() const { return phase_; }        // after which phase it was found
  const std::string& variable() const { return variable_; }  // metric or state variable
  const std::string& where() const { return where_; }        // country iso3, sector or "total"
  int year() const { return year_; }
  double value() const { return value_; }

 private:
  static std::string format(const std::string& phase, const std::string& variable, int year,
                            const std::string& where, double value, const std::string& rule) {
    return "numerical error in year " + std::to_string(year) + ", phase " + phase + ": " +
           variable + " of " + where + " is " + number(value) + " (" + rule + ")";
  }
  static std::string number(double v) {
    if (v != v) return "nan";
    if (v > 1.7976931348623157e308) return "inf";
    if (v < -1.7976931348623157e308) return "-inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
  }
  std::string phase_, variable_, where_;
  int year_;
  double value_;
};

}  // namespace ccsim
