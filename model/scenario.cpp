#include "model/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "model/events.hpp"
#include "model/json_text.hpp"

namespace ccsim {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Root keys that are not parameters.
const std::vector<std::string> kRootKeys = {"$schema", "name", "description", "extends",
                                            "data_dir"};

// Children of a node in the tree of parameter pointers.
struct Node {
  std::map<std::string, Node> children;
  const ParamDecl* leaf = nullptr;
};

const Node& param_tree() {
  static const Node root = [] {
    Node r;
    for (const auto& d : param_declarations()) {
      Node* n = &r;
      std::size_t pos = 1;
      while (pos <= d.pointer.size()) {
        const std::size_t next = d.pointer.find('/', pos);
        const std::string tok =
            d.pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
        n = &n->children[tok];
        if (next == std::string::npos) break;
        pos = next + 1;
      }
      n->leaf = &d;
    }
    return r;
  }();
  return root;
}

class Validator {
 public:
  Validator(std::string file, const std::vector<std::string>& countries)
      : file_(std::move(file)), countries_(countries.begin(), countries.end()) {}

  void issue(const std::string& ptr, const std::string& msg,
             std::vector<std::string> related = {}) {
    issues.push_back({file_, ptr, msg, {}, std::move(related)});
  }

  // Past a page of problems, no suggestion: they are not shown, and a file of 400,000 unknown
  // keys would spend minutes comparing each with every valid one.
  void unknown_key(const std::string& ptr, const std::string& key,
                   const std::vector<std::string>& options) {
    issues.push_back({file_, ptr,
                      issues.size() < kIssuePage ? unknown_key_message(key, options)
                                                 : "unknown key '" + key + "'",
                      key});
  }

  bool number(const json& v, const std::string& ptr, ValueKind kind, double lo, double hi) {
    if (!v.is_number()) {
      issue(ptr, std::string("expected ") +
                     (kind == ValueKind::Integer ? "an integer" : "a number") + ", found " +
                     type_name(v));
      return false;
    }
    const double x = v.get<double>();
    if (kind == ValueKind::Integer && x != std::floor(x)) {
      issue(ptr, "expected an integer, found " + format_value(x));
      return false;
    }
    if (!(x >= lo && x <= hi)) {
      issue(ptr, "value " + format_value(x) + " is out of range [" + format_value(lo) + ", " +
                     format_value(hi) + "]");
      return false;
    }
    return true;
  }

  bool country(const json& v, const std::string& ptr) {
    if (!v.is_string()) {
      issue(ptr, "expected an ISO3 country code, found " + type_name(v));
      return false;
    }
    const std::string c = v.get<std::string>();
    if (countries_.empty()) {
      if (c.size() != 3 ||
          !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
        issue(ptr, "expected an ISO3 country code (three capital letters), found '" + c + "'");
        return false;
      }
      return true;
    }
    if (!countries_.count(c)) {
      std::string msg = "unknown country '" + c + "'";
      const std::string near = issues.size() < kIssuePage
                                   ? closest(c, {countries_.begin(), countries_.end()})
                                   : std::string();
      if (!near.empty()) msg += " (did you mean '" + near + "'?)";
      issue(ptr, msg + "; countries are those of scenarios/data/countries.csv");
      return false;
    }
    return true;
  }

  // A parameter object (the root, a group or a timeline "set").
  void params(const json& obj, const Node& node, const std::string& ptr, bool timeline) {
    std::vector<std::string> options;
    for (const auto& [k, _] : node.children) options.push_back(k);
    for (const auto& [key, value] : obj.items()) {
      const std::string child = ptr + "/" + escape_token(key);
      const auto it = node.children.find(key);
      if (it == node.children.end()) {
        if (ptr.empty() && !timeline &&
            std::find(kRootKeys.begin(), kRootKeys.end(), key) != kRootKeys.end())
          continue;
        if (ptr.empty() && !timeline && is_list(key)) continue;
        std::vector<std::string> all = options;
        if (ptr.empty() && !timeline) {
          all.insert(all.end(), kRootKeys.begin(), kRootKeys.end());
          for (const auto& l : list_declarations()) all.push_back(l.key);
        }
        unknown_key(ptr, key, all);
        continue;
      }
      const Node& n = it->second;
      if (n.leaf) {
        leaf(value, *n.leaf, child, timeline);
      } else if (!value.is_object()) {
        issue(child, "expected an object, found " + type_name(value));
      } else {
        params(value, n, child, timeline);
      }
    }
  }

  void leaf(const json& v, const ParamDecl& d, const std::string& ptr, bool timeline) {
    if (timeline && !d.schedulable) {
      issue(ptr, "'" + d.pointer + "' cannot change during a run (it is not schedulable)");
      return;
    }
    if (d.shape == Shape::Scalar) {
      number(v, ptr, d.kind, d.min, d.max);
      return;
    }
    if (!v.is_object()) {
      issue(ptr, "expected an object keyed by " +
                     std::string(d.shape == Shape::BySector   ? "sector"
                                 : d.shape == Shape::ByRegion ? "region"
                                                              : "ISO3 country code") +
                     ", found " + type_name(v));
      return;
    }
    std::vector<std::string> keys;
    if (const auto* k = d.element_keys())
      for (std::size_t i = 0; i < d.width(); ++i) keys.emplace_back(k[i]);
    for (const auto& [key, value] : v.items()) {
      const std::string child = ptr + "/" + escape_token(key);
      if (d.shape == Shape::ByCountry) {
        if (country(json(key), child)) number(value, child, d.kind, d.min, d.max);
      } else if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        unknown_key(ptr, key, keys);
      } else {
        number(value, child, d.kind, d.min, d.max);
      }
    }
  }

  static bool is_list(const std::string& key) {
    for (const auto& l : list_declarations())
      if (l.key == key) return true;
    return false;
  }

  void list(const json& arr, const ListDecl& decl, const std::string& ptr) {
    if (!arr.is_array()) {
      issue(ptr, "expected an array, found " + type_name(arr));
      return;
    }
    std::vector<std::string> names;
    for (const auto& f : decl.fields) names.push_back(f.name);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const json& e = arr[i];
      const std::string ep = ptr + "/" + std::to_string(i);
      if (!e.is_object()) {
        issue(ep, "expected an object, found " + type_name(e));
        continue;
      }
      for (const auto& [key, value] : e.items()) {
        // Captured by name: clang 14 rejects capturing a structured binding (C++20 allows it).
        const auto f = std::find_if(decl.fields.begin(), decl.fields.end(),
                                    [&key = key](const FieldDecl& x) { return x.name == key; });
        if (f == decl.fields.end()) {
          unknown_key(ep, key, names);
          continue;
        }
        field(value, *f, ep + "/" + escape_token(key));
      }
      for (const auto& f : decl.fields)
        if (f.required && !e.contains(f.name)) issue(ep, "missing required key '" + f.name + "'");
    }
  }

  void field(const json& v, const FieldDecl& f, const std::string& ptr) {
    switch (f.type) {
      case FieldType::Integer:
        number(v, ptr, ValueKind::Integer, f.min, f.max);
        break;
      case FieldType::Number:
        number(v, ptr, ValueKind::Number, f.min, f.max);
        break;
      case FieldType::String:
        if (!v.is_string()) issue(ptr, "expected a string, found " + type_name(v));
        break;
      case FieldType::Country:
        country(v, ptr);
        break;
      case FieldType::Region:
      case FieldType::Enum: {
        std::vector<std::string> keys;
        if (f.type == FieldType::Region)
          for (auto k : kRegionKeys) keys.emplace_back(k);
        else
          for (auto k : f.keys) keys.emplace_back(k);
        if (!v.is_string()) {
          issue(ptr, "expected a string, found " + type_name(v));
        } else if (std::find(keys.begin(), keys.end(), v.get<std::string>()) == keys.end()) {
          std::string msg = "unknown value '" + v.get<std::string>() + "'";
          const std::string near = closest(v.get<std::string>(), keys);
          if (!near.empty()) msg += " (did you mean '" + near + "'?)";
          std::string all;
          for (const auto& k : keys) all += (all.empty() ? "" : ", ") + k;
          issue(ptr, msg + "; expected one of: " + all);
        }
        break;
      }
      case FieldType::Object:
        if (!v.is_object()) {
          issue(ptr, "expected an object, found " + type_name(v));
        } else {
          params(v, param_tree(), ptr, true);
        }
        break;
    }
  }

  std::vector<Issue> issues;

 private:
  std::string file_;
  std::set<std::string> countries_;
};

double value_at(const json& doc, const std::string& pointer, const Params& defaults) {
  const json::json_pointer p(pointer);
  if (doc.contains(p) && doc.at(p).is_number()) return doc.at(p).get<double>();
  Params copy = defaults;
  return *find_param(pointer)->field(copy);
}

}  // namespace

std::string closest(const std::string& word, const std::vector<std::string>& options) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j)
        cur[j] =
            std::min({prev[j] + 1, cur[j - 1] + 1,
                      prev[j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1)});
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& o : options) {
    const std::size_t d = distance(word, o);
    if (d < best_d) {
      best_d = d;
      best = o;
    }
  }
  return best;
}

void deep_merge(json& base, const json& over) {
  if (!base.is_object() || !over.is_object()) {
    base = over;
    return;
  }
  for (const auto& [k, v] : over.items()) {
    if (base.contains(k) && base[k].is_object() && v.is_object())
      deep_merge(base[k], v);
    else
      base[k] = v;
  }
}

namespace {

// Records every value of `doc` below `ptr` as set by `file`.
void record_values(const json& doc, const std::string& ptr, const std::string& file,
                   Provenance& provenance) {
  if (doc.is_object() && !doc.empty()) {
    for (const auto& [key, value] : doc.items())
      record_values(value, ptr + "/" + escape_token(key), file, provenance);
  } else {
    provenance.set_by[ptr] = file;
  }
}

}  // namespace

std::vector<Issue> attribute_issues(std::vector<Issue> issues, const Provenance& provenance) {
  // The file that set the value at `ptr`, or a whole object or list holding it ("/a/b/c", then
  // "/a/b", "/a"); empty when none did.
  auto set_by = [&](std::string ptr) -> std::string {
    while (!ptr.empty()) {
      const auto it = provenance.set_by.find(ptr);
      if (it != provenance.set_by.end()) return it->second;
      const auto slash = ptr.rfind('/');
      if (slash == std::string::npos) break;
      ptr.erase(slash);
    }
    return {};
  };
  // Lower is set later: --set, then the extends chain from the top file down.
  auto rank = [&](const std::string& file) -> std::size_t {
    if (file == "--set") return 0;
    const auto it = std::find(provenance.files.begin(), provenance.files.end(), file);
    return 1 + std::size_t(it - provenance.files.begin());
  };
  for (Issue& issue : issues) {
    std::string best =
        set_by(issue.key.empty() ? issue.pointer : issue.pointer + "/" + escape_token(issue.key));
    for (const auto& r : issue.related) {
      const std::string f = set_by(r);
      if (!f.empty() && (best.empty() || rank(f) < rank(best))) best = f;
    }
    if (!best.empty()) issue.file = best;
  }
  return issues;
}

namespace {

// The same file however it is named ("a.json", "./a.json", "../x/a.json", a symlink to it).
std::string canonical_name(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::path(path), ec);
  if (!ec) return p.string();
  return fs::absolute(fs::path(path), ec).lexically_normal().string();
}

}  // namespace

json resolve_extends(const std::string& file, const JsonLoader& load, Provenance* provenance) {
  struct Link {
    std::string path, canonical;
  };
  std::vector<Link> chain;
  // `named` is the "extends" value that led here (empty for the top file).
  std::function<json(const std::string&, const std::string&)> resolve =
      [&](const std::string& path, const std::string& named) -> json {
    const std::string canonical = canonical_name(path);
    for (const auto& l : chain)
      if (l.canonical == canonical) {
        std::string cycle;
        for (const auto& c : chain) cycle += c.path + " -> ";
        throw InputError(chain.back().path, "/extends", "extends cycle: " + cycle + path);
      }
    if (static_cast<int>(chain.size()) >= kMaxExtendsChain)
      throw InputError(chain.back().path, "/extends",
                       "more than " + std::to_string(kMaxExtendsChain) +
                           " files extend one another from " + file + ": at most " +
                           std::to_string(kMaxExtendsChain) + " are allowed");
    chain.push_back({path, canonical});
    if (provenance) provenance->files.push_back(path);
    json doc;
    try {
      doc = load(path);
    } catch (const UnreadableFile& e) {
      if (chain.size() == 1) throw;
      const std::string why = e.issues().empty() ? std::string() : e.issues()[0].message;
      throw InputError(chain[chain.size() - 2].path, "/extends",
                       "cannot extend '" + named + "' (" + path + "): " + why);
    }
    if (!doc.is_object()) throw InputError(path, "", "expected a JSON object at the top level");
    // A data_dir is relative to the file that names it: restate it relative to the top file.
    if (doc.contains("data_dir") && doc["data_dir"].is_string()) {
      const fs::path named_dir(doc["data_dir"].get<std::string>());
      if (named_dir.is_relative()) {
        const fs::path top_dir = fs::path(file).parent_path();
        const fs::path full = (fs::path(path).parent_path() / named_dir).lexically_normal();
        const fs::path rel = full.lexically_relative(top_dir.empty() ? fs::path(".") : top_dir);
        doc["data_dir"] = (rel.empty() ? full : rel).generic_string();
      }
    }
    json parent;  // null unless this file extends another
    if (doc.contains("extends")) {
      const json& ext = doc["extends"];
      if (!ext.is_string()) throw InputError(path, "/extends", "expected a file name (a string)");
      const std::string target = ext.get<std::string>();
      if (target.empty()) throw InputError(path, "/extends", "expected a file name, found \"\"");
      const std::string dir =
          path.find('/') == std::string::npos ? "" : path.substr(0, path.rfind('/') + 1);
      const std::string parent_path = target.rfind('/', 0) == 0 ? target : dir + target;
      parent = resolve(parent_path, target);
      doc.erase("extends");
    }
    // After the parents', so that a child's value is recorded over its parent's.
    if (provenance) record_values(doc, "", path, *provenance);
    if (!parent.is_null()) {
      // A child's own name and description describe it, never its parent's.
      parent.erase("name");
      parent.erase("description");
      deep_merge(parent, doc);
      doc = std::move(parent);
    }
    chain.pop_back();
    return doc;
  };
  return resolve(file, "");
}

namespace {

// The keys of an override's path: a JSON pointer's reference tokens (~1 is '/', ~0 is '~'), or
// the dot-separated keys of a dotted path.
std::vector<std::string> override_tokens(const std::string& path) {
  std::vector<std::string> tokens;
  if (path[0] == '/') {
    for (std::size_t pos = 1;;) {
      const auto slash = path.find('/', pos);
      std::string raw =
          path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
      std::string t;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
          t += raw[i + 1] == '0' ? '~' : '/';
          ++i;
        } else {
          t += raw[i];
        }
      }
      tokens.push_back(std::move(t));
      if (slash == std::string::npos) break;
      pos = slash + 1;
    }
    return tokens;
  }
  for (std::size_t pos = 0;;) {
    const auto dot = path.find('.', pos);
    tokens.push_back(path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos));
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return tokens;
}

}  // namespace

void apply_overrides(json& doc, const std::vector<std::string>& overrides, const std::string& file,
                     Provenance* provenance) {
  std::vector<Issue> issues;
  for (const auto& o : overrides) {
    // Checked before anything runs: a string that is not UTF-8 could not be written to the
    // manifest once the run is done.
    if (!valid_utf8(o)) {
      issues.push_back({"--set", "", "the override is not valid UTF-8 text"});
      continue;
    }
    const auto eq = o.find('=');
    if (eq == std::string::npos || eq == 0) {
      issues.push_back({file, "--set " + o, "expected path.to.key=value or /path/to/key=value"});
      continue;
    }
    // A path is dotted (policy.signing_rate) or a JSON pointer (/policy/signing_rate), as the
    // parameter reference and error messages print it.
    const std::vector<std::string> tokens = override_tokens(o.substr(0, eq));
    std::string ptr;
    for (const auto& t : tokens) ptr += "/" + escape_token(t);
    const auto depth = static_cast<int>(tokens.size());
    if (depth > kMaxJsonDepth) {
      issues.push_back({"--set", ptr.substr(0, 40) + "...",
                        "the path has " + std::to_string(depth) + " levels: at most " +
                            std::to_string(kMaxJsonDepth)});
      continue;
    }
    if (ptr == "/extends") {
      issues.push_back({"--set", ptr,
                        "extends cannot be overridden: the files a scenario extends are read "
                        "before overrides apply; name the file to extend in a scenario file"});
      continue;
    }
    const std::string text = o.substr(eq + 1);
    json value;
    try {
      value = parse_json(text, "--set", kMaxJsonDepth - depth);
    } catch (const InputError& e) {
      // Text that is not JSON is a string value; JSON that is too deep or too large is refused.
      const std::string& why = e.issues()[0].message;
      if (why.rfind("not valid JSON", 0) == 0) {
        value = text;
      } else {
        issues.push_back({"--set", ptr, why});
        continue;
      }
    }
    // The path is walked here rather than by json_pointer, which turns a missing key followed by
    // a number into an array of that many elements (`--set risk.99999999999=1` would allocate
    // terabytes): a missing level becomes an object, and an array index must name an element.
    json* at = &doc;
    std::string where;
    std::string why;
    for (const std::string& token : tokens) {
      const std::string parent = where.empty() ? "the top level" : where;
      where += "/" + escape_token(token);
      if (at->is_null()) *at = json::object();
      if (at->is_object()) {
        at = &(*at)[token];
      } else if (at->is_array()) {
        const bool digits = !token.empty() && token.size() <= 9 &&
                            token.find_first_not_of("0123456789") == std::string::npos &&
                            (token == "0" || token[0] != '0');
        if (!digits || std::stoul(token) >= at->size()) {
          why = "'" + token + "' does not name an element of the array at " + parent +
                ", which has " + std::to_string(at->size()) + " element(s)";
          break;
        }
        at = &(*at)[std::stoul(token)];
      } else {
        why = "the value at " + parent + " is " + type_name(*at) + ", which holds no keys";
        break;
      }
    }
    if (!why.empty()) {
      issues.push_back({file, ptr, "--set cannot place a value here: " + why});
      continue;
    }
    *at = value;
    if (provenance) record_values(value, ptr, "--set", *provenance);
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

std::string unsafe_name_reason(const std::string& name) {
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "contains a control character";
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos)
    return "contains a path separator";
  if (name.find("..") != std::string::npos) return "contains '..'";
  if (!name.empty() && name[0] == '.') return "begins with '.'";
  return "";
}

std::vector<Issue> validate_scenario(const json& doc, const std::string& file,
                                     const std::vector<std::string>& countries) {
  Validator v(file, countries);
  if (!doc.is_object()) {
    v.issue("", "expected a JSON object at the top level, found " + type_name(doc));
    return v.issues;
  }
  for (const char* key : {"$schema", "name", "description", "extends", "data_dir"})
    if (doc.contains(key) && !doc[key].is_string())
      v.issue(std::string("/") + escape_token(key),
              "expected a string, found " + type_name(doc[key]));
  // A name is the default output directory, outputs/<name>: it must not reach outside.
  if (doc.contains("name") && doc["name"].is_string()) {
    const std::string why = unsafe_name_reason(doc["name"].get<std::string>());
    if (!why.empty())
      v.issue("/name", "'" + doc["name"].get<std::string>() + "' " + why +
                           ": a name is the default output directory outputs/<name>, so it is "
                           "a plain file name");
  }
  v.params(doc, param_tree(), "", false);
  for (const auto& l : list_declarations())
    if (doc.contains(l.key)) v.list(doc[l.key], l, "/" + l.key);

  // Cross-field checks name every key involved.
  const Params d = default_params();
  const double start = value_at(doc, "/simulation/start_year", d);
  const double end = value_at(doc, "/simulation/end_year", d);
  const double spin = value_at(doc, "/simulation/spinup_years", d);
  if (end < start)
    v.issue("/simulation/end_year",
            "end_year (" + format_value(end) + ") is before /simulation/start_year (" +
                format_value(start) + ")",
            {"/simulation/start_year"});
  const double smin = value_at(doc, "/risk/shock_severity_min", d);
  const double smax = value_at(doc, "/risk/shock_severity_max", d);
  if (smin > smax)
    v.issue("/risk/shock_severity_min",
            "shock_severity_min (" + format_value(smin) + ") exceeds /risk/shock_severity_max (" +
                format_value(smax) + ")",
            {"/risk/shock_severity_max"});
  double wsum = 0;
  for (auto k : kRiskKeys) wsum += value_at(doc, "/risk/weight/" + std::string(k), d);
  if (wsum <= 0)
    v.issue("/risk/weight",
            "the weights /risk/weight/{geopolitical,policy,cultural,fx_credit} sum "
            "to zero: composite risk would be undefined",
            {"/risk/weight/geopolitical", "/risk/weight/policy", "/risk/weight/cultural",
             "/risk/weight/fx_credit"});
  auto check_year = [&](const json& e, const char* key, const std::string& ptr) {
    if (!e.is_object() || !e.contains(key) || !e[key].is_number()) return;
    // Events after end_year are simply not reached (a shortened run is normal use); one before
    // the first simulated year can never happen and is most likely a typo.
    const double y = e[key].get<double>();
    if (y < start - spin)
      v.issue(ptr + "/" + key,
              format_value(y) + " is before the first simulated year " +
                  format_value(start - spin) +
                  " (/simulation/start_year - /simulation/spinup_years)",
              {"/simulation/start_year", "/simulation/spinup_years"});
  };
  for (const char* list : {"timeline", "shocks", "packages"}) {
    if (!doc.contains(list) || !doc[list].is_array()) continue;
    for (std::size_t i = 0; i < doc[list].size(); ++i) {
      const json& e = doc[list][i];
      const std::string ep = "/" + std::string(list) + "/" + std::to_string(i);
      check_year(e, std::string(list) == "timeline" ? "year" : "start_year", ep);
      if (std::string(list) == "shocks" && e.is_object()) {
        if (e.contains("region") == e.contains("country"))
          v.issue(ep, "give exactly one of 'region' and 'country' (" + ep + "/region, " + ep +
                          "/country)");
      }
      if (std::string(list) == "packages" && e.is_object() && e.contains("start_year") &&
          e.contains("end_year") && e["start_year"].is_number() && e["end_year"].is_number() &&
          e["end_year"].get<double>() < e["start_year"].get<double>())
        v.issue(ep + "/end_year", "end_year is before " + ep + "/start_year", {ep + "/start_year"});
    }
  }
  return v.issues;
}

void apply_params(const json& obj, Params& p) {
  for (const auto& d : param_declarations()) {
    const json::json_pointer ptr(d.pointer);
    if (!obj.contains(ptr)) continue;
    const json& v = obj.at(ptr);
    if (d.shape == Shape::Scalar) {
      *d.field(p) = v.get<double>();
    } else if (d.shape == Shape::ByCountry) {
      for (const auto& [k, x] : v.items()) (*d.map_field(p))[k] = x.get<double>();
    } else {
      double* a = d.field(p);
      for (std::size_t i = 0; i < d.width(); ++i) {
        const std::string key(d.element_keys()[i]);
        if (v.contains(key)) a[i] = v[key].get<double>();
      }
    }
  }
}

Scenario parse_scenario(const json& doc, const std::string& file,
                        const std::vector<std::string>& countries) {
  auto issues = validate_scenario(doc, file, countries);
  if (!issues.empty()) throw InputError(std::move(issues));
  Scenario s;
  s.resolved = doc;
  s.name = doc.value("name", std::string());
  if (s.name.empty()) {
    std::string stem =
        file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
    if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0)
      stem.resize(stem.size() - 5);
    s.name = stem.empty() ? "scenario" : stem;
  }
  s.description = doc.value("description", std::string());
  s.data_dir = doc.value("data_dir", std::string("data"));
  s.params = default_params();
  apply_params(doc, s.params);
  if (doc.contains("timeline"))
    for (const auto& e : doc["timeline"]) s.timeline.push_back({e["year"].get<int>(), e["set"]});
  std::stable_sort(s.timeline.begin(), s.timeline.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.year < b.year; });
  if (doc.contains("shocks"))
    for (const auto& e : doc["shocks"]) {
      ShockEvent ev;
      ev.start_year = e["start_year"].get<int>();
      ev.duration = e.value("duration", 1);
      if (e.contains("region")) ev.region = index_of(kRegionKeys, e["region"].get<std::string>());
      ev.country = e.value("country", std::string());
      ev.kind = index_of(kRiskKeys, e["kind"].get<std::string>());
      ev.severity = e["severity"].get<double>();
      s.shocks.push_back(ev);
    }
  if (doc.contains("agreements"))
    for (const auto& e : doc["agreements"])
      s.agreements.push_back({e["country"].get<std::string>(),
                              index_of(kAgreementKeys, e["kind"].get<std::string>()),
                              e["year"].get<int>()});
  if (doc.contains("packages"))
    for (const auto& e : doc["packages"])
      s.packages.push_back({e.value("name", std::string()), e["country"].get<std::string>(),
                            e["start_year"].get<int>(), e["end_year"].get<int>(),
                            e.value("project_list_usd_bn", 0.0), e.value("fund_usd_bn", 0.0),
                            e.value("special_loan_usd_bn", 0.0)});
  return s;
}

std::vector<Params> yearly_params(const Scenario& s) {
  std::vector<Params> out;
  Params p = s.params;
  std::size_t next = 0;
  for (int y = s.first_simulated_year(); y <= s.end_year(); ++y) {
    while (next < s.timeline.size() && s.timeline[next].year <= y)
      apply_params(s.timeline[next++].set, p);
    out.push_back(p);
  }
  return out;
}

}  // namespace ccsim
