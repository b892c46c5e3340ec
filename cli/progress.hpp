#pragma once
// A progress line on standard error: rewritten in place on a terminal (at most 4 times a
// second), a plain line every few seconds in a log, nothing when quiet.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>

#include "model/cost.hpp"

namespace ccsim::cli {

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ProgressLine(bool quiet)
      : quiet_(quiet), tty_(::isatty(STDERR_FILENO) != 0), start_(Clock::now()), last_(start_) {}

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  // Shows `text` unless the last line was shown too recently (`force` shows it anyway).
  void show(const std::string& text, bool force = false) {
    if (quiet_) return;
    const auto now = Clock::now();
    if (!force && std::chrono::duration<double>(now - last_).count() < (tty_ ? 0.25 : 5.0)) return;
    last_ = now;
    if (tty_)
      std::cerr << "\r\033[K" << text << std::flush;
    else
      std::cerr << text << "\n" << std::flush;
    shown_ = true;
  }

  void end() {
    if (!quiet_ && tty_ && shown_) std::cerr << "\n";
    shown_ = false;
  }

  // "1h02m", "3m05s", "4.2s" (model/cost.hpp's wording); "?" when unknown (negative).
  static std::string duration(double seconds) {
    return seconds < 0 ? std::string("?") : format_seconds(seconds);
  }

 private:
  bool quiet_, tty_;
  Clock::time_point start_, last_;
  bool shown_ = false;
};

}  // namespace ccsim::cli
