#pragma once
// Scenario files: resolution (extends, --set), validation that reports every problem with its
// JSON pointer, and the typed Scenario the simulation runs.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/params.hpp"

namespace ccsim {

struct ShockEvent {
  int start_year = 0;
  int duration = 1;
  int region = -1;      // index into kRegionKeys, or -1
  std::string country;  // ISO3, or empty
  int kind = 0;         // index into kRiskKeys
  double severity = 0;
};

struct AgreementEvent {
  std::string country;
  int kind = 0;  // index into kAgreementKeys
  int year = 0;
};

// A country package (doc 004's Kazakhstan one: a US$27bn project list, a US$2bn fund, a US$15bn
// special loan), spread evenly over its years.
struct Package {
  std::string name;
  std::string country;
  int start_year = 0, end_year = 0;
  double project_list_usd_bn = 0, fund_usd_bn = 0, special_loan_usd_bn = 0;
};

// A change of levers from `year` on: the listed parameters take the values in `set`.
struct TimelineEntry {
  int year = 0;
  nlohmann::json set;  // a partial scenario holding schedulable parameters only
};

struct Scenario {
  std::string name;
  std::string description;
  std::string data_dir = "data";  // relative to the scenario file
  Params params;
  std::vector<TimelineEntry> timeline;
  std::vector<ShockEvent> shocks;
  std::vector<AgreementEvent> agreements;
  std::vector<Package> packages;
  nlohmann::json resolved;  // the document as run: extends and overrides applied

  int start_year() const { return static_cast<int>(params.start_year); }
  int end_year() const { return static_cast<int>(params.end_year); }
  int first_simulated_year() const { return start_year() - static_cast<int>(params.spinup_years); }
  int replications() const { return static_cast<int>(params.replications); }
  std::uint64_t seed() const { return static_cast<std::uint64_t>(params.seed); }
};

// Reads a file's JSON; supplied by the caller so that the library never opens files.
// Must throw InputError(path, "", why) when the file is missing or is not JSON.
using JsonLoader = std::function<nlohmann::json(const std::string& path)>;

// Which file set each value of a resolved document: JSON pointer of a value (anything but a
// non-empty object) -> file, the child's entry over its parent's; "--set" for an override.
using Provenance = std::map<std::string, std::string>;

// Loads `file` and merges it over the files it extends (chains allowed, cycles reported). With
// `provenance`, records which file set each value.
nlohmann::json resolve_extends(const std::string& file, const JsonLoader& load,
                               Provenance* provenance = nullptr);

// Names each issue after the file that set the value at its pointer, or the nearest enclosing
// value one of them set; an issue about a value no file set (a default) keeps its file.
std::vector<Issue> attribute_issues(std::vector<Issue> issues, const Provenance& provenance);

// Objects merge key by key; anything else in `over` replaces what is in `base`.
void deep_merge(nlohmann::json& base, const nlohmann::json& over);

// Applies "a.b.c=value" overrides (value read as JSON, else as a string). Throws InputError.
// With `provenance`, records each overridden value as set by "--set".
void apply_overrides(nlohmann::json& doc, const std::vector<std::string>& overrides,
                     const std::string& file, Provenance* provenance = nullptr);

// Why `name` cannot name a directory of its own (outputs/<name>), or "" if it can: no '/', '\\',
// "..", control character or leading '.'.
std::string unsafe_name_reason(const std::string& name);

// Every problem with a resolved document, each with its JSON pointer. `countries` lists the valid
// ISO3 codes (empty: codes are only checked for form).
std::vector<Issue> validate_scenario(const nlohmann::json& doc, const std::string& file,
                                     const std::vector<std::string>& countries = {});

// Validates and converts; throws InputError with every problem.
Scenario parse_scenario(const nlohmann::json& doc, const std::string& file,
                        const std::vector<std::string>& countries = {});

// Writes the value of `decl` found in `obj` (a scenario or a timeline "set") into `p`.
void apply_params(const nlohmann::json& obj, Params& p);

// The parameters in force in each year from first_simulated_year to end_year (timeline applied).
std::vector<Params> yearly_params(const Scenario& s);

// "did you mean" candidate: the closest of `options` to `word`, or empty when none is close.
std::string closest(const std::string& word, const std::vector<std::string>& options);

}  // namespace ccsim
