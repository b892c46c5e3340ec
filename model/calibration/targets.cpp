#include "model/calibration/targets.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "model/json_text.hpp"
#include "model/metrics.hpp"
#include "model/scenario.hpp"

namespace ccsim::calibration {

using nlohmann::json;

namespace {

constexpr double kZ90 = 1.6448536269514722;  // the band is read as a 90% interval

const std::vector<std::string> kKinds = {"series", "rank_correlation", "top_destinations",
                                         "countries_with"};
// Columns of the countries table a rank correlation may be taken against.
const std::vector<std::string> kAgainst = {"gcdf_commitments_usd_bn", "gdp_usd_bn_2013",
                                           "population_mn_2013"};

std::string did_you_mean(const std::string& word, const std::vector<std::string>& options) {
  const std::string near = closest(word, options);
  return near.empty() ? std::string() : " (did you mean '" + near + "'?)";
}

int country_metric_index(const std::string& name) {
  for (std::size_t i = 0; i < kCountryMetricDefs.size(); ++i)
    if (name == kCountryMetricDefs[i].name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> country_metric_names() {
  std::vector<std::string> v;
  for (const auto& d : kCountryMetricDefs) v.push_back(d.name);
  return v;
}

std::vector<std::string> yearly_names() {
  std::vector<std::string> v;
  for (const auto& d : kYearlyDefs) v.push_back(d.def.name);
  return v;
}

const Eigen::ArrayXd& against_column(const World& w, const std::string& name) {
  if (name == "gdp_usd_bn_2013") return w.gdp_2013_usd_bn;
  if (name == "population_mn_2013") return w.population_mn;
  return w.gcdf_usd_bn;
}

std::vector<double> ranks(const std::vector<double>& x) {
  std::vector<std::size_t> idx(x.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> r(x.size());
  for (std::size_t i = 0; i < idx.size();) {
    std::size_t j = i;
    while (j + 1 < idx.size() && x[idx[j + 1]] == x[idx[i]]) ++j;
    const double avg = 0.5 * static_cast<double>(i + j) + 1;  // average rank of the ties
    for (std::size_t k = i; k <= j; ++k) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  if (x.size() < 2) return 0;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

// The country metric of one replication, summed over the target's years (or at year_to's end).
std::vector<double> by_country(const Target& t, const ReplicationResult& rep, int start_year,
                               int countries) {
  std::vector<double> v(static_cast<std::size_t>(countries), 0.0);
  const int from = t.sum ? t.year_from : t.year_to;
  for (int y = from; y <= t.year_to; ++y)
    for (int c = 0; c < countries; ++c)
      v[static_cast<std::size_t>(c)] +=
          rep.countries(static_cast<Eigen::Index>(y - start_year) * countries + c, t.metric_index);
  return v;
}

}  // namespace

double Target::data_sd() const {
  if (log_scale()) return (std::log(high) - std::log(low)) / (2 * kZ90);
  return (high - low) / (2 * kZ90);
}

double Target::error(double model) const {
  if (log_scale()) return std::log(std::max(model, 1e-12) / figure);
  return model - figure;
}

const char* kind_name(TargetKind k) {
  return kKinds[static_cast<std::size_t>(k)].c_str();
}

const ObjectDecl& target_decl() {
  static const ObjectDecl d{
      "target",
      "One figure the model is fitted to or checked against.",
      {
          {"id", FieldType::kString, true, "unique name of the target"},
          {"kind", FieldType::kString, false,
           "series (a yearly total), rank_correlation, top_destinations or countries_with "
           "(default series)",
           -INFINITY, INFINITY, kKinds},
          {"metric", FieldType::kString, true,
           "a column of yearly.csv (series) or of countries.csv (the cross-section kinds)"},
          {"years", FieldType::kArray, true, "first and last year, inclusive", 1990, 2100, {},
           FieldType::kInteger, 2, 2},
          {"aggregate", FieldType::kString, false,
           "sum: the sum over the years; end: the value at the end of the last year (default sum)",
           -INFINITY, INFINITY, {"sum", "end"}},
          {"figure", FieldType::kNumber, true, "the data's value"},
          {"low", FieldType::kNumber, true, "lower end of the band (read as a 90% interval)"},
          {"high", FieldType::kNumber, true, "upper end of the band"},
          {"scale", FieldType::kNumber, false,
           "multiplies the model's value before comparison, e.g. the first quarter's share of a "
           "year (default 1)",
           1e-6, 1e6},
          {"use", FieldType::kString, false,
           "fit: in the estimation's moments; holdout: checked only (default fit)", -INFINITY,
           INFINITY, {"fit", "holdout"}},
          {"basis", FieldType::kString, true, "what the figure measures and on which basis"},
          {"source", FieldType::kString, true, "where the figure comes from"},
          {"quote", FieldType::kString, false, "the source's words"},
          {"confidence", FieldType::kString, false,
           "H: official release quoted directly; M: secondary or derived; L: definition unclear",
           -INFINITY, INFINITY, {"H", "M", "L"}},
          {"against", FieldType::kString, false,
           "rank_correlation: the countries.csv column compared with", -INFINITY, INFINITY,
           kAgainst},
          {"countries", FieldType::kArray, false,
           "top_destinations: ISO3 codes of the listed destinations", -INFINITY, INFINITY, {},
           FieldType::kString, 1, 64},
          {"top", FieldType::kInteger, false, "top_destinations: the model's top N partners", 1,
           64},
          {"note", FieldType::kString, false, "how the figure's definition was checked"},
      }};
  return d;
}

const ObjectDecl& targets_file_decl() {
  static const ObjectDecl d{"ccsim targets file",
                            "Figures from data for `ccsim calibrate`: each with its band, basis and "
                            "source; the fit uses those marked fit and reports all.",
                            {
                                {"$schema", FieldType::kString, false, "JSON Schema of this file"},
                                {"description", FieldType::kString, false, "what the file holds"},
                                {"targets", FieldType::kArray, true, "the targets", -INFINITY,
                                 INFINITY, {}, FieldType::kObject, 1, -1},
                            }};
  return d;
}

json targets_schema() {
  json s = object_schema(targets_file_decl());
  s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  s["properties"]["targets"]["items"] = object_schema(target_decl());
  return s;
}

std::vector<Target> parse_targets(const json& doc, const std::string& file, const World& world) {
  std::vector<Issue> issues;
  check_object(doc, targets_file_decl(), file, "", issues);
  std::vector<Target> out;
  if (!doc.is_object() || !doc.contains("targets") || !doc["targets"].is_array()) {
    if (issues.empty()) issues.push_back({file, "/targets", "expected an array of targets"});
    throw InputError(std::move(issues));
  }
  std::set<std::string> ids;
  const auto yearly = yearly_names();
  const auto country_metrics = country_metric_names();
  for (std::size_t i = 0; i < doc["targets"].size(); ++i) {
    const json& e = doc["targets"][i];
    const std::string p = "/targets/" + std::to_string(i);
    const std::size_t before = issues.size();
    check_object(e, target_decl(), file, p, issues);
    if (issues.size() != before || !e.is_object()) continue;  // converted only when well-typed
    Target t;
    t.id = e["id"].get<std::string>();
    if (!ids.insert(t.id).second) issues.push_back({file, p + "/id", "duplicate id '" + t.id + "'"});
    const std::string kind = e.value("kind", std::string("series"));
    t.kind = static_cast<TargetKind>(std::find(kKinds.begin(), kKinds.end(), kind) - kKinds.begin());
    t.metric = e["metric"].get<std::string>();
    t.year_from = e["years"][0].get<int>();
    t.year_to = e["years"][1].get<int>();
    t.sum = e.value("aggregate", std::string("sum")) == "sum";
    t.scale = e.value("scale", 1.0);
    t.figure = e["figure"].get<double>();
    t.low = e["low"].get<double>();
    t.high = e["high"].get<double>();
    t.fit = e.value("use", std::string("fit")) == "fit";
    t.basis = e["basis"].get<std::string>();
    t.source = e["source"].get<std::string>();
    t.quote = e.value("quote", std::string());
    t.confidence = e.value("confidence", std::string());
    t.against = e.value("against", std::string());
    t.top = e.value("top", 10);
    if (e.contains("countries")) t.countries = e["countries"].get<std::vector<std::string>>();
    if (t.year_to < t.year_from) issues.push_back({file, p + "/years/1", "is before the first year"});
    if (!(t.low <= t.figure && t.figure <= t.high))
      issues.push_back({file, p + "/figure", "must lie within [low, high]"});
    if (!(t.low < t.high)) issues.push_back({file, p + "/high", "must exceed low"});
    if (t.log_scale() && !(t.low > 0))
      issues.push_back({file, p + "/low", "must be positive (compared on a log scale)"});
    if (t.kind == TargetKind::kSeries) {
      t.metric_index = yearly_index(t.metric.c_str());
      if (t.metric_index < 0)
        issues.push_back({file, p + "/metric",
                          "unknown yearly metric '" + t.metric + "'" +
                              did_you_mean(t.metric, yearly)});
    } else {
      t.metric_index = country_metric_index(t.metric);
      if (t.metric_index < 0)
        issues.push_back({file, p + "/metric",
                          "unknown country metric '" + t.metric + "'" +
                              did_you_mean(t.metric, country_metrics)});
    }
    if (t.kind == TargetKind::kRankCorrelation && t.against.empty())
      issues.push_back({file, p, "missing required key 'against' (a rank_correlation's column)"});
    if (t.kind == TargetKind::kTopDestinations) {
      if (t.countries.empty())
        issues.push_back({file, p, "missing required key 'countries' (the listed destinations)"});
      for (std::size_t c = 0; c < t.countries.size(); ++c) {
        const int idx = world.country_index(t.countries[c]);
        if (idx < 0 || world.br64(idx) == 0)
          issues.push_back({file, p + "/countries/" + std::to_string(c),
                            "'" + t.countries[c] + "' is not one of the 64 partner countries"});
      }
    }
    out.push_back(std::move(t));
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return out;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return pearson(ranks(x), ranks(y));
}

double partial_correlation(double rxy, double rxz, double ryz) {
  const double d = std::sqrt(std::max(0.0, (1 - rxz * rxz) * (1 - ryz * ryz)));
  return d > 0 ? (rxy - rxz * ryz) / d : 0.0;
}

namespace {

// Partner countries entering a cross-section: the 64, and for a correlation against a data
// column only those the column covers (AidData lists low- and middle-income recipients only).
std::vector<int> members(const Target& t, const World& w) {
  std::vector<int> v;
  for (int c = 0; c < w.countries(); ++c) {
    if (w.br64(c) == 0) continue;
    if (t.kind == TargetKind::kRankCorrelation && !(against_column(w, t.against)(c) > 0)) continue;
    v.push_back(c);
  }
  return v;
}

double replication_value(const Target& t, const ReplicationResult& rep, int start_year,
                         const World& w) {
  if (t.kind == TargetKind::kSeries) {
    double v = 0;
    const int from = t.sum ? t.year_from : t.year_to;
    for (int y = from; y <= t.year_to; ++y) v += rep.yearly(y - start_year, t.metric_index);
    return v * t.scale;
  }
  const std::vector<double> all = by_country(t, rep, start_year, w.countries());
  const std::vector<int> m = members(t, w);
  if (t.kind == TargetKind::kCountriesWith) {
    double n = 0;
    for (int c : m) n += all[static_cast<std::size_t>(c)] > 1e-9 ? 1 : 0;
    return n * t.scale;
  }
  if (t.kind == TargetKind::kRankCorrelation) {
    std::vector<double> x, y;
    for (int c : m) {
      x.push_back(all[static_cast<std::size_t>(c)]);
      y.push_back(against_column(w, t.against)(c));
    }
    return spearman(x, y);
  }
  // top_destinations: the listed countries found among the model's top N partners.
  std::vector<int> order = m;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return all[static_cast<std::size_t>(a)] > all[static_cast<std::size_t>(b)];
  });
  order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(t.top)));
  double found = 0;
  for (const auto& code : t.countries)
    if (std::find(order.begin(), order.end(), w.country_index(code)) != order.end()) found += 1;
  return found / static_cast<double>(t.countries.size());
}

}  // namespace

std::vector<double> target_values(const Target& t, const RunResult& run, const World& world) {
  if (t.year_from < run.start_year || t.year_to > run.end_year)
    throw InputError("", "", "target '" + t.id + "' needs years the run did not record");
  if (t.kind != TargetKind::kSeries && !run.replications.empty() &&
      run.replications[0].countries.rows() == 0)
    throw std::logic_error("target '" + t.id + "' needs a run with country detail");
  std::vector<double> v;
  v.reserve(run.replications.size());
  for (const auto& rep : run.replications)
    v.push_back(replication_value(t, rep, run.start_year, world));
  return v;
}

CrossSectionReport cross_section_report(const Target& t, const RunResult& run, const World& w) {
  CrossSectionReport r;
  if (t.kind != TargetKind::kRankCorrelation || run.replications.empty()) return r;
  const std::vector<int> m = members(t, w);
  std::vector<double> data, gdp;
  for (int c : m) {
    data.push_back(against_column(w, t.against)(c));
    gdp.push_back(w.gdp_2013_usd_bn(c));
  }
  r.data_vs_gdp = spearman(data, gdp);
  for (const auto& rep : run.replications) {
    const std::vector<double> all = by_country(t, rep, run.start_year, w.countries());
    std::vector<double> model;
    for (int c : m) model.push_back(all[static_cast<std::size_t>(c)]);
    const double rxy = spearman(model, data), rxz = spearman(model, gdp);
    r.model_vs_gdp += rxz;
    r.partial_given_gdp += partial_correlation(rxy, rxz, r.data_vs_gdp);
  }
  const auto n = static_cast<double>(run.replications.size());
  r.model_vs_gdp /= n;
  r.partial_given_gdp /= n;
  return r;
}

}  // namespace ccsim::calibration
