// The report page: the manifests as tables, one <div> per chart, the charting scripts and the
// specs inline. Nothing in the page names another resource, so opening it fetches nothing.
#include <cctype>
#include <cmath>
#include <sstream>

#include "model/io/csv.hpp"
#include "model/report/report.hpp"

namespace ccsim::report {

namespace {

using nlohmann::json;

std::string escape_html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Text inside <script>: "</script" would end the element early and "<!--" would change how the
// browser parses it. In JSON they can only stand inside strings, where "<\/" means "</"; in the
// minified scripts only inside strings or regular expressions, where "<\/script" and "<\!--"
// mean the same (an escape of other text could break code such as `a<!b`, so only these two).
std::string script_safe(std::string_view s, bool json_text) {
  std::string out;
  out.reserve(s.size());
  auto at = [&](std::size_t i, std::string_view w) {
    if (s.size() - i < w.size()) return false;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(s[i + k])) != w[k]) return false;
    return true;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && (json_text ? at(i, "</") : at(i, "</script") || at(i, "<!--"))) {
      out += "<\\";
      continue;
    }
    out += s[i];
  }
  return out;
}

std::string field(const json& m, const char* key) {
  const auto it = m.find(key);
  if (it == m.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_float()) return io::format_number(it->get<double>(), 4);
  return it->dump();
}

void manifest_table(std::ostringstream& os, const Input& input) {
  os << "<h2>Inputs</h2>\n<table class=\"manifest\">\n<tr><th>role</th><th>directory</th>"
        "<th>kind</th><th>scenario or sweep</th><th>seed</th><th>replications</th><th>years</th>"
        "<th>revision</th><th>version</th><th>wall time (s)</th></tr>\n";
  auto row = [&](const std::string& role, const std::string& dir, const json& m,
                 const std::string& name) {
    std::string years;
    if (m.contains("start_year")) years = field(m, "start_year") + "-" + field(m, "end_year");
    os << "<tr><td>" << escape_html(role) << "</td><td>" << escape_html(dir) << "</td><td>"
       << escape_html(field(m, "kind")) << "</td><td>" << escape_html(name) << "</td><td>"
       << escape_html(field(m, "seed")) << "</td><td>" << escape_html(field(m, "replications"))
       << "</td><td>" << escape_html(years) << "</td><td>" << escape_html(field(m, "git_revision"))
       << "</td><td>" << escape_html(field(m, "version")) << "</td><td>"
       << escape_html(field(m, "wall_time_s")) << "</td></tr>\n";
  };
  for (std::size_t i = 0; i < input.runs.size(); ++i)
    row(i == 0 ? "baseline" : "scenario", input.runs[i].dir, input.runs[i].manifest,
        input.runs[i].label);
  for (const auto& s : input.sweeps) {
    const json sw = s.manifest.value("sweep", json::object());
    const std::string name = sw.is_object() ? sw.value("name", std::string()) : std::string();
    // A sweep's seed is its sweep file's (the manifest keeps the file under "sweep").
    json m = s.manifest;
    if (!m.contains("seed") && sw.is_object() && sw.contains("seed")) m["seed"] = sw["seed"];
    row("sweep", s.dir, m, name + " (" + field(s.manifest, "sweep_file") + ")");
  }
  os << "</table>\n";
}

// After every vega-embed promise settles, <body> gets data-charts-rendered (charts whose data
// marks were drawn: items outside axes, legends and titles) and data-errors (rejected embeds,
// uncaught errors, unhandled rejections): what the headless-browser test reads.
constexpr const char* kPageScript = R"JS(
(function () {
  var errors = 0;
  var body = document.body;
  function mark() { body.setAttribute('data-errors', String(errors)); }
  window.addEventListener('error', function () { errors++; mark(); });
  window.addEventListener('unhandledrejection', function () { errors++; mark(); });
  function drawn(mark) {
    if (!mark || mark.role === 'axis' || mark.role === 'legend' || mark.role === 'title') return 0;
    var n = 0;
    (mark.items || []).forEach(function (item) {
      if (mark.marktype === 'group') (item.items || []).forEach(function (m) { n += drawn(m); });
      else if (mark.role === 'mark') n++;
    });
    return n;
  }
  var charts = JSON.parse(document.getElementById('ccsim-charts').textContent);
  body.setAttribute('data-charts-expected', String(charts.length));
  var jobs = charts.map(function (c) {
    return vegaEmbed('#' + c.id, c.spec, {mode: 'vega-lite', renderer: 'svg', actions: false})
      .then(function (result) {
        var n = drawn(result.view.scenegraph().root);
        document.getElementById(c.id).setAttribute('data-marks', String(n));
        return n > 0;
      }, function (e) {
        errors++;
        document.getElementById(c.id).textContent = 'chart failed: ' + e;
        return false;
      });
  });
  Promise.all(jobs).then(function (ok) {
    body.setAttribute('data-charts-rendered', String(ok.filter(Boolean).length));
    mark();
    body.setAttribute('data-done', '1');
  });
})();
)JS";

}  // namespace

std::string build_html(const Input& input, const Scripts& scripts) {
  const std::vector<Chart> charts = build_charts(input);
  std::ostringstream os;
  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
     << kReportMarker << "\n<title>ccsim report</title>\n<style>\n"
     << "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1100px}\n"
     << "table.manifest{border-collapse:collapse;font-size:13px}\n"
     << "table.manifest td,table.manifest th{border:1px solid #ccc;padding:3px 6px;"
        "text-align:left}\n"
     << ".chart{margin:1em 0 2em 0}\np.note{font-size:13px;color:#555;max-width:60em}\n"
     << "</style>\n</head>\n<body>\n<h1>ccsim report</h1>\n";
  manifest_table(os, input);
  if (!input.runs.empty()) {
    os << "<p class=\"note\">Fan charts: across replications, the median (line), the p25-p75 "
          "band (darker) and the p05-p95 band (lighter); the first run is the baseline, the "
          "others are overlaid.";
    if (input.runs.size() > 1) {
      os << " Differences are the scenario's mean minus the baseline's, year by year:";
      for (const auto& [label, kind] : input.interval_kinds)
        os << " " << escape_html(label) << ": "
           << (kind == "paired" ? "paired over replications (same seed: common random numbers)"
                                : "Welch interval (independent replications)")
           << ";";
    }
    os << " Bars: mean with a p05-p95 whisker in " << input.options.bar_year
       << ", over the 64 partner countries.</p>\n";
  }
  if (!input.sweeps.empty())
    os << "<p class=\"note\">Sensitivity: bars are the index (Morris mu*, or Sobol S1 and ST), "
          "black whiskers its interval where the sweep has one, red ticks the noise floor (what "
          "replication noise alone gives the index); pale bars are within the noise.</p>\n";
  json list = json::array();
  for (const auto& c : charts) {
    os << "<div class=\"chart\" id=\"" << c.id << "\"></div>\n";
    list.push_back({{"id", c.id}, {"title", c.title}, {"spec", c.spec}});
  }
  os << "<script>" << script_safe(scripts.vega, false) << "</script>\n"
     << "<script>" << script_safe(scripts.vega_lite, false) << "</script>\n"
     << "<script>" << script_safe(scripts.vega_embed, false) << "</script>\n"
     << "<script type=\"application/json\" id=\"ccsim-charts\">" << script_safe(list.dump(), true)
     << "</script>\n<script>" << kPageScript << "</script>\n</body>\n</html>\n";
  return os.str();
}

}  // namespace ccsim::report
