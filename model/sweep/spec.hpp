#pragma once
// Sweep files: which base scenario, which parameters vary and how, the design, replications,
// master seed and the metrics collected. Validation reports every problem at once, each with its
// JSON pointer into the sweep file, so that a long batch job never starts on a file that would
// fail half-way.
//
// The library never opens files: the caller reads the sweep file, loads the base scenario that
// base_request() names (reporting its problems alongside), and hands its years and countries in.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/params.hpp"
#include "model/scenario.hpp"

namespace ccsim::sweep {

enum class DesignKind { kGrid, kRandom, kLatinHypercube, kMorris, kSobol };
enum class FactorKind { kLevels, kRange, kUniform, kLogUniform, kNormal, kLogNormal };

// One varied parameter and the map from a unit coordinate u in [0, 1] to its value.
struct Factor {
  std::string pointer;   // JSON pointer into the scenario, e.g. "/policy/insurance_coverage"
  std::string column;    // dotted path: runs.csv column and `ccsim run --set` path
  bool integer = false;  // an integer parameter: values are rounded to the nearest integer
  FactorKind kind = FactorKind::kRange;
  std::vector<double> levels;      // kLevels
  double low = 0, high = 0;        // kRange, kUniform, kLogUniform; truncation for the normals
  bool log_scale = false;          // kRange with "scale": "log"
  int steps = 0;                   // kRange: grid levels (0 when not given)
  double location = 0, scale = 0;  // kNormal: mean, sd; kLogNormal: log(median), sigma
  // First year the factor's value holds. Before it the run is the base scenario's, so that a
  // sweep of policy levers leaves the calibrated history alone. `scheduled`: from_year is after
  // the first simulated year, and the value goes into a timeline entry of that year (as a
  // scenario's own changes do) rather than into the scenario's parameters.
  int from_year = 0;
  bool scheduled = false;

  // Grid levels of this factor: levels.size() or steps.
  int grid_levels() const;
  // Value at unit coordinate u. Levels take levels[floor(u L)] (u = 1 takes the last); ranges
  // and uniform distributions are linear (or log-linear) in u; normals are inverse-CDF draws
  // truncated to [low, high]. Integer parameters are rounded.
  double value(double u) const;
};

// Where a collected output is taken: the yearly totals over the 64 partners, one country, one
// region's partners or one sector.
enum class Place { kTotal, kCountry, kRegion, kSector };

// A collected output: a metric in one year, or summed over an inclusive year range; of the
// totals (a yearly.csv column), or of a country or region (a countries.csv column: a region sums
// its partners, and takes the GDP-weighted mean of an index, as regions_stats.csv does) or of a
// sector (a sectors.csv column).
struct MetricSpec {
  std::string name;    // runs.csv column
  std::string metric;  // kYearlyDefs, kCountryMetricDefs or kSectorMetricDefs name, by place
  int column = -1;     // index into those definitions
  int from_year = 0, to_year = 0;
  bool sum = false;  // "years": [from, to] rather than "year"
  Place place = Place::kTotal;
  std::string place_key;  // ISO3 code, region key or sector key
  int place_index = -1;   // country (in the base scenario's order), region or sector index
};

struct DesignSpec {
  DesignKind kind = DesignKind::kGrid;
  int points = 0;          // random, latin_hypercube
  int trajectories = 0;    // morris
  int levels = 4;          // morris grid levels
  int base_points = 0;     // sobol: n base rows
  std::uint64_t skip = 0;  // sobol points skipped
  int bootstrap = 500;     // sobol bootstrap replicates
  double confidence = 0.95;
  // morris and sobol: the points of one trajectory, or of one Saltelli base row (A, B, AB_i),
  // share their replications' seeds (common random numbers), so that a difference between them
  // is the factors' doing and not replication noise.
  bool common_random_numbers = true;
};

struct Spec {
  std::string file;  // the sweep file, for messages
  std::string name, description;
  std::string scenario;                // base scenario path as written (relative to the sweep file)
  std::string scenario_path;           // resolved against the sweep file's directory
  std::vector<std::string> overrides;  // "a.b=value", applied to the base before the factors
  std::vector<Factor> factors;
  DesignSpec design;
  int replications = 1;
  std::uint64_t seed = 0;  // master seed: design draws, run seeds, bootstrap
  std::vector<MetricSpec> metrics;
  nlohmann::json resolved;  // the sweep with pointers normalised and defaults filled in
};

// What the caller must load before validation can check years and countries.
struct BaseRequest {
  std::string scenario_path;           // resolved against the sweep file's directory
  std::vector<std::string> overrides;  // as for `ccsim run --set`
};

// The base scenario named by a sweep document, or nullopt when "scenario" or "overrides" is
// malformed (validate_spec says why).
std::optional<BaseRequest> base_request(const nlohmann::json& doc, const std::string& file);

// What validation needs from the loaded base scenario.
struct BaseInfo {
  int start_year = 0, end_year = 0;    // recorded years
  std::vector<std::string> countries;  // valid ISO3 codes
  int first_year = 0;                  // first simulated year (spin-up included); 0: start_year
  int changes_year = 0;  // the year of the base's first timeline entry; 0: it has none
};

// The BaseInfo of a loaded base scenario.
BaseInfo base_info(const Scenario& base, const std::vector<std::string>& countries);

// Every problem with a sweep document, each with its pointer. Without `base`, checks that need
// the scenario (metric years, country codes) are skipped: the caller reports why it is missing.
std::vector<Issue> validate_spec(const nlohmann::json& doc, const std::string& file,
                                 const BaseInfo* base);

// Validates and converts; throws InputError with every problem.
Spec parse_spec(const nlohmann::json& doc, const std::string& file, const BaseInfo& base);

// "policy.insurance_coverage" or "/policy/insurance_coverage" -> "/policy/insurance_coverage".
std::string to_pointer(const std::string& path);
// "/policy/insurance_coverage" -> "policy.insurance_coverage".
std::string to_dotted(const std::string& pointer);

// Points of the design a spec describes, computed from its arguments without building it.
double design_points(const Spec& spec);

// Largest design a sweep holds: points x parameters coordinates, each kept twice (unit
// coordinates and values) as doubles, so about 1 GB. validate_spec refuses a larger one.
inline constexpr double kMaxDesignCoordinates = 67108864;  // 2^26

// Names, in the order of the file format, for messages and documentation.
const char* design_name(DesignKind kind);

}  // namespace ccsim::sweep
