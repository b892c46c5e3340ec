#include "model/world.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/error.hpp"

namespace ccsim {

namespace {

// What a numeric cell may hold: its range (each end open or closed) and whether it is a whole
// number. Every cell of the tables is checked against one of these, so that a value the model
// cannot use (a GDP of 0 divides by zero, a year out of int range is undefined behaviour) is a
// problem named by file, line and column rather than a NaN in the outputs.
struct Cell {
  double lo, hi;
  bool lo_open = false;
  bool integer = false;
  const char* meaning = "";
};

constexpr Cell kPositive(double hi, const char* meaning) {
  return {0, hi, true, false, meaning};
}
constexpr Cell kYear{1900, 2100, false, true, "a calendar year"};

class TableReader {
 public:
  TableReader(const io::CsvTable& t, std::string source, std::vector<Issue>& issues)
      : t_(t), source_(std::move(source)), issues_(issues) {}

  bool require(std::initializer_list<const char*> cols) {
    bool ok = true;
    for (const char* c : cols)
      if (t_.column(c) < 0) {
        issues_.push_back({source_, "line 1", std::string("missing column '") + c + "'"});
        ok = false;
      }
    return ok;
  }
  const std::string& text(std::size_t row, const char* col) const {
    return t_.rows[row][static_cast<std::size_t>(t_.column(col))];
  }
  // "line 5, column 3 (gdp_usd_bn)": line as an editor counts it (the header is line 1).
  std::string where(std::size_t row, const char* col) const {
    return "line " + std::to_string(row + 2) + ", column " + std::to_string(t_.column(col) + 1) +
           " (" + col + ")";
  }
  // The cell as a number checked against `cell`; NaN (and a problem) when it is not one.
  double number(std::size_t row, const char* col, const Cell& cell, bool allow_empty = false) {
    const std::string& s = text(row, col);
    if (s.empty() && allow_empty) return std::nan("");
    double v = std::nan("");
    try {
      v = io::parse_number(s, source_, row + 2, col);
    } catch (const InputError&) {
      problem(row, col, "expected a number, found '" + s + "'");
      return std::nan("");
    }
    const bool in_range = (cell.lo_open ? v > cell.lo : v >= cell.lo) && v <= cell.hi;
    if (!std::isfinite(v) || !in_range || (cell.integer && v != std::floor(v))) {
      const std::string range =
          std::string(cell.lo_open ? "(" : "[") + format(cell.lo) + ", " + format(cell.hi) + "]";
      problem(row, col,
              std::string("expected ") + (cell.integer ? "a whole number" : "a number") + " in " +
                  range + " (" + cell.meaning + "), found '" + s + "'");
      return std::nan("");
    }
    return v;
  }
  void problem(std::size_t row, const char* col, const std::string& msg) {
    issues_.push_back({source_, where(row, col), msg});
  }
  // A key seen twice: `first` is the row that had it first.
  void duplicate(std::size_t row, const char* col, std::size_t first, const std::string& what) {
    problem(row, col, what + " appears twice: line " + std::to_string(first + 2) + " has it too");
  }

 private:
  static std::string format(double x) {
    std::string s = std::to_string(x);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  const io::CsvTable& t_;
  std::string source_;
  std::vector<Issue>& issues_;
};

int region_of(const std::string& name) {
  for (std::size_t i = 0; i < kRegions; ++i)
    if (kRegionNames[i] == name) return static_cast<int>(i);
  return -1;
}

bool iso3_form(const std::string& c) {
  return c.size() == 3 &&
         std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

}  // namespace

int World::country_index(const std::string& code) const {
  for (std::size_t i = 0; i < iso3.size(); ++i)
    if (iso3[i] == code) return static_cast<int>(i);
  return -1;
}

World make_world(const io::CsvTable& countries, const io::CsvTable& gdp,
                 const io::CsvTable& agreements, const io::CsvTable& zones,
                 const std::string& dir) {
  std::vector<Issue> issues;
  World w;
  TableReader c(countries, dir + "/" + kCountriesFile, issues);
  const char* wgi_cols[5] = {"wgi_political_stability", "wgi_regulatory_quality", "wgi_rule_of_law",
                             "wgi_government_effectiveness", "wgi_control_of_corruption"};
  const char* res_cols[3] = {"resource_oil_gas", "resource_metals", "resource_nonmetallic"};
  if (c.require({"iso3", "name", "region", "br64", "gdp_usd_bn_2013", "population_mn_2013",
                 "gdp_growth_trend", "wgi_political_stability", "wgi_regulatory_quality",
                 "wgi_rule_of_law", "wgi_government_effectiveness", "wgi_control_of_corruption",
                 "gcdf_commitments_usd_bn", "resource_oil_gas", "resource_metals",
                 "resource_nonmetallic"})) {
    const auto n = static_cast<Eigen::Index>(countries.rows.size());
    w.region.resize(n);
    w.br64.resize(n);
    w.gdp_2013_usd_bn.resize(n);
    w.population_mn.resize(n);
    w.growth_trend.resize(n);
    w.wgi.resize(n, 5);
    w.gcdf_usd_bn.resize(n);
    w.resource.resize(n, 3);
    const Cell wgi{-5, 5, false, false, "a WGI estimate, about -2.5 to 2.5"};
    const Cell share{0, 1, false, false, "an endowment coding, 0 to 1"};
    std::map<std::string, std::size_t> seen;
    for (std::size_t r = 0; r < countries.rows.size(); ++r) {
      const auto i = static_cast<Eigen::Index>(r);
      const std::string& code = c.text(r, "iso3");
      if (!iso3_form(code))
        c.problem(r, "iso3", "expected an ISO3 code (three capital letters), found '" + code + "'");
      if (const auto [it, fresh] = seen.emplace(code, r); !fresh)
        c.duplicate(r, "iso3", it->second, "country " + code);
      w.iso3.push_back(code);
      w.name.push_back(c.text(r, "name"));
      w.region(i) = region_of(c.text(r, "region"));
      if (w.region(i) < 0) c.problem(r, "region", "unknown region '" + c.text(r, "region") + "'");
      w.br64(i) = c.number(r, "br64", {0, 1, false, true, "1 for the 64 partners, else 0"});
      w.gdp_2013_usd_bn(i) = c.number(r, "gdp_usd_bn_2013", kPositive(1e6, "US$ bn"));
      w.population_mn(i) = c.number(r, "population_mn_2013", kPositive(1e4, "million people"));
      w.growth_trend(i) =
          c.number(r, "gdp_growth_trend", {-0.5, 1, false, false, "a fraction a year"});
      for (int k = 0; k < 5; ++k) w.wgi(i, k) = c.number(r, wgi_cols[k], wgi);
      w.gcdf_usd_bn(i) =
          c.number(r, "gcdf_commitments_usd_bn", {0, 1e5, false, false, "constant US$ bn"});
      if (countries.column("gcdf_interest_rate") >= 0)  // not used by the model, may be empty
        c.number(r, "gcdf_interest_rate", {0, 100, false, false, "percent"}, true);
      for (int k = 0; k < 3; ++k) w.resource(i, k) = c.number(r, res_cols[k], share);
    }
  }
  const int n = w.countries();
  if (n == 0) issues.push_back({dir + "/" + kCountriesFile, "", "no countries"});
  if (n > kMaxCountries)
    issues.push_back({dir + "/" + kCountriesFile, "",
                      std::to_string(n) + " countries: at most " + std::to_string(kMaxCountries) +
                          " are supported"});

  TableReader g(gdp, dir + "/" + kGdpFile, issues);
  constexpr int kLastYear = 2040;
  w.gdp_history = Eigen::ArrayXXd::Constant(n, kLastYear - w.gdp_first_year + 1, std::nan(""));
  if (g.require({"iso3", "year", "gdp_usd_bn"})) {
    const Cell years{double(w.gdp_first_year), double(kLastYear), false, true,
                     "the years the model reads GDP for"};
    std::map<std::pair<std::string, int>, std::size_t> seen;
    for (std::size_t r = 0; r < gdp.rows.size(); ++r) {
      const int ci = w.country_index(g.text(r, "iso3"));
      const double y = g.number(r, "year", years);
      const double v = g.number(r, "gdp_usd_bn", kPositive(1e6, "US$ bn"));
      if (std::isnan(y)) continue;
      const int year = static_cast<int>(y);
      if (const auto [it, fresh] = seen.emplace(std::make_pair(g.text(r, "iso3"), year), r); !fresh)
        g.duplicate(r, "year", it->second, g.text(r, "iso3") + " " + std::to_string(year));
      if (ci < 0) continue;  // history of a country the scenario does not model
      w.gdp_history(ci, year - w.gdp_first_year) = v;
    }
  }

  TableReader a(agreements, dir + "/" + kAgreementsFile, issues);
  w.agreement_year = Eigen::ArrayXXi::Constant(n, kAgreementKinds, World::kNever);
  if (a.require({"iso3", "kind", "year"})) {
    std::map<std::pair<int, int>, std::size_t> seen;
    for (std::size_t r = 0; r < agreements.rows.size(); ++r) {
      const int ci = w.country_index(a.text(r, "iso3"));
      const int k = index_of(kAgreementKeys, a.text(r, "kind"));
      const double y = a.number(r, "year", kYear);
      if (ci < 0) a.problem(r, "iso3", "unknown country '" + a.text(r, "iso3") + "'");
      if (k < 0) a.problem(r, "kind", "unknown agreement kind '" + a.text(r, "kind") + "'");
      if (ci < 0 || k < 0 || std::isnan(y)) continue;
      if (const auto [it, fresh] = seen.emplace(std::make_pair(ci, k), r); !fresh) {
        a.duplicate(r, "kind", it->second,
                    "agreement " + a.text(r, "kind") + " of " + a.text(r, "iso3"));
        continue;
      }
      w.agreement_year(ci, k) = static_cast<int>(y);
    }
  }

  TableReader z(zones, dir + "/" + kZonesFile, issues);
  if (z.require({"name", "iso3", "sector_focus", "open_year"})) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t r = 0; r < zones.rows.size(); ++r) {
      const int ci = w.country_index(z.text(r, "iso3"));
      const std::string focus = z.text(r, "sector_focus");
      const int s = focus == "mixed" ? -1 : index_of(kSectorKeys, focus);
      const std::string& name = z.text(r, "name");
      const double y = z.number(r, "open_year", kYear);
      if (name.empty()) z.problem(r, "name", "a zone needs a name");
      if (const auto [it, fresh] = seen.emplace(name, r); !fresh && !name.empty())
        z.duplicate(r, "name", it->second, "zone '" + name + "'");
      if (ci < 0) z.problem(r, "iso3", "unknown country '" + z.text(r, "iso3") + "'");
      if (focus != "mixed" && s < 0)
        z.problem(r, "sector_focus", "unknown sector_focus '" + focus + "'");
      if (ci >= 0 && (s >= 0 || focus == "mixed") && !std::isnan(y))
        w.zones.push_back({name, ci, s, static_cast<int>(y)});
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return w;
}

}  // namespace ccsim
