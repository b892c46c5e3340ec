#pragma once
// The ccsim binary as a child process the test can watch, signal and limit: for kills while it
// writes and for a full disk (RLIMIT_FSIZE, with SIGXFSZ ignored so that writes fail with EFBIG).
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace ccsim::test {

constexpr int kCannotLimit = 126;  // the child's exit status when it cannot set its limit

// Starts the ccsim binary with `args` in `cwd`, stdout and stderr to cwd/stdout.txt and
// cwd/stderr.txt; with `max_file_bytes` > 0, no file it writes may grow past that size.
inline pid_t spawn_ccsim(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                         long max_file_bytes = 0) {
  const std::string out = (cwd / "stdout.txt").string(), err = (cwd / "stderr.txt").string();
  std::string binary = CCSIM_BINARY;
  std::vector<char*> argv;
  argv.push_back(binary.data());
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  // The child: only async-signal-safe calls until exec.
  if (::chdir(cwd.c_str()) != 0) ::_exit(127);
  const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0) ::_exit(127);
  if (max_file_bytes > 0) {
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = static_cast<rlim_t>(max_file_bytes);
    if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) ::_exit(kCannotLimit);
    ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails instead of killing
  }
  ::execv(binary.c_str(), argv.data());
  ::_exit(127);
}

// Waits for `pid` up to `timeout`; returns its wait status, or -1 on timeout (it is then killed).
inline int wait_for(pid_t pid, std::chrono::seconds timeout = std::chrono::seconds(300)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < end) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

// Polls `ready` every few milliseconds while `pid` runs, up to `timeout`; true once it holds.
// False if the child ended first (its status then in `status`) or on timeout.
inline bool wait_until(pid_t pid, const std::function<bool()>& ready, int& status,
                       std::chrono::seconds timeout = std::chrono::seconds(300)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (ready()) return true;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  status = -1;
  return false;
}

// Runs ccsim to the end (see spawn_ccsim); returns its exit status, -1 if it did not exit.
inline int run_ccsim_limited(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                             long max_file_bytes) {
  const int status = wait_for(spawn_ccsim(cwd, args, max_file_bytes));
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ccsim::test
