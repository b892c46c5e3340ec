#pragma once
// Files for tests that run the real binary: a scratch directory, whole-file reads and writes, and
// the binary itself.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ccsim::test {

// A fresh directory removed when the test ends.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           (prefix + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the ccsim binary with `args` from directory `cwd`, its output to cwd/stdout.txt and
// cwd/stderr.txt; returns the exit status (-1 if it did not exit), stderr in `err` if given.
inline int run_ccsim(const std::filesystem::path& cwd, const std::string& args,
                     std::string* err = nullptr) {
  const auto out = cwd / "stdout.txt", errf = cwd / "stderr.txt";
  const std::string cmd = "cd \"" + cwd.string() + "\" && \"" + CCSIM_BINARY + "\" " + args +
                          " > \"" + out.string() + "\" 2> \"" + errf.string() + "\"";
  const int status = std::system(cmd.c_str());
  if (err) *err = slurp(errf);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ccsim::test
