#include <iostream>

#include "cli/commands.hpp"

namespace ccsim::cli {

int cmd_calibrate(const Args&) {
  std::cerr << "ccsim calibrate: not built yet\n";
  return 2;
}

}  // namespace ccsim::cli
