#include "model/world.hpp"

#include <cmath>
#include <map>

#include "model/error.hpp"

namespace ccsim {

namespace {

class TableReader {
 public:
  TableReader(const io::CsvTable& t, std::string source, std::vector<Issue>& issues)
      : t_(t), source_(std::move(source)), issues_(issues) {}

  bool require(std::initializer_list<const char*> cols) {
    bool ok = true;
    for (const char* c : cols)
      if (t_.column(c) < 0) {
        issues_.push_back({source_, "header", std::string("missing column '") + c + "'"});
        ok = false;
      }
    return ok;
  }
  const std::string& text(std::size_t row, const char* col) const {
    return t_.rows[row][static_cast<std::size_t>(t_.column(col))];
  }
  double number(std::size_t row, const char* col, bool allow_empty = false) {
    const std::string& s = text(row, col);
    if (s.empty() && allow_empty) return std::nan("");
    try {
      return io::parse_number(s, source_, row + 2, col);
    } catch (const InputError& e) {
      issues_.insert(issues_.end(), e.issues().begin(), e.issues().end());
      return std::nan("");
    }
  }
  void problem(std::size_t row, const std::string& msg) {
    issues_.push_back({source_, "line " + std::to_string(row + 2), msg});
  }

 private:
  const io::CsvTable& t_;
  std::string source_;
  std::vector<Issue>& issues_;
};

int region_of(const std::string& name) {
  for (std::size_t i = 0; i < kRegions; ++i)
    if (kRegionNames[i] == name) return static_cast<int>(i);
  return -1;
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
    for (std::size_t r = 0; r < countries.rows.size(); ++r) {
      const auto i = static_cast<Eigen::Index>(r);
      w.iso3.push_back(c.text(r, "iso3"));
      w.name.push_back(c.text(r, "name"));
      w.region(i) = region_of(c.text(r, "region"));
      if (w.region(i) < 0) c.problem(r, "unknown region '" + c.text(r, "region") + "'");
      w.br64(i) = c.number(r, "br64");
      w.gdp_2013_usd_bn(i) = c.number(r, "gdp_usd_bn_2013");
      w.population_mn(i) = c.number(r, "population_mn_2013");
      w.growth_trend(i) = c.number(r, "gdp_growth_trend");
      for (int k = 0; k < 5; ++k) w.wgi(i, k) = c.number(r, wgi_cols[k]);
      w.gcdf_usd_bn(i) = c.number(r, "gcdf_commitments_usd_bn");
      for (int k = 0; k < 3; ++k) w.resource(i, k) = c.number(r, res_cols[k]);
      if (!(w.gdp_2013_usd_bn(i) > 0)) c.problem(r, "gdp_usd_bn_2013 must be positive");
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
  if (g.require({"iso3", "year", "gdp_usd_bn"}))
    for (std::size_t r = 0; r < gdp.rows.size(); ++r) {
      const int ci = w.country_index(g.text(r, "iso3"));
      const int y = static_cast<int>(g.number(r, "year"));
      if (ci < 0) continue;  // history of a country the scenario does not model
      if (y >= w.gdp_first_year && y <= kLastYear)
        w.gdp_history(ci, y - w.gdp_first_year) = g.number(r, "gdp_usd_bn");
    }

  TableReader a(agreements, dir + "/" + kAgreementsFile, issues);
  w.agreement_year = Eigen::ArrayXXi::Constant(n, kAgreementKinds, World::kNever);
  if (a.require({"iso3", "kind", "year"}))
    for (std::size_t r = 0; r < agreements.rows.size(); ++r) {
      const int ci = w.country_index(a.text(r, "iso3"));
      const int k = index_of(kAgreementKeys, a.text(r, "kind"));
      if (ci < 0) {
        a.problem(r, "unknown country '" + a.text(r, "iso3") + "'");
        continue;
      }
      if (k < 0) {
        a.problem(r, "unknown agreement kind '" + a.text(r, "kind") + "'");
        continue;
      }
      w.agreement_year(ci, k) =
          std::min(w.agreement_year(ci, k), static_cast<int>(a.number(r, "year")));
    }

  TableReader z(zones, dir + "/" + kZonesFile, issues);
  if (z.require({"name", "iso3", "sector_focus", "open_year"}))
    for (std::size_t r = 0; r < zones.rows.size(); ++r) {
      const int ci = w.country_index(z.text(r, "iso3"));
      const std::string focus = z.text(r, "sector_focus");
      const int s = focus == "mixed" ? -1 : index_of(kSectorKeys, focus);
      if (ci < 0) z.problem(r, "unknown country '" + z.text(r, "iso3") + "'");
      if (focus != "mixed" && s < 0) z.problem(r, "unknown sector_focus '" + focus + "'");
      if (ci >= 0 && (s >= 0 || focus == "mixed"))
        w.zones.push_back({z.text(r, "name"), ci, s, static_cast<int>(z.number(r, "open_year"))});
    }
  if (!issues.empty()) throw InputError(std::move(issues));
  return w;
}

}  // namespace ccsim
