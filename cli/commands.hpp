#pragma once
// One function per `ccsim` subcommand. Each takes the arguments after the subcommand's name and
// returns the process exit status: 0 success, 1 a failure while working, 2 bad input or usage.
#include <string>
#include <vector>

namespace ccsim::cli {

using Args = std::vector<std::string>;

int cmd_run(const Args& args);
int cmd_validate(const Args& args);
int cmd_schema(const Args& args);
int cmd_resolve(const Args& args);
int cmd_calibrate(const Args& args);
int cmd_compare(const Args& args);
int cmd_sweep(const Args& args);
int cmd_merge(const Args& args);
int cmd_report(const Args& args);

// What `ccsim validate` checks of each kind of file, each by its own rules (InputError with every
// problem): a sweep file with its base scenario, a calibration spec with its scenario and targets.
void validate_sweep_file(const std::string& file);
void validate_calibration_file(const std::string& file);
void validate_targets_file(const std::string& file);

}  // namespace ccsim::cli
