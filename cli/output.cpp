#include "cli/output.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "model/compare/compare.hpp"
#include "model/report/report.hpp"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

namespace ccsim::cli {

namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Temporaries in progress, removed by the signal thread. The mutex also keeps a signal from
// cleaning up while a temporary is being renamed into place.

std::mutex& temps_mutex() {
  static auto* m = new std::mutex;  // never destroyed: the signal thread may outlive main
  return *m;
}
std::set<fs::path>& temps() {
  static auto* s = new std::set<fs::path>;
  return *s;
}

void remember(const fs::path& p) {
  std::lock_guard<std::mutex> lock(temps_mutex());
  temps().insert(p);
}
void forget(const fs::path& p) {
  std::lock_guard<std::mutex> lock(temps_mutex());
  temps().erase(p);
}

// Removes a tree that other threads may still be writing into: retried until it is gone.
void remove_tree(const fs::path& p) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::error_code ec;
    fs::remove_all(p, ec);
    if (!fs::exists(fs::symlink_status(p, ec))) return;
  }
}

int rename2(const fs::path& from, const fs::path& to, unsigned flags) {
#ifdef SYS_renameat2
  return static_cast<int>(
      ::syscall(SYS_renameat2, AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags));
#else
  (void)from, (void)to, (void)flags;
  errno = ENOSYS;
  return -1;
#endif
}

// Renames `tmp` to a `target` that did not exist when checked; never replaces one that appeared
// since (RENAME_NOREPLACE where the file system has it).
void rename_new(const fs::path& tmp, const fs::path& target) {
  if (rename2(tmp, target, RENAME_NOREPLACE) == 0) return;
  if (errno == EEXIST)
    throw OutputPathError(target.string() + ": appeared while ccsim was working; nothing replaced");
  if (errno != EINVAL && errno != ENOSYS)
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + target.string() + ": " +
                             std::strerror(errno));
  if (::rename(tmp.c_str(), target.c_str()) != 0)
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + target.string() + ": " +
                             std::strerror(errno));
}

bool process_alive(long pid) {
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// The PID in `name` if it is `prefix` followed by digits only.
long pid_suffix(const std::string& name, const std::string& prefix) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return -1;
  long pid = 0;
  for (std::size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || pid > 100000000) return -1;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid;
}

fs::path parent_of(const fs::path& p) {
  return p.parent_path().empty() ? fs::path(".") : p.parent_path();
}

fs::path temporary_for(const fs::path& target) {
  return parent_of(target) /
         ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
}

// Temporaries of `target` that ccsim processes now dead left in its parent (a SIGKILL, a power
// cut): removed, with a note. The old output of an earlier ccsim's two-step replacement is only
// reported: it may be the one copy left.
void clean_leftovers(const fs::path& target) {
  const std::string name = target.filename().string();
  std::error_code ec;
  fs::directory_iterator it(parent_of(target), ec), end;
  if (ec) return;
  std::vector<fs::path> dead;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const std::string f = it->path().filename().string();
    for (const std::string& prefix : {"." + name + ".tmp-", name + ".tmp-", "." + name + ".old-"}) {
      const long pid = pid_suffix(f, prefix);
      if (pid <= 0 || pid == ::getpid() || process_alive(pid)) continue;
      if (prefix == "." + name + ".old-")
        std::cerr << "ccsim: " << it->path().string()
                  << " holds an earlier output left by an interrupted ccsim (process " << pid
                  << "); move it back or remove it\n";
      else
        dead.push_back(it->path());
    }
  }
  for (const auto& p : dead) {
    remove_tree(p);
    std::cerr << "ccsim: removed " << p.string() << ", left by an interrupted ccsim\n";
  }
}

// For the tests that kill a command while its temporary exists: with
// CCSIM_PAUSE_BEFORE_RENAME=NAME in the environment, the complete temporary of an output named
// NAME waits 30 seconds before it is renamed into place.
void pause_for_tests(const fs::path& target) {
  static const char* name = std::getenv("CCSIM_PAUSE_BEFORE_RENAME");
  if (name && target.filename() == name) std::this_thread::sleep_for(std::chrono::seconds(30));
}

const char* kind_name(OutputKind k) {
  switch (k) {
    case OutputKind::kRun:
      return "run";
    case OutputKind::kSweep:
      return "sweep";
    case OutputKind::kMerge:
      return "merge";
    case OutputKind::kCompare:
      return "compare";
    case OutputKind::kReport:
      return "report";
    case OutputKind::kCalibration:
    case OutputKind::kCalibrationDir:
      return "calibrate";
    case OutputKind::kInternal:
      break;
  }
  return "internal";
}

bool is_directory_kind(OutputKind k) {
  return k == OutputKind::kRun || k == OutputKind::kSweep || k == OutputKind::kMerge ||
         k == OutputKind::kCalibrationDir;
}

// The kind a manifest says; manifests of earlier versions have none and are told by their keys.
std::string manifest_kind(const json& m) {
  try {
    if (!m.is_object() || m.value("program", std::string()) != "ccsim") return "";
    if (m.contains("kind")) return m["kind"].get<std::string>();
    if (m.value("command", std::string()) == "sweep")
      return m.contains("merged_from") ? "merge" : "sweep";
    if (m.contains("scenario_name")) return "run";
  } catch (const json::exception&) {
  }
  return "";
}

// Why the existing directory `dir` is not an earlier output of `kind` that may be replaced, or
// "" if it is.
std::string not_replaceable_directory(const fs::path& dir, OutputKind kind) {
  std::error_code ec;
  const fs::path manifest = dir / "manifest.json";
  if (fs::symlink_status(manifest, ec).type() != fs::file_type::regular)
    return "it has no manifest.json, so ccsim did not write it";
  json m;
  {
    std::ifstream in(manifest, std::ios::binary);
    m = json::parse(in, nullptr, false);
  }
  const std::string k = manifest_kind(m);
  if (k.empty()) return "its manifest.json is not a ccsim manifest";
  if (k != kind_name(kind))
    return std::string("it holds the output of `ccsim ") + k + "`, not of `ccsim " +
           kind_name(kind) + "`";
  // A sweep is replaced complete or not (--force starts it over); others are complete once in
  // place, but say so when their manifest does.
  const auto complete = m.find("complete");
  if (kind != OutputKind::kSweep && complete != m.end() && *complete != true)
    return "it is incomplete";
  std::set<std::string> ours = {"manifest.json"};
  if (m.contains("files") && m["files"].is_object())
    for (const auto& item : m["files"].items()) ours.insert(item.key());
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string f = it->path().filename().string();
    bool temporary = false;
    for (const auto& o : ours)
      temporary =
          temporary || pid_suffix(f, "." + o + ".tmp-") > 0 || pid_suffix(f, o + ".tmp-") > 0;
    if ((!ours.count(f) && !temporary) ||
        fs::symlink_status(it->path(), ec).type() != fs::file_type::regular)
      return "it holds " + f + ", which ccsim did not write there";
  }
  if (ec) return "it cannot be read: " + ec.message();
  return "";
}

std::string compare_header() {
  std::ostringstream os;
  compare::write_csv(os, {});
  return os.str();
}

// Why the existing regular file `file` is not an earlier output of `kind`, or "" if it is.
std::string not_replaceable_file(const fs::path& file, OutputKind kind) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "it cannot be read";
  if (kind == OutputKind::kCompare) {
    std::string line;
    std::getline(in, line);
    if (line + "\n" != compare_header()) return "it is not a CSV that ccsim compare wrote";
    return "";
  }
  if (kind == OutputKind::kReport) {
    // The marker stands in the page's <head>, within its first few hundred bytes.
    std::string head(1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.find(report::kReportMarker) == std::string::npos)
      return "it is not an HTML report that ccsim report wrote";
    return "";
  }
  if (kind == OutputKind::kCalibration) {
    const json j = json::parse(in, nullptr, false);
    const auto d = j.is_object() ? j.find("description") : j.end();
    if (!j.is_object() || d == j.end() || !d->is_string() ||
        d->get<std::string>().rfind(kCalibrationProvenance, 0) != 0)
      return "its \"description\" does not say that ccsim calibrate wrote it";
    return "";
  }
  return "";
}

bool is_mount_point(const fs::path& dir) {
  struct stat a = {};
  struct stat b = {};
  if (::stat(dir.c_str(), &a) != 0 || ::stat((dir / "..").c_str(), &b) != 0) return false;
  if (a.st_dev != b.st_dev || a.st_ino == b.st_ino) return true;
#if defined(STATX_ATTR_MOUNT_ROOT)
  struct statx sx = {};
  if (::statx(AT_FDCWD, dir.c_str(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0 &&
      (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
      (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT))
    return true;
#endif
  return false;
}

// What check_output found at the target.
enum class Found { kNothing, kEmptyDirectory, kOurs };

Found inspect(const fs::path& path, const OutputOptions& o) {
  const std::string where = path.string() + ": ";
  const std::string nothing = "; nothing was written";
  std::error_code ec;
  // The parent must be (or become) a directory we can write in.
  fs::path up = parent_of(path);
  while (!fs::exists(fs::symlink_status(up, ec)) && up.has_relative_path() &&
         up != up.parent_path())
    up = parent_of(up);
  if (fs::exists(up, ec)) {
    if (!fs::is_directory(up, ec))
      throw OutputPathError(where + up.string() + " is not a directory" + nothing);
    if (::access(up.c_str(), W_OK | X_OK) != 0)
      throw OutputPathError(where + "cannot write in " + up.string() + ": " + std::strerror(errno) +
                            nothing);
  }
  if (!is_directory_kind(o.kind) && !fs::is_directory(parent_of(path), ec))
    throw OutputPathError(where + "no such directory: " + parent_of(path).string() + nothing);
  const fs::file_status st = fs::symlink_status(path, ec);
  if (!fs::exists(st)) return Found::kNothing;
  const std::string what = std::string("`ccsim ") + kind_name(o.kind) + "`";
  switch (st.type()) {
    case fs::file_type::symlink:
      throw OutputPathError(
          where + "is a symbolic link; ccsim never replaces one (nor its target)" + nothing);
    case fs::file_type::directory:
      if (!is_directory_kind(o.kind))
        throw OutputPathError(where + "is a directory; give a file name" + nothing);
      if (is_mount_point(path))
        throw OutputPathError(where +
                              "is a mount point, which a new output cannot be renamed onto; "
                              "give a directory inside it" +
                              nothing);
      if (fs::is_empty(path, ec) && !ec) return Found::kEmptyDirectory;
      if (o.kind == OutputKind::kInternal) throw OutputPathError(where + "exists" + nothing);
      break;
    case fs::file_type::regular:
      if (is_directory_kind(o.kind))
        throw OutputPathError(where + "is a file, not an output directory of " + what +
                              "; ccsim never replaces it" + nothing);
      if (o.kind == OutputKind::kInternal) return Found::kOurs;
      break;
    default:
      throw OutputPathError(where +
                            "is not a regular file nor a directory (a device, a pipe?); "
                            "ccsim never replaces it" +
                            nothing);
  }
  const std::string why = st.type() == fs::file_type::directory
                              ? not_replaceable_directory(path, o.kind)
                              : not_replaceable_file(path, o.kind);
  if (!why.empty())
    throw OutputPathError(where + "exists and is not an earlier output of " + what + " (" + why +
                          "); ccsim never replaces it" + nothing);
  if (!o.force)
    throw OutputPathError(where + "holds an earlier output of " + what +
                          ": pass --force to replace it" + nothing);
  return Found::kOurs;
}

void signal_thread(sigset_t set) {
  int sig = 0;
  while (::sigwait(&set, &sig) != 0) {
  }
  // Held until the process is gone: no temporary is renamed into place meanwhile.
  temps_mutex().lock();
  for (const auto& p : temps()) remove_tree(p);
  struct sigaction dfl = {};
  dfl.sa_handler = SIG_DFL;
  ::sigaction(sig, &dfl, nullptr);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  ::pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  ::raise(sig);  // dies of it, so that the exit status says which signal
  ::_exit(128 + sig);
}

}  // namespace

void close_checked(std::ofstream& os, const fs::path& path) {
  os.flush();
  if (!os) throw std::runtime_error("cannot write " + path.string() + " (disk full?)");
  os.close();
  if (!os) throw std::runtime_error("cannot close " + path.string() + " (disk full?)");
}

fs::path normalise_output(const fs::path& path_in, OutputKind kind) {
  std::string s = path_in.string();
  if (s == "-") {
    if (is_directory_kind(kind))
      throw OutputPathError(std::string("--out -: `ccsim ") + kind_name(kind) +
                            "` writes a directory of several files, which standard output "
                            "cannot take; give a directory");
    throw OutputPathError("-: standard output is not a file to write here");
  }
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s.empty()) throw OutputPathError("--out: empty path");
  return s;
}

fs::path check_output(const fs::path& path_in, const OutputOptions& options) {
  const fs::path path = normalise_output(path_in, options.kind);
  const std::string s = path.string();
  const std::string last = path.filename().string();
  if (last == "." || last == ".." || s == "/")
    throw OutputPathError(s + ": names an existing directory by '" + (s == "/" ? s : last) +
                          "', which a new output cannot be renamed onto; give a new "
                          "directory's name; nothing was written");
  inspect(path, options);
  clean_leftovers(path);
  return path;
}

void write_directory(const fs::path& dir_in, const OutputOptions& options,
                     const std::function<void(const fs::path& tmp)>& fill) {
  const fs::path dir = check_output(dir_in, options);
  const fs::path parent = parent_of(dir);
  fs::create_directories(parent);
  const fs::path tmp = temporary_for(dir);
  remember(tmp);
  try {
    remove_tree(tmp);
    fs::create_directory(tmp);
    fill(tmp);
    pause_for_tests(dir);
    // Checked again: the target may have changed while the work was done.
    const Found found = inspect(dir, options);
    std::unique_lock<std::mutex> lock(temps_mutex());
    if (found == Found::kNothing) {
      rename_new(tmp, dir);
      temps().erase(tmp);
      return;
    }
    if (rename2(tmp, dir, RENAME_EXCHANGE) == 0) {  // tmp now holds the earlier output
      lock.unlock();
      if (found == Found::kEmptyDirectory)
        fs::remove(tmp);
      else
        remove_tree(tmp);
      forget(tmp);
      return;
    }
    if (errno != EINVAL && errno != ENOSYS)
      throw std::runtime_error("cannot exchange " + tmp.string() + " with " + dir.string() + ": " +
                               std::strerror(errno));
    // No RENAME_EXCHANGE on this file system: two renames, the signal thread held off between.
    const fs::path old =
        parent / ("." + dir.filename().string() + ".old-" + std::to_string(::getpid()));
    fs::rename(dir, old);
    if (::rename(tmp.c_str(), dir.c_str()) != 0) {
      const int err = errno;
      ::rename(old.c_str(), dir.c_str());  // the earlier output back in place
      throw std::runtime_error("cannot rename " + tmp.string() + " to " + dir.string() + ": " +
                               std::strerror(err));
    }
    temps().erase(tmp);
    temps().insert(old);
    lock.unlock();
    remove_tree(old);
    forget(old);
  } catch (...) {
    remove_tree(tmp);
    forget(tmp);
    throw;
  }
}

void write_file(const fs::path& path_in, const OutputOptions& options,
                const std::function<void(std::ostream&)>& fill) {
  const fs::path path = check_output(path_in, options);
  const fs::path tmp = temporary_for(path);
  remember(tmp);
  try {
    write_new_file(tmp, fill);
    pause_for_tests(path);
    const Found found = inspect(path, options);
    std::lock_guard<std::mutex> lock(temps_mutex());
    if (found == Found::kNothing)
      rename_new(tmp, path);
    else
      fs::rename(tmp, path);  // replaces the earlier file atomically
    temps().erase(tmp);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    forget(tmp);
    throw;
  }
}

void write_new_file(const fs::path& path, const std::function<void(std::ostream&)>& fill) {
  std::ofstream os(path, std::ios::binary | std::ios::trunc);
  if (!os) throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  fill(os);
  close_checked(os, path);
}

void install_signal_cleanup() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old = {};
    // A signal ignored at start (nohup) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_IGN) sigaddset(&set, sig);
  }
  ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(signal_thread, set).detach();
}

}  // namespace ccsim::cli
