// `ccsim report`: reads run and sweep directories, has model/report build the HTML page, writes it
// through the output safety layer (an earlier report is replaced only with --force).
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/report_assets.hpp"
#include "model/error.hpp"
#include "model/io/gzip.hpp"
#include "model/json_text.hpp"
#include "model/report/report.hpp"

namespace ccsim::cli {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kUsage = "usage: ccsim report DIR... --out report.html [options]";

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

json read_manifest(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir.string(), "", "not a directory");
  const fs::path path = dir / "manifest.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(dir.string(), "", "not a ccsim output directory: no manifest.json");
  std::ostringstream text;
  text << in.rdbuf();
  json m = parse_json(text.str(), path.string());
  if (!m.is_object() || m.value("program", std::string()) != "ccsim")
    throw InputError(path.string(), "/program", "not a ccsim manifest");
  return m;
}

// `name` or `name.gz` (ccsim run --compress) in dir; "" when neither exists.
std::string find_table(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  for (const std::string& n : {name, name + ".gz"})
    if (fs::is_regular_file(dir / n, ec)) return (dir / n).string();
  return "";
}

std::vector<report::StatRow> read_stats_file(
    const std::string& path, const std::function<bool(const std::string&, int)>& keep) {
  const auto in = io::open_table(path);
  return report::read_stats(*in, path, keep);
}

// A run directory: the headline metrics of yearly_stats.csv, the bar metric in `bar_year` (0:
// this run's last year) of the region and country summaries, and yearly.csv for pairing.
report::RunData load_run(const std::string& dir, const json& manifest,
                         const report::Options& options, int bar_year) {
  report::RunData run;
  run.dir = dir;
  run.manifest = manifest;
  run.label = manifest.value("scenario_name", fs::path(dir).filename().string());
  const std::set<std::string> wanted(options.metrics.begin(), options.metrics.end());
  const std::string yearly = find_table(dir, "yearly_stats.csv");
  if (yearly.empty()) throw InputError(dir, "", "the run has no yearly_stats.csv");
  run.yearly = read_stats_file(yearly, [&](const std::string& m, int) { return wanted.count(m); });
  if (bar_year == 0)
    for (const auto& r : run.yearly) bar_year = std::max(bar_year, r.year);
  auto bar = [&](const std::string& m, int y) { return m == options.bar_metric && y == bar_year; };
  if (const std::string f = find_table(dir, "regions_stats.csv"); !f.empty())
    run.regions = read_stats_file(f, bar);
  if (const std::string f = find_table(dir, "countries_stats.csv"); !f.empty())
    run.countries = read_stats_file(f, bar);
  run.yearly_reps_path = find_table(dir, "yearly.csv");
  if (!run.yearly_reps_path.empty())
    run.open_yearly_reps = [path = run.yearly_reps_path] { return io::open_table(path); };
  return run;
}

report::SweepData load_sweep(const std::string& dir, const json& manifest) {
  report::SweepData sweep;
  sweep.dir = dir;
  sweep.manifest = manifest;
  const std::string path = find_table(dir, "sensitivity.csv");
  if (path.empty())
    throw InputError(dir, "", "the sweep has no sensitivity.csv (a grid or sampling design)");
  const auto in = io::open_table(path);
  sweep.rows = report::read_sensitivity(*in, path);
  return sweep;
}

// Each directory by its manifest's kind; the baseline (the first run) fixes the bars' year for
// every run, so that bars compare like with like.
report::Input load_inputs(const std::vector<std::string>& dirs, const report::Options& options) {
  report::Input input;
  input.options = options;
  for (const auto& d : dirs) {
    const json m = read_manifest(d);
    const std::string kind = m.value("kind", std::string());
    if (kind == "sweep" || kind == "merge") {
      input.sweeps.push_back(load_sweep(d, m));
    } else if (kind == "run") {
      input.runs.push_back(load_run(d, m, input.options, input.options.bar_year));
      if (input.options.bar_year == 0)
        for (const auto& r : input.runs.back().yearly)
          input.options.bar_year = std::max(input.options.bar_year, r.year);
    } else {
      throw InputError(
          d, "", "a report is made of `ccsim run` and `ccsim sweep` outputs, not `" + kind + "`");
    }
  }
  report::finish_inputs(input);
  return input;
}

void print_help(std::ostream& os, const po::options_description& visible) {
  os << kUsage << "\n\n"
     << "Writes one self-contained HTML page (charts drawn by Vega-Lite, whose scripts are\n"
        "inlined: opening it fetches nothing) for `ccsim run` and `ccsim sweep` outputs. The\n"
        "first run is the baseline, later runs are scenarios overlaid on it: fan charts\n"
        "(median, p25-p75, p05-p95) of the headline metrics by year, scenario-minus-baseline\n"
        "differences with intervals (paired over replications when the runs share the seed and\n"
        "have yearly.csv, else Welch), bars by region and for the top countries. A sweep adds\n"
        "Morris mu* or Sobol S1/ST bars with intervals and noise floors. Every input's manifest\n"
        "(scenario, seed, revision, wall time) is tabled. See docs/report.md.\n\n"
     << visible;
}

}  // namespace

int cmd_report(const Args& args) {
  po::options_description visible("options");
  auto add = visible.add_options();
  add("help,h", "show this help");
  add("out,o", po::value<std::string>()->value_name("FILE"), "the HTML file to write");
  add("metrics,m", po::value<std::string>()->value_name("LIST"),
      "comma-separated metrics for the fan charts and differences (default "
      "odi_flow_usd_bn,epc_contract_value_usd_bn,jobs_total,zone_jobs,policy_loans_usd_bn)");
  add("bar-metric", po::value<std::string>()->default_value("odi_flow_usd_bn")->value_name("M"),
      "the metric of the region and country bars");
  add("bar-year", po::value<int>()->value_name("YEAR"),
      "the year of the bars (default: the baseline's last year)");
  add("top", po::value<std::size_t>()->default_value(10)->value_name("N"),
      "countries in the top-countries chart");
  add("force", po::bool_switch(), "replace an earlier report of `ccsim report` at --out");
  add("quiet,q", po::bool_switch(), "print nothing on success");

  report::Options options;
  std::vector<std::string> dirs;
  std::string out_path;
  bool force = false, quiet = false;
  try {
    const po::variables_map vm = parse_operands(args, visible, dirs);
    if (vm.count("help")) {
      print_help(std::cout, visible);
      return 0;
    }
    if (dirs.empty()) throw po::error("give at least one run or sweep directory");
    if (!vm.count("out")) throw po::error("--out FILE is required");
    out_path = vm["out"].as<std::string>();
    if (vm.count("metrics")) options.metrics = split_list(vm["metrics"].as<std::string>());
    if (options.metrics.empty()) throw po::error("--metrics names no metric");
    options.bar_metric = vm["bar-metric"].as<std::string>();
    if (vm.count("bar-year")) options.bar_year = vm["bar-year"].as<int>();
    options.top_countries = vm["top"].as<std::size_t>();
    force = vm["force"].as<bool>();
    quiet = vm["quiet"].as<bool>();
  } catch (const po::error& e) {
    std::cerr << "ccsim report: " << e.what() << "\n" << kUsage << "\n";
    return 2;
  }
  if (!report_assets::available()) {
    std::cerr << "ccsim report: this ccsim was built without the charting scripts (configure "
                 "with -DCCSIM_REPORT=ON and npm installed: README, Report)\n";
    return 1;
  }

  const OutputOptions output{OutputKind::kReport, force};
  out_path = check_output(out_path, output).string();
  report::Input input;
  try {
    input = load_inputs(dirs, options);
  } catch (const InputError& e) {
    for (const auto& issue : e.issues()) std::cerr << "ccsim report: " << issue.to_string() << "\n";
    std::cerr << "ccsim report: nothing written\n";
    return 2;
  }
  const std::string html = report::build_html(input, report_assets::scripts());
  write_file(out_path, output, [&](std::ostream& os) { os << html; });
  if (!quiet)
    std::cout << "ccsim report: " << report::build_charts(input).size() << " charts, "
              << input.runs.size() << " runs, " << input.sweeps.size() << " sweeps -> " << out_path
              << " (" << html.size() / 1024 << " KiB)\n";
  return 0;
}

}  // namespace ccsim::cli
