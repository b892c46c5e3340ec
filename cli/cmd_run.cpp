#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/parameters.hpp"
#include "cli/progress.hpp"
#include "model/cost.hpp"
#include "model/io/csv.hpp"
#include "model/io/datapackage.hpp"
#include "model/io/gzip.hpp"
#include "model/io/outputs.hpp"
#include "model/io/table_writer.hpp"
#include "model/simulate.hpp"

namespace po = boost::program_options;

namespace ccsim::cli {

namespace {

// Passes each replication on to the tables and shows how far the run is: replications written of
// the total, their rate and the time left. write() is called on the calling thread, in order.
class ProgressSink : public ReplicationSink {
 public:
  ProgressSink(ReplicationSink& inner, ProgressLine& line, std::string name)
      : inner_(inner), line_(line), name_(std::move(name)) {}
  void begin(int start_year, int end_year, int replications, int slots) override {
    total_ = replications;
    inner_.begin(start_year, end_year, replications, slots);
  }
  void take(int replication, ReplicationResult&& result, int slot) override {
    inner_.take(replication, std::move(result), slot);
  }
  void write(int replication, int slot) override {
    inner_.write(replication, slot);
    const int done = replication + 1;
    const double el = line_.elapsed(), rate = done / std::max(el, 1e-9);
    line_.show("ccsim run: " + name_ + ": " + std::to_string(done) + "/" + std::to_string(total_) +
                   " replications, " + format_rate(rate) + "/s, " + ProgressLine::duration(el) +
                   " elapsed, " + ProgressLine::duration((total_ - done) / rate) + " left",
               done == total_);
  }

 private:
  static std::string format_rate(double r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, r >= 100 ? "%.0f" : (r >= 10 ? "%.1f" : "%.2f"), r);
    return buf;
  }
  ReplicationSink& inner_;
  ProgressLine& line_;
  std::string name_;
  int total_ = 0;
};

// A table file of the output directory, plain or gzip as the layout says; close() checks every
// write and the close (a full disk fails the run rather than leaving a short file).
class TableFile {
 public:
  // `blocks`: the caller writes the gzip itself (io::TableWriter's blocks), so the stream is the
  // file's; otherwise a gzip table's stream compresses what it is given.
  TableFile(const fs::path& dir, const std::string& table, const io::OutputLayout& layout,
            bool blocks = false)
      : path_(dir / layout.file(table)), file_(path_, std::ios::binary) {
    if (!file_) throw std::runtime_error("cannot write " + path_.string());
    if (layout.gzipped(table) && !blocks) gz_ = std::make_unique<io::GzipWriter>(file_);
  }
  std::ostream& stream() { return gz_ ? static_cast<std::ostream&>(*gz_) : file_; }
  void close() {
    if (gz_) gz_->finish();
    close_checked(file_, path_);
  }

 private:
  fs::path path_;
  std::ofstream file_;
  std::unique_ptr<io::GzipWriter> gz_;
};

// Takes the rows of a table that is not written (--detail summary leaves yearly.csv out).
class Discard : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// --precision: "full" or a number of significant digits, 1-17.
bool parse_precision(const std::string& text, int& digits) {
  if (text == "full") {
    digits = io::kFullPrecision;
    return true;
  }
  const auto res = std::from_chars(text.data(), text.data() + text.size(), digits);
  return res.ec == std::errc() && res.ptr == text.data() + text.size() && digits >= 1 &&
         digits <= 17;
}

}  // namespace

int cmd_run(const Args& args) {
  std::string file, out;
  int replications = -1, threads = 0;
  std::string seed, parameters, detail = "full", compress = "large", precision = "7";
  std::vector<std::string> sets;
  bool no_detail = false, force = false, quiet = false;
  po::options_description opts(
      "ccsim run SCENARIO.json|- [options] (-: the scenario from standard input)");
  opts.add_options()("help,h", "show this help")(
      "out,o", po::value(&out), "output directory (default outputs/<scenario name>)")(
      "replications,r", po::value(&replications),
      "replications (overrides simulation.replications)")(
      "seed,s", po::value(&seed), "master seed (overrides simulation.seed)")(
      "threads,t", po::value(&threads)->default_value(0),
      "worker threads (default 0: all cores); results do not depend on it")(
      "set", po::value(&sets)->composing(), "override a parameter: path.to.key=value (repeatable)")(
      "detail", po::value(&detail)->default_value("full")->value_name("full|yearly|summary"),
      "per-replication tables written: full (yearly, countries, sectors: what `ccsim compare` "
      "pairs), yearly (yearly.csv only), summary (none: the *_stats.csv summaries only)")(
      "no-detail", po::bool_switch(&no_detail), "the same as --detail yearly")(
      "compress", po::value(&compress)->default_value("large")->value_name("large|all|none"),
      "gzip (.csv.gz): large = countries.csv, sectors.csv and countries_stats.csv, all = every "
      "CSV, none = plain CSV")(
      "precision", po::value(&precision)->default_value("7")->value_name("N|full"),
      "significant digits of the numbers written (1-17), or full: the shortest text that reads "
      "back to the same double")(
      "parameters,p", po::value(&parameters),
      "a parameter ensemble (ccsim calibrate's ensemble.json): each replication draws its set by "
      "(seed, replication), so intervals carry parameter uncertainty")(
      "force", po::bool_switch(&force), "replace an earlier output of `ccsim run` at --out")(
      "quiet,q", po::bool_switch(&quiet), "no progress line and no closing summary");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&file));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ccsim run: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (file.empty()) {
    std::cerr << "ccsim run: no scenario file given\n" << opts;
    return 2;
  }
  if (vm.count("replications")) {
    if (replications < 1) {
      std::cerr << "ccsim run: --replications must be 1 or more, found " << replications << "\n";
      return 2;
    }
    sets.push_back("simulation.replications=" + std::to_string(replications));
  }
  if (!seed.empty()) sets.push_back("simulation.seed=" + seed);
  if (threads < 0) {
    std::cerr << "ccsim run: --threads must be 0 or more\n";
    return 2;
  }
  io::OutputLayout layout;
  if (detail == "full")
    layout.detail = no_detail ? io::Detail::kYearly : io::Detail::kFull;
  else if (detail == "yearly")
    layout.detail = io::Detail::kYearly;
  else if (detail == "summary")
    layout.detail = io::Detail::kSummary;
  else {
    std::cerr << "ccsim run: --detail must be full, yearly or summary, found '" << detail << "'\n";
    return 2;
  }
  if (compress == "large")
    layout.compression = io::Compression::kLarge;
  else if (compress == "all")
    layout.compression = io::Compression::kAll;
  else if (compress == "none")
    layout.compression = io::Compression::kNone;
  else {
    std::cerr << "ccsim run: --compress must be large, all or none, found '" << compress << "'\n";
    return 2;
  }
  if (!parse_precision(precision, layout.digits)) {
    std::cerr << "ccsim run: --precision must be a number of significant digits (1-17) or full, "
                 "found '"
              << precision << "'\n";
    return 2;
  }
  // The count the manifest records: 0 means all cores.
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  Loaded loaded;
  try {
    loaded = load_scenario(file, sets);
  } catch (const InputError& e) {
    return report(e, "run");
  }
  const Scenario& sc = loaded.scenario;
  if (out.empty()) out = "outputs/" + sc.name;
  const int workers = worker_count(sc.replications(), threads);
  // The summaries keep every replication's country and sector values until the run ends.
  const double summary_bytes = static_cast<double>(io::SummaryTables::replication_bytes(
                                   loaded.world, sc.end_year() - sc.start_year() + 1)) *
                               sc.replications();
  if (!fits_in_memory(workers * replication_cost(sc, loaded.world).bytes + summary_bytes,
                      std::to_string(workers) + " threads of " + sc.name + " and its summaries",
                      "run"))
    return 2;
  const OutputOptions output{OutputKind::kRun, force};
  out = check_output(out, output).string();  // before the work, which may take hours
  Variants variants;
  if (!parameters.empty()) {
    try {
      variants = load_variants(parameters, loaded);
    } catch (const InputError& e) {
      return report(e, "run");
    }
  }

  RunOptions ro;
  ro.variants = parameters.empty() ? nullptr : &variants.scenarios;
  ro.threads = threads;
  ro.detail = true;  // the summaries need every replication's country and sector tables
  double wall = 0;
  ProgressLine line(quiet);

  // The run happens inside the fill: the tables stream into the temporary directory as the
  // replications finish, so memory does not grow with the replications.
  write_directory(out, output, [&](const fs::path& dir) {
    const auto t0 = std::chrono::steady_clock::now();
    const bool detailed = layout.detail == io::Detail::kFull;
    std::optional<TableFile> yearly, countries, sectors;
    Discard discard;
    std::ostream no_yearly(&discard);
    if (layout.written("yearly.csv")) yearly.emplace(dir, "yearly.csv", layout, true);
    if (detailed) {
      countries.emplace(dir, "countries.csv", layout, true);
      sectors.emplace(dir, "sectors.csv", layout, true);
    }
    io::TableWriter::Format format;
    format.digits = layout.digits;
    format.gzip_yearly = yearly && layout.gzipped("yearly.csv");
    format.gzip_countries = layout.gzipped("countries.csv");
    format.gzip_sectors = layout.gzipped("sectors.csv");
    io::SummaryTables summaries(loaded.world);
    io::TableWriter tables(loaded.world, yearly ? yearly->stream() : no_yearly,
                           detailed ? &countries->stream() : nullptr,
                           detailed ? &sectors->stream() : nullptr, &summaries, format);
    ProgressSink progress(tables, line, sc.name);
    run(sc, loaded.world, ro, progress);
    line.end();
    tables.finish();
    for (auto* t : {&yearly, &countries, &sectors})
      if (*t) (*t)->close();
    auto summary = [&](const char* table, const auto& write) {
      TableFile f(dir, table, layout);
      write(f.stream());
      f.close();
    };
    summary("yearly_stats.csv", [&](std::ostream& os) {
      io::write_yearly_stats(os, tables.yearly_table(), layout.digits);
    });
    summary("countries_stats.csv",
            [&](std::ostream& os) { summaries.write_countries(os, layout.digits); });
    summary("regions_stats.csv",
            [&](std::ostream& os) { summaries.write_regions(os, layout.digits); });
    summary("sectors_stats.csv",
            [&](std::ostream& os) { summaries.write_sectors(os, layout.digits); });
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto json_file = [&](const char* name, const nlohmann::json& j) {
      std::ofstream os(dir / name, std::ios::binary);
      if (!os) throw std::runtime_error(std::string("cannot write ") + name);
      os << j.dump(2) << "\n";
      close_checked(os, dir / name);
    };
    json_file("datapackage.json", io::run_data_package(sc.name, layout));
    nlohmann::json m = io::manifest(sc, wall, threads, file, layout);
    m["parameters"] =
        parameters.empty() ? nlohmann::json() : parameters_manifest(parameters, variants);
    json_file("manifest.json", m);
  });
  if (quiet) return 0;
  std::cerr << "ccsim run: " << sc.name << ": " << sc.replications() << " replications, "
            << sc.start_year() << "-" << sc.end_year() << " in " << wall << " s -> " << out << "\n";
  return 0;
}

}  // namespace ccsim::cli
