#pragma once
// Where the commands write: checking an --out path before any work, writing through a temporary
// sibling that is renamed (or exchanged) into place only when complete, removing temporaries on
// failures and on SIGINT, SIGTERM and SIGHUP, and cleaning up what a SIGKILL left.
//
// The rule (README, "Exit status"): ccsim replaces only an earlier complete output of the same
// kind that it wrote itself, and only with --force. A directory output is recognised by its
// manifest.json ("program": "ccsim" and its "kind") and must hold nothing but the files that
// manifest lists; a single-file output by its content (compare's CSV header line, calibrate's
// "description", report's generator marker). Symlinks, devices, other files and other
// directories are never replaced.
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace ccsim::cli {

namespace fs = std::filesystem;

// What an output is. kInternal: a file inside a directory the command owns (a sweep's points.csv
// and manifest.json), which it replaces freely.
// kCalibration: a file calibrate writes (the fitted parameters, the ensemble); kCalibrationDir:
// calibrate's output directory.
// kReport: the HTML file `ccsim report` writes, known by report::kReportMarker in its <head>.
enum class OutputKind {
  kInternal,
  kRun,
  kSweep,
  kMerge,
  kCompare,
  kCalibration,
  kCalibrationDir,
  kReport
};

struct OutputOptions {
  OutputKind kind = OutputKind::kInternal;
  bool force = false;  // replace an earlier output of the same kind
};

// An --out path ccsim must not or cannot write to: usage, exit status 2, nothing written.
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The start of calibrate's "description", by which calibrate knows its own earlier output.
constexpr const char* kCalibrationProvenance = "Free parameters fitted by `ccsim calibrate";

// `path` without trailing slashes; refuses "-" (standard output) and an empty path.
fs::path normalise_output(const fs::path& path, OutputKind kind);

// Checks `path` before any work is done and returns it normalised (trailing slashes dropped):
// refuses "-", ".", "..", "/", a mount point, a place whose parent is not a directory, and an
// existing target unless it is an earlier output of this kind (and `force`). Removes (and says
// so) temporaries left in its parent by ccsim processes that no longer exist.
fs::path check_output(const fs::path& path, const OutputOptions& options);

// Builds `dir` in a temporary sibling and puts it in place only once `fill` succeeded: an earlier
// output is exchanged atomically with the new one (renameat2 RENAME_EXCHANGE), then removed, so
// that some complete output is at `dir` at every moment. A failure or a signal removes the
// temporary. Without options nothing that exists (but an empty directory) is replaced.
void write_directory(const fs::path& dir, const OutputOptions& options,
                     const std::function<void(const fs::path& tmp)>& fill);
inline void write_directory(const fs::path& dir,
                            const std::function<void(const fs::path& tmp)>& fill) {
  write_directory(dir, OutputOptions{}, fill);
}

// Writes a file through a temporary sibling and a rename, checking every write and the close.
void write_file(const fs::path& path, const OutputOptions& options,
                const std::function<void(std::ostream&)>& fill);
inline void write_file(const fs::path& path, const std::function<void(std::ostream&)>& fill) {
  write_file(path, OutputOptions{}, fill);
}

// Writes a new file inside a directory being filled by write_directory, checking every write and
// the close (a full disk is an error, never a short file).
void write_new_file(const fs::path& path, const std::function<void(std::ostream&)>& fill);

// Flushes and closes `os`, throwing if a write or the close failed.
void close_checked(std::ofstream& os, const fs::path& path);

// Blocks SIGINT, SIGTERM and SIGHUP (those not ignored at start) in every thread and handles them
// on a thread of their own, which removes the temporaries in progress and then dies of the signal.
// Called once, first thing in main, before any thread is started.
void install_signal_cleanup();

}  // namespace ccsim::cli
